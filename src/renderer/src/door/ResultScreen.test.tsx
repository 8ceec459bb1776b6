// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CheckInAnswer } from '../../../shared/views'
import { AnswerScreen, NotCheckedScreen } from './ResultScreen'

afterEach(cleanup)

const ticket: NonNullable<CheckInAnswer['ticket']> = {
  id: 7,
  uuid: '123e4567-e89b-42d3-a456-426614174000',
  short_code: '042',
  ticket_type_name: 'General',
  holder_name: 'Ann Example',
  status: 'checked_in',
}

const answer = (result: CheckInAnswer['result'], more: Partial<CheckInAnswer> = {}): CheckInAnswer => ({
  result,
  direction: 'in',
  message: 'No ticket with code 999 for Jazz Night.',
  checkin_id: 1,
  ticket,
  ...more,
})

function shown(result: CheckInAnswer, code = '042') {
  const onDismiss = vi.fn()
  render(<AnswerScreen answer={result} code={code} onDismiss={onDismiss} />)
  return { onDismiss, screen: screen.getByRole('alert') }
}

describe('the answer screen', () => {
  it('lets a guest in in green, by name, with the code and how to go on', () => {
    const { screen: answerScreen } = shown(answer('OK'))
    expect(answerScreen.dataset.result).toBe('OK')
    expect(answerScreen.className).toContain('bg-green-600')
    expect(screen.getByTestId('door-headline').textContent).toBe('Ann Example')
    expect(screen.queryByTestId('door-instruction')).toBeNull()
    expect(answerScreen.textContent).toContain('Code 042 · Tap or press any key for the next guest')
  })

  it('refuses an unknown code in red, says not to let in, and names the code typed', () => {
    const { screen: answerScreen } = shown(answer('UNKNOWN', { ticket: null }), '999')
    expect(answerScreen.className).toContain('bg-red-700')
    expect(screen.getByTestId('door-instruction').textContent).toBe('Do not let in')
    expect(answerScreen.textContent).toContain('Code 999 ·')
  })

  it('sends a guest of another night to that event', () => {
    const other = { id: 2, name: 'Blues Night', starts_at: '2026-12-02T20:00:00Z' }
    shown(answer('WRONG_EVENT', { ticket: null, other_event: other }))
    expect(screen.getByTestId('door-instruction').textContent).toBe('Send to Blues Night')
  })

  it('leaves a scanned uuid out of the footer, which has room for a short code only', () => {
    const { screen: answerScreen } = shown(answer('UNKNOWN', { ticket: null }), ticket.uuid)
    expect(answerScreen.textContent).not.toContain(ticket.uuid)
    expect(answerScreen.textContent).toContain('Tap or press any key for the next guest')
  })

  it('goes back to the keypad on a tap anywhere', () => {
    const { onDismiss, screen: answerScreen } = shown(answer('DUPLICATE', { ticket: null }))
    fireEvent.pointerDown(screen.getByTestId('door-headline'))
    fireEvent.pointerDown(answerScreen)
    expect(onDismiss).toHaveBeenCalledTimes(2)
  })
})

describe('the screen when the host could not be asked', () => {
  it('says the guest is not checked, retries the kept code and goes back', () => {
    const onRetry = vi.fn()
    const onBack = vi.fn()
    render(
      <NotCheckedScreen message="The host did not answer." code="042" onRetry={onRetry} onBack={onBack} />,
    )
    const alert = screen.getByRole('alert')
    expect(alert.dataset.result).toBe('NOT_CHECKED')
    expect(alert.textContent).toContain('The host did not answer.')
    expect(alert.textContent).toContain('Code 042 · Enter tries again · Esc clears')
    const retry = screen.getByRole('button', { name: 'Try again' })
    expect(document.activeElement).toBe(retry)
    fireEvent.pointerDown(retry, { button: 0 })
    expect(onRetry).toHaveBeenCalledOnce()
    fireEvent.click(screen.getByRole('button', { name: 'Back to keypad' }))
    expect(onBack).toHaveBeenCalledOnce()
  })
})
