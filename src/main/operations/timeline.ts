// The night over time, for the charts on Reports and the Night screen: arrivals
// per 15 minutes and how many were inside at the end of each slot (from the door
// log), and tickets sold per day in the venue's time zone by ticket type.
import type { DoorSlot, SalesDay } from '../../shared/views'
import { isoToWallClock } from '../../shared/venue-format'
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
    const sold = prepared(
      sqlite,
      `SELECT assigned_at, ticket_type_id FROM ticket WHERE event_id = ? AND assigned_at IS NOT NULL ORDER BY assigned_at`,
    ).all(event_id) as Array<{ assigned_at: string; ticket_type_id: number | null }>
    const { time_zone } = venueFormat(sqlite)
    const days = new Map<string, SalesDay>()
    for (const { assigned_at, ticket_type_id } of sold) {
      const day = isoToWallClock(assigned_at, time_zone).slice(0, 10)
      const entry = days.get(day) ?? { day, by_type: {}, total: 0 }
      const key = ticket_type_id === null ? 'none' : String(ticket_type_id)
      entry.by_type[key] = (entry.by_type[key] ?? 0) + 1
      entry.total++
      days.set(day, entry)
    }
    const untyped = sold.some((t) => t.ticket_type_id === null)
    return {
      event_id,
      generated_at: now,
      slot_minutes: SLOT_MINUTES,
      door: doorSlots(moves, event.startsAt, event.endsAt, Date.parse(now)),
      ticket_types: [
        ...types.map(({ id, name }) => ({ id, name })),
        ...(untyped ? [{ id: null, name: 'No type' }] : []),
      ],
      sales: [...days.values()],
    }
  },
}
