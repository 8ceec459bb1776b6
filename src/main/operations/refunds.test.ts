import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Change } from '../after-commit'
import { BOX_OFFICE, DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
let heard: Change[]
beforeEach(() => {
  core = openTestCore()
  heard = []
  core.afterCommit.subscribe((writes) => writes.forEach((w) => heard.push(...w.changes)))
})
afterEach(() => core.dispose())

function sell(eventId: number, quantity: number, payment_method: 'cash' | 'card' = 'card') {
  return core.call(
    'assign',
    { event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' }, quantity, payment_method },
    BOX_OFFICE,
  )
}

describe('refunds', () => {
  it('gives back part of a sale, voids the tickets named, and shows it on the sale and its tickets', () => {
    const { eventId } = seededEvent(core, 10)
    const sale = sell(eventId, 3)
    const [a, b] = sale.tickets
    const result = core.call(
      'refundSale',
      {
        sale_id: sale.sale_id,
        amount_cents: 1500,
        payment_method: 'cash',
        reason: 'Could not come',
        ticket_ids: [a!.id],
      },
      BOX_OFFICE,
    )
    expect(result.refund).toMatchObject({
      amount_cents: 1500,
      payment_method: 'cash',
      ticket_ids: [a!.id],
      operator: 'seller',
    })
    expect(result.sale).toMatchObject({ amount_cents: 4500, refunded_cents: 1500, refundable_cents: 3000 })
    const refunded = result.sale.tickets.find((t) => t.id === a!.id)!
    expect(refunded).toMatchObject({
      status: 'void',
      refund_id: result.refund.id,
      void_reason: 'Refunded: Could not come',
    })
    expect(core.call('checkIn', { event_id: eventId, code: a!.short_code! }, DOOR).result).toBe('VOID')
    expect(core.call('checkIn', { event_id: eventId, code: b!.short_code! }, DOOR).result).toBe('OK')
    expect(heard.filter((c) => c.kind === 'live').map((c) => c.kind === 'live' && c.type)).toEqual(
      expect.arrayContaining(['void', 'refund']),
    )
    const audit = core.store.sqlite
      .prepare("SELECT entity, entity_id FROM audit_log WHERE action = 'refund'")
      .all()
    expect(audit).toEqual([{ entity: 'sale', entity_id: sale.sale_id }])
  })

  it('never gives back more than was paid, net of earlier refunds, and changes nothing when refused', () => {
    const { eventId } = seededEvent(core, 10)
    const sale = sell(eventId, 2)
    const refund = (amount_cents: number, ticket_ids?: number[]) =>
      core.call('refundSale', {
        sale_id: sale.sale_id,
        amount_cents,
        payment_method: 'card',
        reason: 'Goodwill',
        ticket_ids,
      })
    expect(() => refund(3001)).toThrow(/At most .*30[.,]00/)
    refund(2000)
    expect(() => refund(1001, [sale.tickets[0]!.id])).toThrow(/At most .*10[.,]00/)
    // The refused refund voided nothing.
    expect(
      core.call('getSale', { sale_id: sale.sale_id }).tickets.every((t) => t.status === 'assigned'),
    ).toBe(true)
    refund(1000)
    expect(() => refund(1)).toThrow(/already refunded/)
    expect(() => refund(0)).toThrow(/amount to refund, or choose the tickets/)
    expect(core.store.sqlite.prepare('SELECT count(*) FROM refund').pluck().get()).toBe(2)
  })

  it('refuses tickets of another sale, tickets already void, and bad input', () => {
    const { eventId } = seededEvent(core, 10)
    const one = sell(eventId, 1)
    const other = sell(eventId, 1)
    const base = { sale_id: one.sale_id, amount_cents: 0, payment_method: 'cash' as const, reason: 'x' }
    expect(() => core.call('refundSale', { ...base, ticket_ids: [other.tickets[0]!.id] })).toThrow(
      /not part of sale/,
    )
    core.call('voidTicket', { ticket_id: one.tickets[0]!.id, reason: 'x' })
    expect(() => core.call('refundSale', { ...base, ticket_ids: [one.tickets[0]!.id] })).toThrow(
      /already void/,
    )
    expect(() => core.call('refundSale', { ...base, amount_cents: -5 })).toThrow(/negative/)
    expect(() => core.call('refundSale', { ...base, reason: '' })).toThrow(/why the money goes back/)
    expect(() => core.call('refundSale', { ...base, sale_id: 999 })).toThrow(/no sale with id 999/)
    expect(() => core.call('refundSale', { ...base, ticket_ids: [1, 1] })).toThrow(/once/)
    expect(() => core.call('refundSale', base, DOOR)).toThrow()
  })

  it('refund and resell: a fresh ticket of the same type goes back on sale in the same step', () => {
    const { eventId, typeId } = seededEvent(core, 2, { capacity: 2 })
    const sale = sell(eventId, 2)
    expect(() => sell(eventId, 1)).toThrow()
    const result = core.call('refundSale', {
      sale_id: sale.sale_id,
      amount_cents: 1500,
      payment_method: 'card',
      reason: 'Returned at the box office',
      ticket_ids: [sale.tickets[0]!.id],
      resell: true,
    })
    expect(result.resold_ticket_ids).toHaveLength(1)
    const resold = sell(eventId, 1)
    expect(resold.tickets[0]).toMatchObject({ id: result.resold_ticket_ids[0], ticket_type_id: typeId })
    expect(resold.tickets[0]!.short_code).not.toBe(sale.tickets[0]!.short_code)
  })

  it('reports revenue by payment method net of refunds, and the refunds on their own, in the CSV too', () => {
    const { eventId } = seededEvent(core, 10)
    const card = sell(eventId, 2, 'card')
    sell(eventId, 1, 'cash')
    core.call('refundSale', {
      sale_id: card.sale_id,
      amount_cents: 1500,
      payment_method: 'cash',
      reason: 'Card machine was down',
      ticket_ids: [card.tickets[0]!.id],
    })
    const report = core.call('reconciliation', { event_id: eventId })
    const line = (m: string) => report.revenue.find((r) => r.payment_method === m)!
    expect(line('card')).toMatchObject({ amount_cents: 3000, refunded_cents: 0, net_cents: 3000 })
    expect(line('cash')).toMatchObject({ amount_cents: 1500, refunded_cents: 1500, net_cents: 0 })
    expect(report.refunds.find((r) => r.payment_method === 'cash')).toEqual({
      payment_method: 'cash',
      refunds: 1,
      tickets: 1,
      amount_cents: 1500,
    })
    expect(report.refunded_cents).toBe(1500)
    expect(report.net_revenue_cents).toBe(3000)
    expect(report.totals.void).toBe(1)
    const csv = core.call('reconciliationCsv', { event_id: eventId })
    const rows = Papa.parse<Record<string, string>>(csv.content.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data
    expect(rows.find((r) => r.ticket_type === 'Refunded by cash')).toMatchObject({
      assigned: '1',
      revenue: '15.00',
    })
    expect(rows.find((r) => r.ticket_type === 'Net cash after refunds')!.revenue).toBe('0.00')
    expect(rows.find((r) => r.ticket_type === 'Net card after refunds')!.revenue).toBe('30.00')
  })
})
