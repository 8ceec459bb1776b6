import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TicketiError } from '../../shared/errors'
import { BOX_OFFICE, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'
import { sellToCustomers, type SaleToCustomer } from './sell-to-customers'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

const NOW = '2026-12-01T18:00:00.000Z'

function availableIds(eventId: number): number[] {
  return core.store.sqlite
    .prepare(`SELECT id FROM ticket WHERE event_id = ? AND status = 'available' ORDER BY id`)
    .pluck()
    .all(eventId) as number[]
}

function saleOf(
  eventId: number,
  ids: number[],
  customer: SaleToCustomer['customer'],
  more: Partial<SaleToCustomer> = {},
): SaleToCustomer {
  return {
    eventId,
    customer,
    paymentMethod: 'card',
    tickets: ids.map((id) => ({ id, price_cents: 1500 })),
    codes: ids.map((id) => String(100 + id)),
    who: { operator: 'seller', station: 'Box office' },
    now: NOW,
    ...more,
  }
}

describe('selling a slice of sales at once', () => {
  it('finds and creates the buyers as if each sale came after the one before', () => {
    const { eventId } = seededEvent(core, 10)
    // Someone the box office knows by phone only.
    core.call(
      'assign',
      { event_id: eventId, customer: { name: 'Known', phone: '+33 6 12 34 56 78' } },
      BOX_OFFICE,
    )
    const [a, b, c, d, e] = availableIds(eventId)
    const sold = core.store.sqlite.transaction(() =>
      sellToCustomers(core.store.sqlite, [
        saleOf(eventId, [a!], { name: 'Ann', email: 'Ann@Example.com' }),
        saleOf(eventId, [b!, c!], { name: 'Bob', phone: '0612 34 56 78' }, { holderName: 'Bea' }),
        saleOf(eventId, [d!], { name: 'Ann again', email: 'ann@example.com', phone: '0700' }),
        saleOf(eventId, [e!], { name: 'Known', phone: '+33612345678', email: 'known@example.com' }),
      ]),
    )()

    const [ann, bob, annAgain, known] = sold
    // Ann was new when her sale came, with no phone; her second sale found her and added one.
    expect(ann!.customer).toMatchObject({ name: 'Ann', email: 'ann@example.com', phone: null })
    expect(annAgain!.customer.id).toBe(ann!.customer.id)
    expect(annAgain!.customer.phone).toBe('0700')
    // Bob's phone, written differently, is not the known customer's.
    expect(bob!.customer.id).not.toBe(ann!.customer.id)
    expect(known!.customer).toMatchObject({ name: 'Known', email: 'known@example.com' })
    const customers = core.store.sqlite.prepare('SELECT name, email, phone FROM customer ORDER BY id').all()
    expect(customers).toEqual([
      { name: 'Known', email: 'known@example.com', phone: '+33612345678' },
      { name: 'Ann', email: 'ann@example.com', phone: '0700' },
      { name: 'Bob', email: null, phone: '0612345678' },
    ])

    // Each sale's tickets carry its own sale, buyer, codes and holder, and nobody else's; a buyer
    // found again under another name holds the tickets under the name just given.
    const tickets = core.store.sqlite
      .prepare(
        `SELECT t.id, t.sale_id, t.customer_id, t.short_code, t.status, p.name AS holder
           FROM ticket t LEFT JOIN person p ON p.id = t.person_id WHERE t.id IN (?, ?, ?, ?, ?) ORDER BY t.id`,
      )
      .all(a, b, c, d, e)
    expect(tickets).toEqual(
      [
        [a, ann!, null],
        [b, bob!, 'Bea'],
        [c, bob!, 'Bea'],
        [d, annAgain!, 'Ann again'],
        [e, known!, null],
      ].map(([id, sale, holder]) => ({
        id,
        sale_id: (sale as (typeof sold)[0]).saleId,
        customer_id: (sale as (typeof sold)[0]).customer.id,
        short_code: String(100 + (id as number)),
        status: 'assigned',
        holder,
      })),
    )
    expect(bob!.holderName).toBe('Bea')
    expect(sold.map((s) => s.amount)).toEqual([1500, 3000, 1500, 1500])
    const sales = core.store.sqlite
      .prepare(
        'SELECT id, customer_id, amount_cents, ticket_count FROM sale WHERE id IN (?, ?, ?, ?) ORDER BY id',
      )
      .all(...sold.map((s) => s.saleId))
    expect(sales).toEqual(
      sold.map((s, i) => ({
        id: s.saleId,
        customer_id: s.customer.id,
        amount_cents: s.amount,
        ticket_count: [1, 2, 1, 1][i],
      })),
    )
  })

  it('refuses the whole slice when a ticket was taken meanwhile, and the transaction takes it all back', () => {
    const { eventId } = seededEvent(core, 5)
    const [a, b] = availableIds(eventId)
    core.store.sqlite.prepare(`UPDATE ticket SET status = 'void' WHERE id = ?`).run(b)
    const sell = core.store.sqlite.transaction(() =>
      sellToCustomers(core.store.sqlite, [
        saleOf(eventId, [a!], { name: 'Ann', email: 'ann@example.com' }),
        saleOf(eventId, [b!], { name: 'Bob', email: 'bob@example.com' }),
      ]),
    )
    expect(sell).toThrow(TicketiError)
    expect(sell).toThrow(/taken by another station/)
    expect(core.store.sqlite.prepare('SELECT count(*) FROM sale').pluck().get()).toBe(0)
    expect(core.store.sqlite.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(0)
    expect(availableIds(eventId)).toContain(a)
  })
})
