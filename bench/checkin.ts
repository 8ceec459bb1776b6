// In-process check-in latency through the dispatcher on the 100,000-ticket
// event, with its baselines interleaved call by call, so a noisy moment on the
// shared machine hits the figure and its baseline alike.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { invoke } from '../src/main/dispatcher'
import type { Principal } from '../src/shared/principal'
import type { BenchEvent } from './core'
import { elapsedMs, seededRandom, summarize, type Row } from './stats'

type Expected = 'OK' | 'DUPLICATE' | 'UNKNOWN'

function timed<T>(into: number[], fn: () => T): T {
  const start = process.hrtime.bigint()
  const value = fn()
  into.push(elapsedMs(start))
  return value
}

const door = (i: number): Principal => ({ role: 'door', station: `Door ${(i % 4) + 1}`, operator: 'bench' })

/**
 * Mostly first scans (OK), some second scans (DUPLICATE), some mistyped codes
 * (UNKNOWN). Each UNKNOWN comes from its own station: the guessing throttle
 * makes a station that missed wait seconds, which a loop without pauses is not.
 */
function plan(n: number, fresh: string[], admitted: string[], sold: Set<string>) {
  const random = seededRandom(2)
  const attempts: Array<{ code: string; expect: Expected; who: Principal }> = []
  for (let i = 0; i < n; i++) {
    const roll = random()
    if (roll < 0.05) {
      let code: string
      do code = String(Math.floor(random() * 1e6)).padStart(6, '0')
      while (sold.has(code))
      attempts.push({ code, expect: 'UNKNOWN', who: { ...door(i), station: `Probe ${i}` } })
    } else if (roll < 0.15) {
      const code = admitted[Math.floor(random() * admitted.length)]!
      attempts.push({ code, expect: 'DUPLICATE', who: door(i) })
    } else {
      attempts.push({ code: fresh.shift()!, expect: 'OK', who: door(i) })
    }
  }
  return attempts
}

/**
 * The cheapest durable commit this disk allows: one row, synchronous=FULL, in a
 * database of its own so its WAL frames do not change when the event's WAL
 * checkpoints.
 */
function commitFloor(dir: string) {
  const db = new Database(join(dir, 'commit-floor.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE floor (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO floor VALUES (1, 0)')
  const bump = db.prepare('UPDATE floor SET n = n + 1 WHERE id = 1')
  return { commit: db.transaction(() => bump.run()), close: () => db.close() }
}

/** Consumes codes from the front of `codes` (every sold, unscanned code); the rest go to HTTP. */
export function benchCheckIn(ev: BenchEvent, codes: string[], n = 6000): Row[] {
  const { sqlite } = ev.core.store
  const sold = new Set(codes)
  const check = (code: string, who: Principal) =>
    invoke(ev.core.dispatch, 'checkIn', { event_id: ev.eventId, code }, who).result

  // Warm-up: compiles the prepared statements and gives DUPLICATE something to hit.
  const admitted = codes.splice(0, 200)
  admitted.forEach((code, i) => check(code, door(i)))
  const attempts = plan(n, codes, admitted, sold)

  const lookup = sqlite.prepare('SELECT * FROM ticket WHERE event_id = ? AND short_code = ?')
  const floor = commitFloor(ev.dataDir)
  const samples: number[] = []
  const selects: number[] = []
  const commits: number[] = []
  let mismatches = 0
  for (const { code, expect, who } of attempts) {
    if (timed(samples, () => check(code, who)) !== expect) mismatches++
    timed(selects, () => lookup.get(ev.eventId, code))
    timed(commits, () => floor.commit.immediate())
  }
  floor.close()
  const mix = (kind: Expected) => attempts.filter((a) => a.expect === kind).length
  console.log(`- check-in mix: ${mix('OK')} OK, ${mix('DUPLICATE')} DUPLICATE, ${mix('UNKNOWN')} UNKNOWN`)
  if (mismatches > 0) console.warn(`warning: ${mismatches} check-ins answered differently than planned`)

  const s = summarize(samples)
  const b = summarize(selects)
  const c = summarize(commits)
  const label = `check-in in-process (n=${n})`
  return [
    { figure: `${label} p50`, value: s.p50, unit: 'ms', baseline: b.p50 },
    { figure: `${label} p99`, value: s.p99, unit: 'ms', baseline: b.p99, goalBelow: 2 },
    { figure: `${label} mean`, value: s.mean, unit: 'ms', baseline: b.mean },
    {
      figure: `${label} p99 vs durable 1-row commit`,
      value: s.p99,
      unit: 'ms',
      baseline: c.p99,
      goalBelow: 2,
    },
  ]
}
