// The counts read model: how many tickets of each kind an event has, from ticket_count,
// which triggers on ticket keep (drizzle/0015). Reconciliation, the door's counters, the
// event list, the ticket types and the room checks of a seed or a guest list all count
// here, in a few rows, however many tickets the event has.
import type Database from 'better-sqlite3'
import type { EmailStatus, TicketCounts, TicketStatus } from '../../shared/views'
import { prepared } from '../db/prepared'

/** Tickets grouped by everything reconciliation distinguishes: a few dozen rows at most. */
export interface TicketGroup {
  status: TicketStatus
  ticket_type_id: number | null
  inside: number
  email_status: EmailStatus
  n: number
  price_cents: number
}

// ticket_type_id 0 stands for "no type" in the table's key.
const GROUPS_SQL = `
  SELECT status, nullif(ticket_type_id, 0) AS ticket_type_id, inside, email_status, n, price_cents
    FROM ticket_count WHERE event_id = ? AND n > 0`

export function ticketGroups(sqlite: Database.Database, eventId: number): TicketGroup[] {
  return prepared(sqlite, GROUPS_SQL).all(eventId) as TicketGroup[]
}

const NO_TICKETS: TicketCounts = { available: 0, assigned: 0, checked_in: 0, void: 0 }

/** Tickets by status for one event, or for every event when none is named. */
export function statusCounts(sqlite: Database.Database, eventId?: number): Map<number, TicketCounts> {
  const rows = (
    eventId === undefined
      ? prepared(
          sqlite,
          'SELECT event_id, status, sum(n) AS n FROM ticket_count GROUP BY event_id, status',
        ).all()
      : prepared(
          sqlite,
          'SELECT event_id, status, sum(n) AS n FROM ticket_count WHERE event_id = ? GROUP BY status',
        ).all(eventId)
  ) as Array<{ event_id: number; status: TicketStatus; n: number }>
  const counts = new Map<number, TicketCounts>()
  for (const { event_id, status, n } of rows) {
    const c = counts.get(event_id) ?? { ...NO_TICKETS }
    c[status] = n
    counts.set(event_id, c)
  }
  return counts
}

export function statusCountsOf(sqlite: Database.Database, eventId: number): TicketCounts {
  return statusCounts(sqlite, eventId).get(eventId) ?? { ...NO_TICKETS }
}

/** Per ticket type of one event: every ticket it has, and those no longer available (sold or void). */
export function typeCounts(
  sqlite: Database.Database,
  eventId: number,
): Map<number, { tickets: number; sold: number }> {
  const rows = prepared(
    sqlite,
    `SELECT ticket_type_id, sum(n) AS tickets, sum(CASE WHEN status <> 'available' THEN n ELSE 0 END) AS sold
       FROM ticket_count WHERE event_id = ? AND ticket_type_id <> 0 GROUP BY ticket_type_id`,
  ).all(eventId) as Array<{ ticket_type_id: number; tickets: number; sold: number }>
  return new Map(rows.map((r) => [r.ticket_type_id, { tickets: r.tickets, sold: r.sold }]))
}

/** Tickets of the event (or of one of its types) in a status, or not in it with `not`. */
export function countTickets(
  sqlite: Database.Database,
  where: { eventId: number; ticketTypeId?: number; status: TicketStatus; not?: boolean },
): number {
  const sql = `SELECT coalesce(sum(n), 0) FROM ticket_count WHERE event_id = ?
      AND status ${where.not ? '<>' : '='} ?${where.ticketTypeId === undefined ? '' : ' AND ticket_type_id = ?'}`
  const params: unknown[] = [where.eventId, where.status]
  if (where.ticketTypeId !== undefined) params.push(where.ticketTypeId)
  return prepared(sqlite, sql)
    .pluck()
    .get(...params) as number
}
