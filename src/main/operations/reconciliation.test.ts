import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

function count(sql: string, ...params: unknown[]): number {
  return core.store.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number
}

/** A night with two types, cash/card/comp sales, check-ins, a void and mail in every state. */
function mixedNight() {
  const { eventId, typeId } = seededEvent(core, 30, { capacity: 100 })
  const vip = core.call('addTicketType', { event_id: eventId, name: 'VIP', price_cents: 5000, capacity: 10 })
  core.call('seedInventory', { event_id: eventId, count: 10, ticket_type_id: vip.id })
  const buyer = (n: number) => ({ name: `Guest ${n}`, email: `guest${n}@example.com` })
  const sales = [
    core.call('assign', { event_id: eventId, customer: buyer(1), quantity: 4, ticket_type_id: typeId }),
    core.call('assign', {
      event_id: eventId,
      customer: buyer(2),
      quantity: 2,
      ticket_type_id: vip.id,
      payment_method: 'card',
    }),
    core.call('assign', {
      event_id: eventId,
      customer: buyer(3),
      ticket_type_id: typeId,
      payment_method: 'comp',
    }),
    core.call('assign', {
      event_id: eventId,
      customer: { name: 'Phone only', phone: '0612345678' },
      quantity: 2,
    }),
  ]
  const tickets = sales.flatMap((s) => s.tickets)
  for (const t of tickets.slice(0, 5)) core.call('checkIn', { event_id: eventId, code: t.short_code! }, DOOR)
  core.call('checkIn', { event_id: eventId, code: tickets[0]!.short_code! }, DOOR)
  core.store.sqlite.prepare("UPDATE ticket SET status = 'void' WHERE id = ?").run(tickets[8]!.id)
  const outbox = core.store.sqlite.prepare('UPDATE email_outbox SET status = ? WHERE sale_id = ?')
  outbox.run('sent', sales[0]!.sale_id)
  outbox.run('failed', sales[1]!.sale_id)
  return { eventId, vipId: vip.id, typeId }
}

