// Ticket inventory: seeding available tickets and finding tickets again.
import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { TicketiError } from '../../shared/errors'
import { ticket, ticketType } from '../db/schema'
import type { Drizzle } from '../db/open'
import type { Handlers } from '../dispatcher'
import { findEvent } from './events'
import { TICKET_SELECT_SQL, ticketView, type TicketRow } from './ticket-view'

export function findTicketType(db: Drizzle, eventId: number, ticketTypeId: number) {
  const row = db.select().from(ticketType).where(eq(ticketType.id, ticketTypeId)).get()
  if (!row || row.eventId !== eventId) {
    throw new TicketiError('NOT_FOUND', `Event ${eventId} has no ticket type with id ${ticketTypeId}.`)
  }
  return row
}

function countWhere(db: Drizzle, where: ReturnType<typeof and>): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(ticket)
      .where(where)
      .get()?.n ?? 0
  )
}

/** Escapes LIKE's wildcards so a search for "50%" finds "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export const inventoryOperations: Pick<Handlers, 'seedInventory' | 'listTickets'> = {
  seedInventory({ event_id, count, ticket_type_id }, { store: { db, sqlite }, audit, changed }) {
    const owner = findEvent(db, event_id)
    const existing = countWhere(db, eq(ticket.eventId, event_id))
    if (existing + count > owner.capacity) {
      throw new TicketiError(
        'CAPACITY',
        `The event has ${existing} of ${owner.capacity} tickets; ${count} more would exceed its capacity ` +
          `(at most ${owner.capacity - existing} more).`,
      )
    }
    if (ticket_type_id !== undefined) {
      const type = findTicketType(db, event_id, ticket_type_id)
      const ofType = countWhere(db, eq(ticket.ticketTypeId, ticket_type_id))
      if (type.capacity !== null && ofType + count > type.capacity) {
        throw new TicketiError(
          'CAPACITY',
          `"${type.name}" has ${ofType} of ${type.capacity} tickets; at most ${type.capacity - ofType} more.`,
        )
      }
    }
    const insert = sqlite.prepare(
      `INSERT INTO ticket (uuid, event_id, ticket_type_id, status) VALUES (?, ?, ?, 'available')`,
    )
    let first = 0
    for (let i = 0; i < count; i++) {
      const { lastInsertRowid } = insert.run(randomUUID(), event_id, ticket_type_id ?? null)
      if (i === 0) first = Number(lastInsertRowid)
    }
    const available = countWhere(db, and(eq(ticket.eventId, event_id), eq(ticket.status, 'available')))
    changed({ kind: 'tickets', event_id })
    audit({
      action: 'seed',
      entity: 'event',
      entity_id: event_id,
      after: { count, ticket_type_id: ticket_type_id ?? null, first_ticket_id: first },
    })
    return { event_id, ticket_type_id: ticket_type_id ?? null, created: count, available }
  },

  listTickets({ event_id, status, q, limit, offset }, { store: { db, sqlite } }) {
    findEvent(db, event_id)
    const where = ['t.event_id = @event_id']
    if (status) where.push('t.status = @status')
    if (q) {
      where.push(`(t.short_code = @q OR t.uuid = @q OR c.name LIKE @like ESCAPE '\\'
        OR c.email LIKE @like ESCAPE '\\' OR c.phone LIKE @like ESCAPE '\\' OR p.name LIKE @like ESCAPE '\\')`)
    }
    const params = { event_id, status, q, like: q && likePattern(q), limit, offset }
    const filter = `WHERE ${where.join(' AND ')}`
    const rows = sqlite
      .prepare(`${TICKET_SELECT_SQL} ${filter} ORDER BY t.id LIMIT @limit OFFSET @offset`)
      .all(params) as TicketRow[]
    const { total } = sqlite
      .prepare(
        `SELECT count(*) AS total FROM ticket t
           LEFT JOIN customer c ON c.id = t.customer_id LEFT JOIN person p ON p.id = t.person_id ${filter}`,
      )
      .get(params) as { total: number }
    return { tickets: rows.map(ticketView), total }
  },
}
