// Code guessing at the door, kept in memory so the check-in's hot path never
// counts rows. A station that types codes which do not exist (UNKNOWN,
// WRONG_EVENT) earns a miss score that fades by one every 10 s; while it has
// one, each typed code makes it wait before the next, doubling with every
// point: 2 s, 4 s, 8 s ... up to a minute. The same misses also add up per
// event across all stations, so five guessing stations wait for each other.
// A busy honest door does not notice: one typo fades before the next, the
// retyped code comes a few seconds later anyway, and a door that lets guests
// in takes the event's score down. A scanned uuid never reaches this module.
// Check-ins a door uploads after working offline already happened: they slow
// nobody down, but their misses count for the warning all the same.
// The check-in log keeps every attempt, so a restarted host replays the last
// minutes from it and a guesser gains nothing from a restart.
import type Database from 'better-sqlite3'
import { stationLabel } from '../../shared/stations'
import type { GuessingWarning } from '../../shared/views'
import type { Store } from '../db/open'

/** One point of miss score fades in this time. */
const FADE_MS = 10_000
/** The first wait; every further point of score doubles it. */
const FIRST_WAIT_MS = 2_000
const LONGEST_WAIT_MS = 60_000
/** An admission at a station this far in misses counts half a miss: guessers' lucky hits add up. */
const MISSING_STATION = 1.5
const HIT_AT_MISSING_STATION = 0.5
/** The event's score is free up to here (several doors typo at once on a busy night). */
const EVENT_FREE = 4
/** Each admission anywhere takes this off the event's score: doors that let guests in are working. */
const EVENT_ADMISSION_CREDIT = 0.25
/** The door and Reports warn of a station with this many misses in the last minutes... */
export const WARN_MISSES = 5
/** ...more than its admissions, within this window. */
export const WARN_WINDOW_MS = 5 * 60_000

export type Outcome = 'miss' | 'admitted' | 'other'

interface Score {
  points: number
  at: number
}

interface StationState {
  score: Score
  /** No typed code before this time (ms). */
  waitUntil: number
}

/** Misses and admissions of one station at one event, in 10-second buckets over the warning's window. */
interface Recent {
  buckets: Array<{ bucket: number; misses: number; admissions: number }>
  lastMissAt: number
}

const BUCKET_MS = 10_000

function faded(score: Score, now: number): number {
  return Math.max(0, score.points - Math.max(0, now - score.at) / FADE_MS)
}

function waitFor(points: number): number {
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (points - 1))
}

function pruned(recent: Recent, now: number): Recent['buckets'] {
  const from = Math.floor((now - WARN_WINDOW_MS) / BUCKET_MS)
  while (recent.buckets.length > 0 && recent.buckets[0]!.bucket <= from) recent.buckets.shift()
  return recent.buckets
}

export class GuessWatch {
  private stations = new Map<string, StationState>()
  private events = new Map<number, Score>()
  /** Per event, per station: when it missed and admitted lately, for the warning. */
  private recent = new Map<number, Map<string, Recent>>()
  private updates = 0

  /** Milliseconds until `station` may type a code again; 0 when it may now. */
  retryAfterMs(station: string, now: number): number {
    const state = this.stations.get(station)
    return state ? Math.max(0, state.waitUntil - now) : 0
  }

  /** Counts one typed code's answer and sets how long the station waits before the next. */
  record(station: string, eventId: number, outcome: Outcome, now: number): void {
    const state = this.stations.get(station) ?? { score: { points: 0, at: now }, waitUntil: 0 }
    const event = this.events.get(eventId) ?? { points: 0, at: now }
    let points = faded(state.score, now)
    let eventPoints = faded(event, now)
    if (outcome === 'miss') {
      points += 1
      eventPoints += 1
    } else if (outcome === 'admitted') {
      if (points >= MISSING_STATION) points += HIT_AT_MISSING_STATION
      eventPoints = Math.max(0, eventPoints - EVENT_ADMISSION_CREDIT)
    }
    state.score = { points, at: now }
    this.events.set(eventId, { points: eventPoints, at: now })
    // Only a station that has missed lately waits, also for the event's score: the others work on.
    if (points > 0) {
      const wait = Math.max(
        waitFor(points),
        eventPoints >= EVENT_FREE ? waitFor(eventPoints - EVENT_FREE + 1) : 0,
      )
      state.waitUntil = now + wait
    }
    this.stations.set(station, state)
    if (outcome !== 'other') this.remember(eventId, station, outcome, now)
    if (++this.updates % 1000 === 0) this.forgetQuiet(now)
  }

