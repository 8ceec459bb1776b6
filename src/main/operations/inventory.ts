// Ticket inventory: seeding available tickets and finding tickets again.
import { eq } from 'drizzle-orm'
import type { ParsedInputOf } from '../../shared/contract'
import { TicketiError } from '../../shared/errors'
import { ticketType } from '../db/schema'
import type { Drizzle } from '../db/open'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import { ticketUuids } from '../ticket-uuid'
import { findEvent } from './events'
import { countTickets } from './ticket-counts'
import { TICKET_SELECT_SQL } from './ticket-read-model'
import { ticketView, type TicketRow } from './ticket-view'
import { SEARCH_CAP, ticketSearch } from './ticket-search'

export function findTicketType(db: Drizzle, eventId: number, ticketTypeId: number) {
  const row = db.select().from(ticketType).where(eq(ticketType.id, ticketTypeId)).get()
  if (!row || row.eventId !== eventId) {
    throw new TicketiError('NOT_FOUND', `Event ${eventId} has no ticket type with id ${ticketTypeId}.`)
  }
  return row
}

/** The listing's SQL: one page of tickets and their total, filtered by status and what was typed. */
export function ticketListQuery({ event_id, status, q, limit, offset }: ParsedInputOf<'listTickets'>) {
  const params = { event_id, status, limit, offset }
  if (!q) {
    const ofStatus = status ? ' AND status = @status' : ''
    return {
      rowsSql: `${TICKET_SELECT_SQL} WHERE t.event_id = @event_id${ofStatus && ' AND t.status = @status'}
        ORDER BY t.id LIMIT @limit OFFSET @offset`,
      // Counted from the counts read model (ticket-counts.ts), never ticket by ticket.
      totalSql: `SELECT coalesce(sum(n), 0) AS total, 0 AS more FROM ticket_count
        WHERE event_id = @event_id${ofStatus}`,
      params,
    }
  }
  const search = ticketSearch(q, { byStatus: status !== undefined })
  return {
    rowsSql: `${TICKET_SELECT_SQL} WHERE t.id IN (${search.found})
      ORDER BY ${search.orderBy} LIMIT @limit OFFSET @offset`,
    // A ticket found both by its buyer and by its holder is counted once.
    totalSql: `SELECT min(count(DISTINCT id), ${SEARCH_CAP}) AS total, count(*) > ${SEARCH_CAP} AS more
      FROM (${search.found})`,
    params: { ...params, ...search.params },
  }
}

/** Refuses a seed the event or the ticket type has no room for, before anything is written. */
export function checkSeedRoom(
  db: Drizzle,
  { event_id, count, ticket_type_id }: ParsedInputOf<'seedInventory'>,
) {
  const owner = findEvent(db, event_id)
  // Void tickets (refunded, or the old codes of transfers) hold no place in the venue.
  const existing = countTickets(db.$client, { eventId: event_id, status: 'void', not: true })
  if (existing + count > owner.capacity) {
    throw new TicketiError(
      'CAPACITY',
      `The event has ${existing} of ${owner.capacity} tickets; ${count} more would exceed its capacity ` +
        `(at most ${owner.capacity - existing} more).`,
    )
  }
  if (ticket_type_id !== undefined) {
    const type = findTicketType(db, event_id, ticket_type_id)
    const ofType = countTickets(db.$client, {
      eventId: event_id,
      ticketTypeId: ticket_type_id,
      status: 'void',
      not: true,
    })
    if (type.capacity !== null && ofType + count > type.capacity) {
      throw new TicketiError(
        'CAPACITY',
        `"${type.name}" has ${ofType} of ${type.capacity} tickets; at most ${type.capacity - ofType} more.`,
      )
    }
  }
}

// A seed inserts its tickets a thousand to a statement, their uuids read by SQLite from one JSON
// array: a statement run for each ticket cost more than SQLite's own work for it (BENCHMARKS.md).
const SEED_BATCH = 1_000
const SEED_SQL = `INSERT INTO ticket (uuid, event_id, ticket_type_id, status)
  SELECT value, ?, ?, 'available' FROM json_each(?)`

export const inventoryOperations: Pick<Handlers, 'seedInventory' | 'listTickets'> = {
  seedInventory(input, { store: { db, sqlite }, audit, changed }) {
    const { event_id, count, ticket_type_id } = input
    checkSeedRoom(db, input)
    const insert = prepared(sqlite, SEED_SQL)
    const uuids = ticketUuids(count)
    for (let at = 0; at < count; at += SEED_BATCH) {
      insert.run(event_id, ticket_type_id ?? null, JSON.stringify(uuids.slice(at, at + SEED_BATCH)))
    }
    const { id: first } = prepared(sqlite, 'SELECT id FROM ticket WHERE uuid = ?').get(uuids[0]) as {
      id: number
    }
    const available = countTickets(sqlite, { eventId: event_id, status: 'available' })
    changed({ kind: 'tickets', event_id })
    audit({
      action: 'seed',
      entity: 'event',
      entity_id: event_id,
      after: { count, ticket_type_id: ticket_type_id ?? null, first_ticket_id: first },
    })
    return { event_id, ticket_type_id: ticket_type_id ?? null, created: count, available }
  },

  listTickets(input, { store: { db, sqlite } }) {
    findEvent(db, input.event_id)
    const query = ticketListQuery(input)
    const rows = prepared(sqlite, query.rowsSql).all(query.params) as TicketRow[]
    const { total, more } = prepared(sqlite, query.totalSql).get(query.params) as {
      total: number
      more: number
    }
    return { tickets: rows.map(ticketView), total, more: more === 1 }
  },
}
