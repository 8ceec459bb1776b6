// @vitest-environment happy-dom
// The sell form against a stand-in desktop bridge: its refusals come back as
// the main process sends them, through the renderer's real client.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Outcome } from '../../../../shared/errors'
import type { EventDetails } from '../../../../shared/views'

const bridge = vi.hoisted(() => {
  const call = vi.fn()
  window.ticketi = { call, shell: vi.fn(), onLive: () => () => {} } as never
  return { call }
})

const { SellForm } = await import('./SellForm')
const { queries } = await import('../../api')

const event = {
  id: 3,
  name: 'Jazz Night',
  code_length: 3,
  ticket_types: [
    {
      id: 11,
      event_id: 3,
      name: 'General',
      price_cents: 2500,
      currency: 'EUR',
      capacity: null,
      tickets: 10,
      sold: 2,
    },
    {
      id: 12,
      event_id: 3,
      name: 'Balcony',
      price_cents: 4000,
      currency: 'EUR',
      capacity: 5,
      tickets: 5,
      sold: 0,
    },
  ],
} as unknown as EventDetails

const left = (general: number, balcony: number) => ({
  ok: true,
  value: {
    ticket_types: [
      { ticket_type_id: 11, name: 'General', available: general },
      { ticket_type_id: 12, name: 'Balcony', available: balcony },
    ],
  },
})

let assignAnswers: Outcome<unknown>[] = []
beforeEach(() => {
  assignAnswers = []
  bridge.call.mockImplementation(async (name: string) =>
    name === 'reconciliation'
      ? left(8, 5)
      : (assignAnswers.shift() ?? { ok: false, error: { code: 'INTERNAL', error: 'No answer.' } }),
  )
})
afterEach(() => {
  cleanup()
  queries.invalidate(() => true)
  bridge.call.mockReset()
})

function sellForm() {
  const onSold = vi.fn()
  render(<SellForm event={event} onSold={onSold} />)
  return { onSold, user: userEvent.setup() }
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement
const sell = () => screen.getByRole('button', { name: /^Sell/ })
const assignCalls = () => bridge.call.mock.calls.filter(([name]) => name === 'assign')

describe('the sell form', () => {
  it("puts each refused field's problem right under it and marks the field", async () => {
    const { user, onSold } = sellForm()
    assignAnswers.push({
      ok: false,
      error: {
        code: 'VALIDATION',
        error: 'Check the sale.',
        details: [
          { path: 'customer.email', message: 'This email address has no @.' },
          { path: 'holder_name', message: 'A holder name has at most 200 characters.' },
        ],
      },
    })
    await user.type(field('Email'), 'ann.example.com')
    await user.click(sell())
    expect(await within(field('Email').parentElement!).findByRole('alert')).toHaveProperty(
      'textContent',
      'This email address has no @.',
    )
    expect(field('Email').getAttribute('aria-invalid')).toBe('true')
    const describedBy = field('Email').getAttribute('aria-describedby')!
    expect(document.getElementById(describedBy)?.textContent).toBe('This email address has no @.')
    expect(within(field('Ticket holder').parentElement!).getByRole('alert').textContent).toBe(
      'A holder name has at most 200 characters.',
    )
    expect(field('Customer name').getAttribute('aria-invalid')).toBeNull()
    expect(assignCalls()[0]![1]).toMatchObject({ event_id: 3, customer: { email: 'ann.example.com' } })
    expect(onSold).not.toHaveBeenCalled()
    // The typed email stays to be corrected; correcting it takes its problem away.
    expect(field('Email').value).toBe('ann.example.com')
    await user.type(field('Email'), '@')
    expect(within(field('Email').parentElement!).queryByRole('alert')).toBeNull()
    expect(within(field('Ticket holder').parentElement!).getByRole('alert')).toBeTruthy()
  })

  it('says under the quantity how many are left when too few are', async () => {
    const { user } = sellForm()
    assignAnswers.push({
      ok: false,
      error: { code: 'SOLD_OUT', error: 'Only 8 General tickets are left: sell 8 or fewer.' },
    })
    await user.clear(field('Quantity'))
    await user.type(field('Quantity'), '9')
    await user.click(sell())
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('Only 8 General tickets are left: sell 8 or fewer.')
    expect(field('Quantity').getAttribute('aria-invalid')).toBe('true')
  })

  it('says above the button what belongs to no field', async () => {
    const { user } = sellForm()
    assignAnswers.push({
      ok: false,
      error: { code: 'CONFLICT', error: 'Jazz Night is closed: no more sales.' },
    })
    await user.click(sell())
    expect((await screen.findByRole('alert')).textContent).toBe('Jazz Night is closed: no more sales.')
    for (const label of ['Customer name', 'Email', 'Phone', 'Ticket holder', 'Quantity'])
      expect(field(label).getAttribute('aria-invalid')).toBeNull()
  })

  it('sells, then clears everything but the ticket type for the next guest', async () => {
    const { user, onSold } = sellForm()
    await waitFor(() => expect(screen.getByRole('option', { name: /Balcony · .* · 5 left/ })).toBeTruthy())
    const sale = { sale_id: 1, tickets: [], amount_cents: 8000 }
    assignAnswers.push({ ok: true, value: sale })
    await user.type(field('Customer name'), 'Ann Example')
    await user.selectOptions(screen.getByLabelText('Ticket type'), '12')
    await user.clear(field('Quantity'))
    await user.type(field('Quantity'), '2')
    expect(sell().textContent).toBe('Sell 2 tickets')
    await user.click(sell())
    await waitFor(() => expect(onSold).toHaveBeenCalledWith(sale))
    expect(assignCalls()[0]![1]).toMatchObject({ ticket_type_id: 12, quantity: 2, payment_method: 'cash' })
    expect(field('Customer name').value).toBe('')
    expect(field('Quantity').value).toBe('1')
    expect((screen.getByLabelText('Ticket type') as HTMLSelectElement).value).toBe('12')
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