describe('reconciliation', () => {
  it('matches the database after a mixed night', () => {
    const { eventId, vipId } = mixedNight()
    const report = core.call('reconciliation', { event_id: eventId })
    const sold = "status IN ('assigned', 'checked_in')"
    expect(report.totals).toEqual({
      capacity: 100,
      available: count("SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'available'", eventId),
      assigned: count(`SELECT count(*) FROM ticket WHERE event_id = ? AND ${sold}`, eventId),
      delivered: 4,
      email_pending: 1,
      email_failed: 2,
      checked_in: count("SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'checked_in'", eventId),
      inside_now: count('SELECT count(*) FROM ticket WHERE event_id = ? AND inside = 1', eventId),
      no_show: count(`SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'assigned'`, eventId),
      void: 1,
      revenue_cents: count('SELECT sum(amount_cents) FROM sale WHERE event_id = ?', eventId),
    })
    expect(report.totals).toMatchObject({ available: 31, assigned: 8, checked_in: 5, no_show: 3 })
    expect(report.totals.revenue_cents).toBe(4 * 1500 + 2 * 5000 + 0 + 2 * 1500)
    const vip = report.ticket_types.find((t) => t.ticket_type_id === vipId)!
    expect(vip).toMatchObject({ name: 'VIP', capacity: 10, available: 8, assigned: 2, email_failed: 2 })
    const sum = (field: 'available' | 'assigned' | 'checked_in' | 'void' | 'revenue_cents') =>
      report.ticket_types.reduce((total, t) => total + t[field], 0)
    for (const field of ['available', 'assigned', 'checked_in', 'void', 'revenue_cents'] as const) {
      expect(sum(field)).toBe(report.totals[field])
    }
    // No refunds tonight: each method nets what it took.
    const net = (amount_cents: number) => ({ amount_cents, refunded_cents: 0, net_cents: amount_cents })
    expect(report.revenue).toEqual([
      { payment_method: 'cash', sales: 2, tickets: 6, ...net(9000) },
      { payment_method: 'card', sales: 1, tickets: 2, ...net(10000) },
      { payment_method: 'comp', sales: 1, tickets: 1, ...net(0) },
      { payment_method: 'other', sales: 0, tickets: 0, ...net(0) },
    ])
  })

  it('exports a spreadsheet-safe CSV with the same numbers', () => {
    const { eventId } = mixedNight()
    core.call('updateEvent', { event_id: eventId, name: '=HYPERLINK("http://evil")' })
    const report = core.call('reconciliation', { event_id: eventId })
    const file = core.call('reconciliationCsv', { event_id: eventId })
    expect(file.filename).toMatch(/^reconciliation-hyperlink-http-evil-\d{4}-\d\d-\d\d\.csv$/)
    expect(file.content.startsWith('\uFEFF')).toBe(true)
    expect(file.content).toContain('\r\n')
    expect(file.content.replace(/\r\n/g, '')).not.toContain('\n')
    const parsed = Papa.parse<Record<string, string>>(file.content.slice(1), {
      header: true,
      skipEmptyLines: true,
    })
    expect(parsed.meta.fields).toEqual([
      'event',
      'ticket_type',
      'capacity',
      'available',
      'assigned',
      'delivered',
      'email_pending',
      'email_failed',
      'checked_in',
      'inside_now',
      'no_show',
      'void',
      'currency',
      'revenue',
    ])
    const total = parsed.data.find((r) => r.ticket_type === 'All ticket types')!
    expect(total.event).toBe(`'=HYPERLINK("http://evil")`)
    expect(Number(total.assigned)).toBe(report.totals.assigned)
    expect(Number(total.checked_in)).toBe(report.totals.checked_in)
    expect(Number(total.revenue)).toBe(report.totals.revenue_cents / 100)
    expect(parsed.data.find((r) => r.ticket_type === 'Paid by card')!.revenue).toBe('100.00')
  })

  it('is for the box office and the organizer: the door gets the counts alone, never the money', () => {
    const { eventId } = seededEvent(core, 1)
    for (const name of ['reconciliation', 'reconciliationCsv'] as const) {
      expect(() => core.call(name, { event_id: eventId }, DOOR)).toThrow(
        expect.objectContaining({ code: 'FORBIDDEN' }),
      )
    }
    const counts = core.call('doorCounts', { event_id: eventId }, DOOR)
    expect(counts.totals.available).toBe(1)
    expect(counts.totals).not.toHaveProperty('revenue_cents')
  })
})

describe('audit log', () => {
  it('records who changed what for every change', () => {
    const { eventId } = mixedNight()
    const actions = core.store.sqlite
      .prepare(
        'SELECT action, entity, count(*) AS n FROM audit_log GROUP BY action, entity ORDER BY action, entity',
      )
      .all()
    expect(actions).toEqual([
      { action: 'assign', entity: 'sale', n: 4 },
      { action: 'check_in', entity: 'ticket', n: 5 },
      { action: 'create', entity: 'event', n: 1 },
      { action: 'create', entity: 'ticket_type', n: 2 },
      { action: 'seed', entity: 'event', n: 2 },
    ])
    const checkIn = core.store.sqlite
      .prepare("SELECT operator, station, at FROM audit_log WHERE action = 'check_in' LIMIT 1")
      .get()
    expect(checkIn).toMatchObject({
      operator: 'volunteer',
      station: 'Door 1',
      at: expect.stringMatching(/Z$/),
    })
    core.call('updateEvent', { event_id: eventId, venue: 'Main Hall' })
    const update = core.store.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE action = 'update'")
      .get() as { before: string; after: string }
    expect(JSON.parse(update.before).venue).toBe('The Cellar')
    expect(JSON.parse(update.after).venue).toBe('Main Hall')
  })
})
