// An event's ticket types: added, renamed and repriced until the first sale,
// and deleted while no ticket carries them.
import { asc, eq } from 'drizzle-orm'
import { TicketiError } from '../../shared/errors'
import type { TicketTypeView } from '../../shared/views'
import { ticketType } from '../db/schema'
import type { Drizzle } from '../db/open'
import type { Handlers } from '../dispatcher'
import { findEvent } from './events'
import { typeCounts } from './ticket-counts'

type TicketTypeRow = typeof ticketType.$inferSelect
type TypeCounts = Pick<TicketTypeView, 'tickets' | 'sold'>

export function ticketTypeView(row: TicketTypeRow, counts?: TypeCounts): TicketTypeView {
  return {
    id: row.id,
    event_id: row.eventId,
    name: row.name,
    price_cents: row.priceCents,
    currency: row.currency,
    capacity: row.capacity,
    tickets: counts?.tickets ?? 0,
    sold: counts?.sold ?? 0,
  }
}

function findType(db: Drizzle, ticketTypeId: number): TicketTypeRow {
  const row = db.select().from(ticketType).where(eq(ticketType.id, ticketTypeId)).get()
  if (!row) throw new TicketiError('NOT_FOUND', `There is no ticket type with id ${ticketTypeId}.`)
  return row
}

/**
 * "VIP" and "vip" name the same type. The database's unique index folds ASCII only
 * (SQLite's lower()), so names are compared here with full Unicode case folding too.
 */
function refuseNameClash(db: Drizzle, eventId: number, name: string, exceptId?: number) {
  const clash = db
    .select({ id: ticketType.id, name: ticketType.name })
    .from(ticketType)
    .where(eq(ticketType.eventId, eventId))
    .orderBy(asc(ticketType.id))
    .all()
    .find((t) => t.id !== exceptId && t.name.localeCompare(name, 'en', { sensitivity: 'accent' }) === 0)
  if (clash) {
    throw new TicketiError(
      'CONFLICT',
      `This event already has a ticket type called "${clash.name}"; names must differ by more than ` +
        'upper and lower case.',
    )
  }
}

function checkTypeCapacity(capacity: number | null, eventCapacity: number, tickets: number) {
  if (capacity === null) return
  if (capacity > eventCapacity) {
    throw new TicketiError(
      'CAPACITY',
      `capacity: ${capacity} is more than the event's capacity of ${eventCapacity}`,
    )
  }
  if (capacity < tickets) {
    throw new TicketiError(
      'CAPACITY',
      `capacity: this type already has ${tickets} tickets; its capacity cannot be lower than that`,
    )
  }
}

export const ticketTypeOperations: Pick<Handlers, 'addTicketType' | 'updateTicketType' | 'deleteTicketType'> =
  {
    addTicketType(input, { store: { db }, audit }) {
      const owner = findEvent(db, input.event_id)
      checkTypeCapacity(input.capacity, owner.capacity, 0)
      refuseNameClash(db, input.event_id, input.name)
      const row = db
        .insert(ticketType)
        .values({
          eventId: input.event_id,
          name: input.name,
          priceCents: input.price_cents,
          currency: input.currency,
          capacity: input.capacity,
        })
        .returning()
        .get()
      audit({ action: 'create', entity: 'ticket_type', entity_id: row.id, after: row })
      return ticketTypeView(row)
    },

    updateTicketType({ ticket_type_id, ...changes }, { store: { db }, audit }) {
      const before = findType(db, ticket_type_id)
      const owner = findEvent(db, before.eventId)
      const counts = typeCounts(db.$client, before.eventId).get(ticket_type_id) ?? { tickets: 0, sold: 0 }
      const next = {
        name: changes.name ?? before.name,
        priceCents: changes.price_cents ?? before.priceCents,
        currency: changes.currency ?? before.currency,
        capacity: changes.capacity === undefined ? before.capacity : changes.capacity,
      }
      const repriced =
        next.name !== before.name ||
        next.priceCents !== before.priceCents ||
        next.currency !== before.currency
      if (repriced && counts.sold > 0) {
        throw new TicketiError(
          'CONFLICT',
          `"${before.name}" has sold ${counts.sold} tickets: its name and price can no longer change, ` +
            'because the tickets, emails and reports carry them. Add a new ticket type instead.',
        )
      }
      if (next.name !== before.name) refuseNameClash(db, before.eventId, next.name, ticket_type_id)
      checkTypeCapacity(next.capacity, owner.capacity, counts.tickets)
      const row = db.update(ticketType).set(next).where(eq(ticketType.id, ticket_type_id)).returning().get()
      audit({ action: 'update', entity: 'ticket_type', entity_id: row.id, before, after: row })
      return ticketTypeView(row, counts)
    },

    deleteTicketType({ ticket_type_id }, { store: { db }, audit }) {
      const row = findType(db, ticket_type_id)
      const counts = typeCounts(db.$client, row.eventId).get(ticket_type_id)
      if (counts && counts.tickets > 0) {
        throw new TicketiError(
          'CONFLICT',
          `"${row.name}" has ${counts.tickets} tickets, so it cannot be deleted. ` +
            'Only a ticket type without tickets can be deleted.',
        )
      }
      db.delete(ticketType).where(eq(ticketType.id, ticket_type_id)).run()
      audit({ action: 'delete', entity: 'ticket_type', entity_id: row.id, before: row })
      return ticketTypeView(row)
    },
  }