  /** An uploaded typed code's answer: counted for the warning only, never for the wait. */
  recordUploaded(station: string, eventId: number, outcome: Outcome, now: number): void {
    if (outcome !== 'other') this.remember(eventId, station, outcome, now)
  }

  /** Stations that missed more than they admitted lately, most misses first. */
  warnings(eventId: number, now: number): GuessingWarning[] {
    const byStation = this.recent.get(eventId)
    if (!byStation) return []
    const warnings: GuessingWarning[] = []
    for (const [station, recent] of byStation) {
      let misses = 0
      let admissions = 0
      for (const b of pruned(recent, now)) {
        misses += b.misses
        admissions += b.admissions
      }
      if (misses >= WARN_MISSES && misses > admissions) {
        warnings.push({
          station: stationLabel(station),
          misses,
          admissions,
          last_miss_at: new Date(recent.lastMissAt).toISOString(),
        })
      }
    }
    return warnings.sort((a, b) => b.misses - a.misses)
  }

  private remember(eventId: number, station: string, outcome: 'miss' | 'admitted', now: number) {
    let byStation = this.recent.get(eventId)
    if (!byStation) this.recent.set(eventId, (byStation = new Map()))
    const recent = byStation.get(station) ?? { buckets: [], lastMissAt: 0 }
    const bucket = Math.floor(now / BUCKET_MS)
    let last = pruned(recent, now).at(-1)
    if (!last || last.bucket !== bucket) recent.buckets.push((last = { bucket, misses: 0, admissions: 0 }))
    if (outcome === 'miss') {
      last.misses++
      recent.lastMissAt = now
    } else last.admissions++
    byStation.set(station, recent)
  }

  /** Drops what has faded, so a night of one-off stations does not grow the maps. */
  private forgetQuiet(now: number) {
    for (const [station, state] of this.stations) {
      if (faded(state.score, now) === 0 && state.waitUntil <= now) this.stations.delete(station)
    }
    for (const [eventId, score] of this.events) if (faded(score, now) === 0) this.events.delete(eventId)
    for (const [eventId, byStation] of this.recent) {
      for (const [station, recent] of byStation) {
        if (pruned(recent, now).length === 0) byStation.delete(station)
      }
      if (byStation.size === 0) this.recent.delete(eventId)
    }
  }
}

/** How far back a restarted host reads the check-in log: long enough for a minute's wait to fade. */
const REPLAY_MS = 10 * 60_000
const UUID_LIKE = '________-____-____-____-____________'

function replayed(sqlite: Database.Database, now: number): GuessWatch {
  const watch = new GuessWatch()
  const rows = sqlite
    .prepare(
      `SELECT station, event_id, result, at, offline FROM checkin
        WHERE at > ? AND result IN ('UNKNOWN', 'WRONG_EVENT', 'OK') AND direction = 'in'
          AND code_typed NOT LIKE ? ORDER BY id`,
    )
    .all(new Date(now - REPLAY_MS).toISOString(), UUID_LIKE) as Array<{
    station: string
    event_id: number
    result: string
    at: string
    offline: number
  }>
  for (const row of rows) {
    const outcome = row.result === 'OK' ? 'admitted' : 'miss'
    if (row.offline) watch.recordUploaded(row.station, row.event_id, outcome, Date.parse(row.at))
    else watch.record(row.station, row.event_id, outcome, Date.parse(row.at))
  }
  return watch
}

const watches = new WeakMap<Store, GuessWatch>()

/** The database's watch, rebuilt from its check-in log the first time it is asked for. */
export function guessWatch(store: Store, now: number): GuessWatch {
  let watch = watches.get(store)
  if (!watch) watches.set(store, (watch = replayed(store.sqlite, now)))
  return watch
}
