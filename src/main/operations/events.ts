// Events and their ticket types: what the organizer sets up before selling.
import { and, asc, eq, sql } from 'drizzle-orm'
import { TicketiError } from '../../shared/errors'
import type { EventDetails, EventView, TicketCounts, TicketTypeView } from '../../shared/views'
import { event, ticket, ticketType } from '../db/schema'
import type { Drizzle } from '../db/open'
import type { Handlers } from '../dispatcher'

type EventRow = typeof event.$inferSelect
type TicketTypeRow = typeof ticketType.$inferSelect

/** Above this share of the code space, a guessed code too often belongs to somebody. */
const GUESSABLE_SHARE = 0.25

function codeSpaceWarnings(capacity: number, codeLength: number): string[] {
  const codes = 10 ** codeLength
  if (capacity <= codes * GUESSABLE_SHARE) return []
  return [
    `${capacity} tickets use ${Math.round((capacity / codes) * 100)}% of the ${codes} possible ` +
      `${codeLength}-digit codes, so a guessed code is often right. Consider ${codeLength + 1}-digit codes.`,
  ]
}

export function findEvent(db: Drizzle, eventId: number): EventRow {
  const row = db.select().from(event).where(eq(event.id, eventId)).get()
  if (!row) throw new TicketiError('NOT_FOUND', `There is no event with id ${eventId}.`)
  return row
}

function countTickets(db: Drizzle, eventId?: number): Map<number, TicketCounts> {
  const rows = db
    .select({ eventId: ticket.eventId, status: ticket.status, n: sql<number>`count(*)` })
    .from(ticket)
    .where(eventId === undefined ? undefined : eq(ticket.eventId, eventId))
    .groupBy(ticket.eventId, ticket.status)
    .all()
  const counts = new Map<number, TicketCounts>()
  for (const { eventId: id, status, n } of rows) {
    const c = counts.get(id) ?? { available: 0, assigned: 0, checked_in: 0, void: 0 }
    c[status] = n
    counts.set(id, c)
  }
  return counts
}

function eventView(row: EventRow, counts?: TicketCounts): EventView {
  return {
    id: row.id,
    name: row.name,
    venue: row.venue,
    starts_at: row.startsAt,
    ends_at: row.endsAt,
    capacity: row.capacity,
    code_length: row.codeLength,
    allow_reentry: row.allowReentry,
    status: row.status,
    created_at: row.createdAt,
    counts: counts ?? { available: 0, assigned: 0, checked_in: 0, void: 0 },
    warnings: codeSpaceWarnings(row.capacity, row.codeLength),
  }
}

function ticketTypeView(row: TicketTypeRow): TicketTypeView {
  return {
    id: row.id,
    event_id: row.eventId,
    name: row.name,
    price_cents: row.priceCents,
    currency: row.currency,
    capacity: row.capacity,
  }
}

function eventDetails(db: Drizzle, row: EventRow): EventDetails {
  const types = db
    .select()
    .from(ticketType)
    .where(eq(ticketType.eventId, row.id))
    .orderBy(asc(ticketType.id))
    .all()
  return {
    ...eventView(row, countTickets(db, row.id).get(row.id)),
    ticket_types: types.map(ticketTypeView),
  }
}

function checkTimes(startsAt: string, endsAt: string | null) {
  if (endsAt !== null && Date.parse(endsAt) < Date.parse(startsAt)) {
    throw new TicketiError('VALIDATION', 'ends_at: must not be before starts_at')
  }
}

export const eventOperations: Pick<
  Handlers,
  'createEvent' | 'listEvents' | 'getEvent' | 'updateEvent' | 'addTicketType'
> = {
  createEvent(input, { store: { db }, now, audit }) {
    const startsAt = new Date(input.starts_at).toISOString()
    const endsAt = input.ends_at ? new Date(input.ends_at).toISOString() : null
    checkTimes(startsAt, endsAt)
    const row = db
      .insert(event)
      .values({
        name: input.name,
        venue: input.venue,
        startsAt,
        endsAt,
        capacity: input.capacity,
        codeLength: input.code_length,
        allowReentry: input.allow_reentry,
        createdAt: now,
      })
      .returning()
      .get()
    audit({ action: 'create', entity: 'event', entity_id: row.id, after: row })
    return eventView(row)
  },

  listEvents(_input, { store: { db } }) {
    const counts = countTickets(db)
    return db
      .select()
      .from(event)
      .orderBy(asc(event.startsAt), asc(event.id))
      .all()
      .map((row) => eventView(row, counts.get(row.id)))
  },

  getEvent({ event_id }, { store: { db } }) {
    return eventDetails(db, findEvent(db, event_id))
  },

  updateEvent({ event_id, ...changes }, { store: { db }, audit }) {
    const before = findEvent(db, event_id)
    const next = {
      name: changes.name ?? before.name,
      venue: changes.venue ?? before.venue,
      startsAt: changes.starts_at ? new Date(changes.starts_at).toISOString() : before.startsAt,
      endsAt:
        changes.ends_at === undefined
          ? before.endsAt
          : changes.ends_at && new Date(changes.ends_at).toISOString(),
      capacity: changes.capacity ?? before.capacity,
      codeLength: changes.code_length ?? before.codeLength,
      allowReentry: changes.allow_reentry ?? before.allowReentry,
      status: changes.status ?? before.status,
    }
    checkTimes(next.startsAt, next.endsAt)
    const counts = countTickets(db, event_id).get(event_id)
    const seeded = counts ? counts.available + counts.assigned + counts.checked_in + counts.void : 0
    if (next.codeLength !== before.codeLength && seeded > 0) {
      throw new TicketiError(
        'CONFLICT',
        'The code length cannot change once tickets exist: codes already handed out would stop working.',
      )
    }
    if (next.capacity > 10 ** next.codeLength) {
      throw new TicketiError(
        'VALIDATION',
        `capacity: ${next.capacity} is more than the ${10 ** next.codeLength} possible ${next.codeLength}-digit codes`,
      )
    }
    if (next.capacity < seeded) {
      throw new TicketiError(
        'CAPACITY',
        `The event already has ${seeded} tickets; capacity cannot be lower than that.`,
      )
    }
    const row = db.update(event).set(next).where(eq(event.id, event_id)).returning().get()
    audit({ action: 'update', entity: 'event', entity_id: event_id, before, after: row })
    return eventView(row, counts)
  },

  addTicketType(input, { store: { db }, audit }) {
    const owner = findEvent(db, input.event_id)
    if (input.capacity !== null && input.capacity > owner.capacity) {
      throw new TicketiError(
        'CAPACITY',
        `capacity: ${input.capacity} is more than the event's capacity of ${owner.capacity}`,
      )
    }
    const clash = db
      .select({ id: ticketType.id })
      .from(ticketType)
      .where(and(eq(ticketType.eventId, input.event_id), eq(ticketType.name, input.name)))
      .get()
    if (clash) {
      throw new TicketiError('CONFLICT', `This event already has a ticket type called "${input.name}".`)
    }
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
}
