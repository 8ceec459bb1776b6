import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

describe('seeding inventory', () => {
  it('seeding N gives N available tickets with unique uuids and no codes yet', () => {
    const { eventId, typeId } = seededEvent(core, 250)
    const page = core.call('listTickets', { event_id: eventId, status: 'available', limit: 1000 })
    expect(page.total).toBe(250)
    expect(new Set(page.tickets.map((t) => t.uuid)).size).toBe(250)
    expect(page.tickets.every((t) => t.short_code === null && t.ticket_type_id === typeId)).toBe(true)
  })

  it('seeds in statements of a thousand: every ticket once, in uuid order, the first one audited', () => {
    const { eventId } = seededEvent(core, 0, { capacity: 2500, code_length: 4 })
    core.call('seedInventory', { event_id: eventId, count: 2345 })
    const rows = core.store.sqlite
      .prepare('SELECT id, uuid FROM ticket WHERE event_id = ? ORDER BY id')
      .all(eventId) as Array<{ id: number; uuid: string }>
    expect(rows).toHaveLength(2345)
    expect(rows.map((r) => r.uuid)).toEqual(rows.map((r) => r.uuid).sort())
    expect(new Set(rows.map((r) => r.uuid)).size).toBe(2345)
    const seed = core.store.sqlite
      .prepare("SELECT after FROM audit_log WHERE action = 'seed' AND entity_id = ? ORDER BY id DESC LIMIT 1")
      .get(eventId) as { after: string }
    expect(JSON.parse(seed.after)).toMatchObject({ count: 2345, first_ticket_id: rows[0]!.id })
  })

  it('keeps tickets for sale out of the indexes of sold tickets, which the lookups still use', () => {
    const { eventId } = seededEvent(core, 300)
    core.call('assign', {
      event_id: eventId,
      customer: { name: 'Ann Lee' },
      holder_name: 'Bo Lee',
      quantity: 2,
    })
    const sqlite = core.store.sqlite
    const entries = (index: string) =>
      (
        sqlite
          .prepare("SELECT sum(ncell) AS n FROM dbstat WHERE name = ? AND pagetype = 'leaf'")
          .get(index) as {
          n: number
        }
      ).n
    for (const index of ['ticket_sale', 'ticket_customer', 'ticket_person', 'ticket_event_assigned']) {
      expect(entries(index), index).toBe(2)
    }
    expect(entries('ticket_event_code')).toBe(300)
    const plan = (sql: string) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((step) => step.detail)
        .join('\n')
    expect(plan('SELECT id FROM ticket WHERE sale_id = +1')).toMatch(/INDEX ticket_sale \(sale_id=\?\)/)
    expect(plan('SELECT id FROM ticket WHERE sale_id IN (1, 2)')).toMatch(/INDEX ticket_sale \(sale_id=\?\)/)
    expect(plan('SELECT id FROM ticket WHERE customer_id IN (SELECT id FROM customer)')).toMatch(
      /INDEX ticket_customer \(customer_id=\?\)/,
    )
    expect(plan('SELECT id FROM ticket WHERE person_id = +1')).toMatch(/INDEX ticket_person \(person_id=\?\)/)
    expect(
      plan(
        `SELECT count(*) FROM ticket WHERE event_id = 1 AND assigned_at >= '2026' AND assigned_at < '2027'`,
      ),
    ).toMatch(
      /USING COVERING INDEX ticket_event_assigned \(event_id=\? AND assigned_at>\? AND assigned_at<\?\)/,
    )
  })

  it('never seeds beyond the event or ticket type capacity', () => {
    const { eventId } = seededEvent(core, 990)
    expect(() => core.call('seedInventory', { event_id: eventId, count: 11 })).toThrow(/at most 10 more/)
    const small = core.call('addTicketType', {
      event_id: eventId,
      name: 'Balcony',
      price_cents: 900,
      capacity: 5,
    })
    expect(() =>
      core.call('seedInventory', { event_id: eventId, count: 6, ticket_type_id: small.id }),
    ).toThrow(/at most 5 more/)
    expect(core.call('getEvent', { event_id: eventId }).counts.available).toBe(990)
  })

  it('refuses a ticket type of another event', () => {
    const a = seededEvent(core, 0)
    const b = seededEvent(core, 0)
    expect(() =>
      core.call('seedInventory', { event_id: a.eventId, count: 1, ticket_type_id: b.typeId }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})

describe('listing tickets', () => {
  it('filters by status and finds tickets by name, email, phone or code', () => {
    const { eventId } = seededEvent(core, 10)
    const ann = core.call('assign', {
      event_id: eventId,
      customer: { name: 'Ann Lee', email: 'ann@example.com', phone: '+44 20 7946 0000' },
      quantity: 2,
    })
    core.call('assign', { event_id: eventId, customer: { name: 'Bob Stone', phone: '0612345678' } })
    expect(core.call('listTickets', { event_id: eventId, status: 'assigned' }).total).toBe(3)
    expect(core.call('listTickets', { event_id: eventId, status: 'available' }).total).toBe(7)
    expect(core.call('listTickets', { event_id: eventId, q: 'lee' }).total).toBe(2)
    expect(core.call('listTickets', { event_id: eventId, q: 'ANN@EXAMPLE' }).total).toBe(2)
    expect(core.call('listTickets', { event_id: eventId, q: '7946' }).total).toBe(2)
    expect(core.call('listTickets', { event_id: eventId, q: 'Stone' }).tickets[0]!.customer!.phone).toBe(
      '0612345678',
    )
    const code = ann.tickets[0]!.short_code!
    expect(
      core.call('listTickets', { event_id: eventId, q: code }).tickets.map((t) => t.short_code),
    ).toContain(code)
    expect(core.call('listTickets', { event_id: eventId, q: '%' }).total).toBe(0)
  })

  it('pages through results', () => {
    const { eventId } = seededEvent(core, 30)
    const first = core.call('listTickets', { event_id: eventId, limit: 20 })
    const second = core.call('listTickets', { event_id: eventId, limit: 20, offset: 20 })
    expect(first.total).toBe(30)
    expect(first.tickets).toHaveLength(20)
    expect(second.tickets).toHaveLength(10)
    expect(second.tickets[0]!.id).toBeGreaterThan(first.tickets[19]!.id)
  })
})
