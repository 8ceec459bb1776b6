import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN, BOX_OFFICE, DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'
import { undoImport } from './guest-import-sell'

let core: TestCore
beforeEach(() => {
  core = openTestCore()
})
afterEach(() => core.dispose())

/** The counts as the triggers kept them, and as the tickets themselves say. */
function keptAndCounted() {
  const sql = core.store.sqlite
  const kept = sql
    .prepare(
      `SELECT event_id, ticket_type_id, status, inside, email_status, n, price_cents FROM ticket_count
        WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`,
    )
    .all()
  const counted = sql
    .prepare(
      `SELECT event_id, coalesce(ticket_type_id, 0) AS ticket_type_id, status, inside, email_status,
              count(*) AS n, coalesce(sum(price_cents), 0) AS price_cents
         FROM ticket GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    )
    .all()
  return { kept, counted }
}

/** The money as the triggers kept it (money_total), and as the sales and refunds say. */
function moneyKeptAndCounted() {
  const sql = core.store.sqlite
  const kept = sql
    .prepare(
      `SELECT event_id, kind, payment_method, count, tickets, amount_cents FROM money_total
        WHERE count <> 0 ORDER BY 1, 2, 3`,
    )
    .all()
  const counted = sql
    .prepare(
      `SELECT event_id, kind, payment_method, count(*) AS count, sum(ticket_count) AS tickets,
              sum(amount_cents) AS amount_cents
         FROM (SELECT event_id, 'sale' AS kind, payment_method, ticket_count, amount_cents FROM sale
               UNION ALL
               SELECT event_id, 'refund', payment_method, ticket_count, amount_cents FROM refund)
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all()
  return { kept, counted }
}

function expectCountsKept() {
  const { kept, counted } = keptAndCounted()
  expect(kept.length).toBeGreaterThan(0)
  expect(kept).toEqual(counted)
  const money = moneyKeptAndCounted()
  expect(money.kept).toEqual(money.counted)
}

describe('the counts read model (ticket_count, money_total)', () => {
  it('agrees with the tickets after every kind of change a night makes', () => {
    const { eventId, typeId } = seededEvent(core, 40, { allow_reentry: true })
    core.call('seedInventory', { event_id: eventId, count: 5 }) // tickets of no type
    expectCountsKept()

    const sale = core.call(
      'assign',
      { event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' }, quantity: 4 },
      BOX_OFFICE,
    )
    const walkIn = core.call(
      'assign',
      { event_id: eventId, customer: { name: 'Walk-in' }, quantity: 2, payment_method: 'card' },
      BOX_OFFICE,
    )
    expectCountsKept()

    // The outbox's status reaches the tickets through its own triggers, and the counts follow.
    core.store.sqlite.prepare(`UPDATE email_outbox SET status = 'sent' WHERE sale_id = ?`).run(sale.sale_id)
    expectCountsKept()

    const [first, second, third, fourth] = sale.tickets
    const code = (t: { short_code: string | null }) => t.short_code!
    core.call('checkIn', { event_id: eventId, code: code(first!) }, DOOR)
    core.call('checkIn', { event_id: eventId, code: code(second!) }, DOOR)
    core.call('checkIn', { event_id: eventId, code: code(second!), direction: 'out' }, DOOR)
    core.call('checkIn', { event_id: eventId, code: code(walkIn.tickets[0]!) }, DOOR)
    expectCountsKept()
    core.call('undoCheckIn', { ticket_id: first!.id, reason: 'Scanned the wrong guest' }, DOOR)
    expectCountsKept()

    core.call('voidTicket', { ticket_id: third!.id, reason: 'Sold twice' }, BOX_OFFICE)
    core.call('transferTicket', { ticket_id: fourth!.id, holder: { name: 'Bea' } }, BOX_OFFICE)
    core.call(
      'refundSale',
      {
        sale_id: walkIn.sale_id,
        amount_cents: 1500,
        payment_method: 'cash',
        reason: 'Could not come',
        ticket_ids: [walkIn.tickets[1]!.id],
        resell: true,
      },
      BOX_OFFICE,
    )
    expectCountsKept()

    const imported = core.call(
      'importGuestList',
      { event_id: eventId, csv: 'Name,Email\r\nCy,cy@example.com\r\nDi,di@example.com' },
      BOX_OFFICE,
    )
    expect(imported.created).toBe(2)
    expectCountsKept()
    expect(moneyKeptAndCounted().kept).toContainEqual(
      expect.objectContaining({ kind: 'refund', payment_method: 'cash', count: 1, amount_cents: 1500 }),
    )
    const importId = core.store.sqlite.prepare('SELECT max(id) FROM guest_import').pluck().get() as number
    core.store.sqlite.transaction(() => undoImport(core.store.sqlite, importId, new Date().toISOString()))()
    expectCountsKept()

    // A type of its own, seeded then deleted with its tickets gone, leaves nothing counted.
    const spare = core.call('addTicketType', { event_id: eventId, name: 'Spare', price_cents: 100 }, ADMIN)
    core.call('seedInventory', { event_id: eventId, count: 3, ticket_type_id: spare.id })
    core.store.sqlite.prepare('DELETE FROM ticket WHERE ticket_type_id = ?').run(spare.id)
    expectCountsKept()
    expect(typeId).toBeGreaterThan(0)
  })

  it('is what reconciliation, the event list and the ticket types report', () => {
    const { eventId, typeId } = seededEvent(core, 10)
    const sale = core.call(
      'assign',
      { event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' }, quantity: 3 },
      BOX_OFFICE,
    )
    core.call('checkIn', { event_id: eventId, code: sale.tickets[0]!.short_code! }, DOOR)
    core.call('voidTicket', { ticket_id: sale.tickets[2]!.id, reason: 'Sold twice' }, BOX_OFFICE)

    const report = core.call('reconciliation', { event_id: eventId })
    expect(report.totals).toMatchObject({ available: 7, assigned: 2, checked_in: 1, inside_now: 1, void: 1 })
    expect(report.totals.email_pending).toBe(2)
    const listed = core.call('listEvents', {}).find((e) => e.id === eventId)!
    expect(listed.counts).toEqual({ available: 7, assigned: 1, checked_in: 1, void: 1 })
    const type = core.call('getEvent', { event_id: eventId }).ticket_types.find((t) => t.id === typeId)!
    expect(type).toMatchObject({ tickets: 10, sold: 3 })
    const page = core.call('listTickets', { event_id: eventId, status: 'assigned' })
    expect(page.total).toBe(1)
    expect(page.tickets.map((t) => t.id)).toEqual([sale.tickets[1]!.id])
  })
})

describe('the door change log (door_change)', () => {
  it('gives a door each changed ticket once, at its latest version, in version order', () => {
    const { eventId } = seededEvent(core, 20)
    const sale = core.call(
      'assign',
      { event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' }, quantity: 3 },
      BOX_OFFICE,
    )
    const full = core.call('doorList', { event_id: eventId, since: 0 }, DOOR)
    expect(full.tickets.map((t) => t.id)).toEqual(sale.tickets.map((t) => t.id))

    const [a, b] = sale.tickets
    core.call('checkIn', { event_id: eventId, code: a!.short_code! }, DOOR)
    core.call('undoCheckIn', { ticket_id: a!.id, reason: 'Wrong guest' }, DOOR)
    core.call('checkIn', { event_id: eventId, code: b!.short_code! }, DOOR)
    const changed = core.call('doorList', { event_id: eventId, since: full.version }, DOOR)
    expect(changed.tickets.map((t) => [t.id, t.status])).toEqual([
      [a!.id, 'assigned'],
      [b!.id, 'checked_in'],
    ])
    expect(changed.version).toBeGreaterThan(full.version)
    expect(core.call('doorList', { event_id: eventId, since: changed.version }, DOOR).tickets).toEqual([])
  })
})
