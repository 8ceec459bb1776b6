// The night over time, for the charts on Reports and the Night screen: arrivals
// per 15 minutes and how many were inside at the end of each slot (from the door
// log), and tickets sold per day in the venue's time zone by ticket type.
import type Database from 'better-sqlite3'
import type { DoorSlot, SalesDay } from '../../shared/views'
import { isoToWallClock, wallClockToIso } from '../../shared/venue-format'
import { OPEN_ENDED_HOURS } from '../../shared/event-phase'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import { findEvent } from './events'
import { venueFormat } from './venue'

export const SLOT_MINUTES = 15
const SLOT_MS = SLOT_MINUTES * 60_000
/** A night's door chart starts this long before the doors open, for the early queue. */
const BEFORE_START_MS = 60 * 60_000

const floorToSlot = (ms: number) => Math.floor(ms / SLOT_MS) * SLOT_MS

function doorSlots(
  moves: Array<{ at: string; direction: 'in' | 'out' }>,
  startsAt: string,
  endsAt: string | null,
  now: number,
): DoorSlot[] {
  const starts = Date.parse(startsAt)
  const ends = endsAt ? Date.parse(endsAt) : starts + OPEN_ENDED_HOURS * 3_600_000
  const times = moves.map((move) => Date.parse(move.at))
  // From an hour before the doors (or the first admission) to now, or the end once it is over.
  // The moves come in time order: the first and the last are the bounds (no spread of 100,000 values).
  const first = floorToSlot(Math.min(starts - BEFORE_START_MS, times[0] ?? Infinity))
  const last = floorToSlot(Math.max(Math.min(now, ends), first, times.at(-1) ?? -Infinity))
  const slots: DoorSlot[] = []
  let inside = 0
  let next = 0
  for (let at = first; at <= last; at += SLOT_MS) {
    let arrivals = 0
    while (next < moves.length && times[next]! < at + SLOT_MS) {
      if (moves[next]!.direction === 'in') {
        arrivals++
        inside++
      } else inside = Math.max(0, inside - 1)
      next++
    }
    slots.push({ at: new Date(at).toISOString(), arrivals, inside })
  }
  return slots
}

/** The calendar day after "2026-12-01". */
const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Tickets sold per venue day by type. Each day is counted by SQLite over the index on
 * (event_id, assigned_at), between the instants of the venue's midnights: converting each of
 * 100,000 sale times to the venue's clock instead took the door's thread a whole second.
 */
function salesByDay(sqlite: Database.Database, eventId: number, timeZone: string): SalesDay[] {
  const span = prepared(
    sqlite,
    `SELECT min(assigned_at) AS first, max(assigned_at) AS last FROM ticket
      WHERE event_id = ? AND assigned_at IS NOT NULL`,
  ).get(eventId) as { first: string | null; last: string | null }
  if (span.first === null || span.last === null) return []
  const perDay = prepared(
    sqlite,
    `SELECT ticket_type_id, count(*) AS n FROM ticket
      WHERE event_id = ? AND assigned_at >= ? AND assigned_at < ? GROUP BY ticket_type_id`,
  )
  const midnight = (day: string) => new Date(wallClockToIso(`${day}T00:00`, timeZone)!).toISOString()
  const days: SalesDay[] = []
  let day = isoToWallClock(span.first, timeZone).slice(0, 10)
  let from = midnight(day)
  while (from <= span.last) {
    const next = dayAfter(day)
    const to = midnight(next)
    const counts = perDay.all(eventId, from, to) as Array<{ ticket_type_id: number | null; n: number }>
    if (counts.length > 0) {
      const by_type = Object.fromEntries(counts.map((c) => [c.ticket_type_id ?? 'none', c.n]))
      days.push({ day, by_type, total: counts.reduce((sum, c) => sum + c.n, 0) })
    }
    day = next
    from = to
  }
  return days
}

export const timelineOperations: Pick<Handlers, 'timeline'> = {
  timeline({ event_id }, { store, now }) {
    const { db, sqlite } = store
    const event = findEvent(db, event_id)
    // Accepted door scans only: a refused code let nobody in or out. A guest came in when the
    // door scanned them, also when an offline door told the host only later.
    const moves = prepared(
      sqlite,
      `SELECT scanned_at AS at, direction FROM checkin WHERE event_id = ? AND result = 'OK'
        ORDER BY scanned_at, id`,
    ).all(event_id) as Array<{ at: string; direction: 'in' | 'out' }>

    const types = prepared(sqlite, `SELECT id, name FROM ticket_type WHERE event_id = ? ORDER BY id`).all(
      event_id,
    ) as Array<{ id: number; name: string }>
    const days = salesByDay(sqlite, event_id, venueFormat(sqlite).time_zone)
    const untyped = days.some((d) => 'none' in d.by_type)
    return {
      event_id,
      generated_at: now,
      slot_minutes: SLOT_MINUTES,
      door: doorSlots(moves, event.startsAt, event.endsAt, Date.parse(now)),
      ticket_types: [
        ...types.map(({ id, name }) => ({ id, name })),
        ...(untyped ? [{ id: null, name: 'No type' }] : []),
      ],
      sales: days,
    }
  },
}
