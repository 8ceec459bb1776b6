// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CodeDisplay, Keypad } from './Keypad'

afterEach(cleanup)

function keypad(props: Partial<Parameters<typeof Keypad>[0]> = {}) {
  const handlers = { onDigit: vi.fn(), onBackspace: vi.fn(), onEnter: vi.fn() }
  render(<Keypad disabled={false} empty={false} exits={false} {...handlers} {...props} />)
  return handlers
}

describe('the keypad', () => {
  it('has the ten digits, a delete key and the send key, none of which takes the focus', () => {
    keypad()
    const keys = screen.getAllByRole('button')
    expect(keys.map((k) => k.getAttribute('aria-label'))).toEqual([
      ...'123456789',
      'Delete last digit',
      '0',
      'Check in',
    ])
    for (const key of keys) expect(key.tabIndex).toBe(-1)
  })

  it('types a digit on the pointer going down, not on the click that follows', () => {
    const { onDigit } = keypad()
    fireEvent.pointerDown(screen.getByRole('button', { name: '7' }), { button: 0 })
    expect(onDigit).toHaveBeenCalledExactlyOnceWith('7', expect.objectContaining({ keyboard: false }))
    // The click after a tap carries detail 1: the digit is not typed twice.
    fireEvent.click(screen.getByRole('button', { name: '7' }), { detail: 1 })
    expect(onDigit).toHaveBeenCalledOnce()
  })

  it('answers a click from the keyboard or a screen reader, and ignores a right click', () => {
    const { onDigit, onBackspace, onEnter } = keypad()
    fireEvent.click(screen.getByRole('button', { name: '0' }), { detail: 0 })
    expect(onDigit).toHaveBeenCalledWith('0', expect.anything())
    fireEvent.pointerDown(screen.getByRole('button', { name: '5' }), { button: 2 })
    expect(onDigit).toHaveBeenCalledOnce()
    fireEvent.pointerDown(screen.getByRole('button', { name: 'Delete last digit' }), { button: 0 })
    expect(onBackspace).toHaveBeenCalledOnce()
    fireEvent.pointerDown(screen.getByRole('button', { name: 'Check in' }), { button: 0 })
    expect(onEnter).toHaveBeenCalledOnce()
  })

  it('has nothing to send before a digit is typed, and says Check out when scanning guests out', () => {
    keypad({ empty: true, exits: true })
    expect(screen.getByRole('button', { name: 'Check out' })).toHaveProperty('disabled', true)
    expect(screen.queryByRole('button', { name: 'Check in' })).toBeNull()
  })

  it('is marked disabled as a whole while a code is being checked', () => {
    keypad({ disabled: true })
    expect(screen.getByRole('group', { name: 'Keypad' }).getAttribute('aria-disabled')).toBe('true')
  })
})

function display(props: Partial<Parameters<typeof CodeDisplay>[0]> = {}) {
  const onClear = vi.fn()
  render(
    <CodeDisplay
      typed=""
      codeLength={3}
      checking={false}
      incomplete={false}
      exits={false}
      onClear={onClear}
      {...props}
    />,
  )
  return { onClear, code: screen.getByRole('status', { hidden: true, name: 'Typed code' }) }
}

describe('the typed code', () => {
  it('shows one box per digit of the event code, filled as digits are typed', () => {
    const { code } = display({ typed: '04' })
    expect([...code.children].map((box) => box.textContent)).toEqual(['0', '4', ''])
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says how many digits the code has when Enter came too early', () => {
    display({ typed: '04', incomplete: true })
    expect(screen.getByRole('alert').textContent).toBe('Type all 3 digits')
  })

  it('shows a scanned ticket as text and says Enter checks it', () => {
    const { code } = display({ typed: '123e4567-e89b-42d3-a456-426614174000' })
    expect(code.textContent).toContain('123e4567-e89b-42d3-a456-426614174000')
    expect(code.textContent).toContain('Scanned · Enter to check')
  })

  it('marks scanning out, shows Checking… and clears only what was typed', () => {
    const empty = display({ exits: true })
    expect(empty.code.textContent).toContain('Exit')
    expect(screen.getByRole('button', { name: 'Clear' })).toHaveProperty('disabled', true)
    cleanup()
    const typed = display({ typed: '1' })
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }))
    expect(typed.onClear).toHaveBeenCalledOnce()
    cleanup()
    display({ typed: '123', checking: true })
    expect(screen.getByText('Checking…')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Clear' })).toHaveProperty('disabled', true)
  })
})
