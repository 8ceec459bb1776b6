import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Principal } from '../../shared/principal'
import { ADMIN, BOX_OFFICE, DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

const SECOND_TILL: Principal = { role: 'boxoffice', station: 'Till 2', operator: 'other seller' }

function sell(eventId: number, quantity: number, payment_method: 'cash' | 'card', who: Principal) {
  return core.call(
    'assign',
    { event_id: eventId, customer: { name: 'Guest' }, quantity, payment_method },
    who,
  )
}

describe('cash-up', () => {
  it('adds up one station’s sales and refunds by payment method, and the cash the drawer should hold', () => {
    const { eventId } = seededEvent(core, 20)
    const cash = sell(eventId, 3, 'cash', BOX_OFFICE)
    sell(eventId, 2, 'card', BOX_OFFICE)
    sell(eventId, 4, 'cash', SECOND_TILL)
    core.call(
      'refundSale',
      { sale_id: cash.sale_id, amount_cents: 1500, payment_method: 'cash', reason: 'One could not come' },
      BOX_OFFICE,
    )
    const mine = core.call('cashUp', { event_id: eventId, station: 'Box office' })
    const line = (m: string) => mine.lines.find((l) => l.payment_method === m)!
    expect(line('cash')).toEqual({
      payment_method: 'cash',
      sales: 1,
      sales_cents: 4500,
      refunds: 1,
      refunds_cents: 1500,
      net_cents: 3000,
    })
    expect(line('card')).toMatchObject({ sales: 1, sales_cents: 3000, net_cents: 3000 })
    expect(mine.cash_expected_cents).toBe(3000)
    expect(mine.totals).toEqual({
      sales: 2,
      sales_cents: 7500,
      refunds: 1,
      refunds_cents: 1500,
      net_cents: 6000,
    })

    const other = core.call('cashUp', { event_id: eventId, operator: 'other seller' })
    expect(other.cash_expected_cents).toBe(6000)
    const everyone = core.call('cashUp', { event_id: eventId })
    expect(everyone.cash_expected_cents).toBe(9000)
  })

  it('keeps to the shift: nothing sold before it starts or after it ends', () => {
    const { eventId } = seededEvent(core, 5)
    sell(eventId, 1, 'cash', ADMIN)
    const later = core.call('cashUp', { event_id: eventId, from: '2999-01-01T00:00:00Z' })
    expect(later.totals.sales).toBe(0)
    const earlier = core.call('cashUp', { event_id: eventId, to: '2000-01-01T00:00:00+01:00' })
    expect(earlier.totals.sales).toBe(0)
    const around = core.call('cashUp', {
      event_id: eventId,
      from: '2000-01-01T00:00:00Z',
      to: '2999-01-01T00:00:00Z',
    })
    expect(around.totals.sales).toBe(1)
    expect(() =>
      core.call('cashUp', { event_id: eventId, from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }),
    ).toThrow(/end after it starts/)
    expect(() => core.call('cashUp', { event_id: eventId }, DOOR)).toThrow()
  })
})
