// Events and their ticket types: what the organizer sets up before selling.
import { asc, eq, isNull, sql } from 'drizzle-orm'
import { eventPhase } from '../../shared/event-phase'
import { TicketiError } from '../../shared/errors'
import type { EventDetails, EventView, TicketCounts } from '../../shared/views'
import { event, ticketType } from '../db/schema'
import type { Drizzle } from '../db/open'
import type { Handlers, OperationContext } from '../dispatcher'
import { statusCounts, statusCountsOf, typeCounts } from './ticket-counts'
import { ticketTypeView } from './ticket-types'

type EventRow = typeof event.$inferSelect

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

/** Prepared once per database: building the query anew cost a sale more than running it. */
const eventById = new WeakMap<Drizzle, ReturnType<typeof prepareEventById>>()

function prepareEventById(db: Drizzle) {
  return db
    .select()
    .from(event)
    .where(eq(event.id, sql.placeholder('id')))
    .prepare()
}

export function findEvent(db: Drizzle, eventId: number): EventRow {
  let query = eventById.get(db)
  if (!query) eventById.set(db, (query = prepareEventById(db)))
  const row = query.get({ id: eventId })
  if (!row) throw new TicketiError('NOT_FOUND', `There is no event with id ${eventId}.`)
  return row
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
    archived_at: row.archivedAt,
    counts: counts ?? { available: 0, assigned: 0, checked_in: 0, void: 0 },
    warnings: codeSpaceWarnings(row.capacity, row.codeLength),
  }
}

function eventDetails(db: Drizzle, row: EventRow): EventDetails {
  const types = db
    .select()
    .from(ticketType)
    .where(eq(ticketType.eventId, row.id))
    .orderBy(asc(ticketType.id))
    .all()
  const counts = typeCounts(db.$client, row.id)
  return {
    ...eventView(row, statusCountsOf(db.$client, row.id)),
    ticket_types: types.map((type) => ticketTypeView(type, counts.get(type.id))),
  }
}

function checkTimes(startsAt: string, endsAt: string | null) {
  if (endsAt !== null && Date.parse(endsAt) < Date.parse(startsAt)) {
    throw new TicketiError('VALIDATION', 'ends_at: must not be before starts_at')
  }
}

function setArchived(
  db: Drizzle,
  before: EventRow,
  archivedAt: string | null,
  audit: OperationContext['audit'],
): EventView {
  const row = db.update(event).set({ archivedAt }).where(eq(event.id, before.id)).returning().get()
  audit({
    action: archivedAt ? 'archive' : 'unarchive',
    entity: 'event',
    entity_id: row.id,
    before: { archived_at: before.archivedAt },
    after: { archived_at: row.archivedAt },
  })
  return eventView(row, statusCountsOf(db.$client, row.id))
}

export const eventOperations: Pick<
  Handlers,
  'createEvent' | 'listEvents' | 'getEvent' | 'updateEvent' | 'archiveEvent' | 'unarchiveEvent'
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

  listEvents({ include_archived }, { store: { db } }) {
    const counts = statusCounts(db.$client)
    return db
      .select()
      .from(event)
      .where(include_archived ? undefined : isNull(event.archivedAt))
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
    const counts = statusCountsOf(db.$client, event_id)
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

  // Archiving only tidies the lists: tickets, reports and the door keep working for the event.
  archiveEvent({ event_id }, { store: { db }, now, audit }) {
    const row = findEvent(db, event_id)
    if (row.archivedAt) return eventView(row, statusCountsOf(db.$client, event_id))
    const phase = eventPhase({ starts_at: row.startsAt, ends_at: row.endsAt }, now)
    if (phase !== 'past' && row.status !== 'cancelled') {
      throw new TicketiError(
        'CONFLICT',
        `"${row.name}" is ${phase === 'on_now' ? 'on now' : 'still to come'}: ` +
          'only past or cancelled events can be archived.',
      )
    }
    return setArchived(db, row, now, audit)
  },

  unarchiveEvent({ event_id }, { store: { db }, audit }) {
    const row = findEvent(db, event_id)
    if (!row.archivedAt) return eventView(row, statusCountsOf(db.$client, event_id))
    return setArchived(db, row, null, audit)
  },
}
