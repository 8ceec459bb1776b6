// Files in and out (SPEC §6): a 10,000-guest list imported and sold (one email
// queued each), a 100,000-row attendee list exported as CSV and XLSX, and a
// backup of that database, each next to a baseline from the same run, with the
// longest the door waited meanwhile.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { invoke } from '../src/main/dispatcher'
import type { BuiltExport } from '../src/main/exports/build'
import { exportBytes } from '../src/main/exports/bytes'
import type { Principal } from '../src/shared/principal'
import type { ImportResult } from '../src/shared/views'
import { newEvent, type BenchEvent } from './core'
import { elapsedMs, median, timeMs, type Row } from './stats'

const ADMIN: Principal = { role: 'admin', station: 'Bench box office', operator: 'bench' }
export const GUESTS = 10_000

export function guestList(round: number): string {
  const lines = ['Name,Email,Phone,Quantity']
  for (let i = 0; i < GUESTS; i++) lines.push(`Guest ${round}-${i},guest${round}-${i}@example.com,,1`)
  return lines.join('\r\n')
}

/**
 * importGuestList of 10,000 rows on a fresh event, as the host runs it (in steps,
 * through dispatchAsync), against the same 10,000 sales as assign calls committed
 * together (what the import adds: reading and checking the file), with the longest
 * the event loop was held meanwhile. Alternating rounds, median of each.
 */
export async function benchImport(rounds = 3): Promise<Row[]> {
  const imported: number[] = []
  const assigned: number[] = []
  let hold = 0
  for (let round = 0; round < rounds; round++) {
    const base = seeded()
    const calls = Array.from({ length: GUESTS }, (_, i) => ({
      name: 'assign',
      input: {
        event_id: base.eventId,
        customer: { name: `Guest ${round}-${i}`, email: `guest${round}-${i}@example.com` },
        payment_method: 'comp',
      },
      who: ADMIN,
    }))
    assigned.push(timeMs(() => void base.core.dispatchTogether(calls)))
    base.dispose()

    const ev = seeded()
    const csv = guestList(round)
    const run = await withLongestHold(async () => {
      const outcome = await ev.core.dispatchAsync('importGuestList', { event_id: ev.eventId, csv }, ADMIN)
      if (!outcome.ok) throw new Error(outcome.error.error)
      return outcome.value as ImportResult
    })
    if (run.value.created !== GUESTS || run.value.emails_queued !== GUESTS)
      throw new Error('import fell short')
    imported.push(run.ms)
    hold = Math.max(hold, run.longestHoldMs)
    ev.dispose()
  }
  const label = `guest list ${GUESTS.toLocaleString('en')} rows imported, emails queued`
  return [
    {
      figure: `${label} (median of ${rounds}; baseline: the same assigns together)`,
      value: median(imported),
      unit: 'ms',
      baseline: median(assigned),
      goalBelow: 1000,
    },
    { figure: `${label}: longest the event loop was held`, value: hold, unit: 'ms', goalBelow: 50 },
  ]
}

function seeded(): BenchEvent {
  const ev = newEvent(GUESTS * 2)
  invoke(
    ev.core.dispatch,
    'seedInventory',
    { event_id: ev.eventId, count: GUESTS * 2, ticket_type_id: ev.typeId },
    ADMIN,
  )
  return ev
}

/**
 * The longest stretch the event loop could not answer anyone (a check-in waits that long at most),
 * and the main thread's own CPU time in its busiest turn: on a shared machine the first also
 * counts the time other programs had the core, the second does not.
 */
export async function withLongestHold<T>(
  run: () => Promise<T>,
): Promise<{ value: T; ms: number; longestHoldMs: number; busiestTurnCpuMs: number }> {
  let last = process.hrtime.bigint()
  let lastCpu = process.threadCpuUsage()
  let longest = 0
  let busiest = 0
  let running = true
  const turn = () => {
    const now = process.hrtime.bigint()
    const cpu = process.threadCpuUsage(lastCpu)
    longest = Math.max(longest, Number(now - last) / 1e6)
    busiest = Math.max(busiest, (cpu.user + cpu.system) / 1000)
    last = now
    lastCpu = process.threadCpuUsage()
  }
  const tick = () => {
    turn()
    if (running) setImmediate(tick)
  }
  setImmediate(tick)
  const started = process.hrtime.bigint()
  const value = await run()
  const ms = elapsedMs(started)
  running = false
  // The last stretch too: the work that finished the run held the loop until now.
  turn()
  return { value, ms, longestHoldMs: longest, busiestTurnCpuMs: busiest }
}

/**
 * A pause after a baseline that built 100,000 rows: without it, the young generation's
 * collection of them (up to 80 ms, measured with a GC observer) fell inside the next run.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200))

/**
 * The attendee list of a sold-out 100,000-ticket event as CSV and as XLSX,
 * and its bytes as the HTTP answer writes them, against a bare SELECT of the same rows joined into
 * lines (no quoting, no safety).
 */
export async function benchExport(ev: BenchEvent, rounds = 3): Promise<Row[]> {
  const select = ev.core.store.sqlite.prepare(
    `SELECT t.short_code, c.name, c.email, t.status, t.checked_in_at FROM ticket t
       LEFT JOIN customer c ON c.id = t.customer_id WHERE t.event_id = ? AND t.sale_id IS NOT NULL ORDER BY t.id`,
  )
  const bare = () => (select.raw().all(ev.eventId) as unknown[][]).map((r) => r.join(',')).join('\r\n').length
  const rows: Row[] = []
  for (const format of ['csv', 'xlsx'] as const) {
    const times: number[] = []
    const bareTimes: number[] = []
    let hold = 0
    let busiest = 0
    let written = 0
    for (let round = 0; round < rounds; round++) {
      bareTimes.push(timeMs(() => void bare()))
      await settle()
      const run = await withLongestHold(async () => {
        const outcome = await ev.core.dispatchAsync(
          'exportReport',
          { event_id: ev.eventId, report: 'attendees', format },
          ADMIN,
        )
        if (!outcome.ok) throw new Error(outcome.error.error)
        // And its bytes, encoded as the HTTP answer writes them.
        const file = outcome.value as BuiltExport
        for await (const piece of exportBytes(file)) void piece
        return file
      })
      times.push(run.ms)
      hold = Math.max(hold, run.longestHoldMs)
      busiest = Math.max(busiest, run.busiestTurnCpuMs)
      written = run.value.rows
    }
    const label = `export ${written.toLocaleString('en')} attendees as ${format.toUpperCase()}`
    rows.push(
      {
        figure: `${label} (median of ${rounds}; baseline: bare SELECT joined)`,
        value: median(times),
        unit: 'ms',
        baseline: median(bareTimes),
        goalBelow: 1000,
      },
      { figure: `${label}: longest the event loop was held`, value: hold, unit: 'ms', goalBelow: 50 },
      { figure: `${label}: main thread's CPU in its busiest turn`, value: busiest, unit: 'ms' },
    )
  }
  return rows
}

/**
 * A backup of the sold-out 100,000-ticket database as Settings makes it: SQLite's
 * online backup into a temporary file, then its integrity check, then its name.
 * Against a bare better-sqlite3 backup() of the same file.
 */
export async function benchBackup(ev: BenchEvent, rounds = 3): Promise<Row[]> {
  const times: number[] = []
  const bareTimes: number[] = []
  let hold = 0
  let busiest = 0
  const bareDir = mkdtempSync(join(tmpdir(), 'ticketi-bench-backup-'))
  try {
    for (let round = 0; round < rounds; round++) {
      const started = process.hrtime.bigint()
      await ev.core.store.sqlite.backup(join(bareDir, `bare-${round}.db`))
      bareTimes.push(elapsedMs(started))
      const run = await withLongestHold(() => ev.core.backups.backUp('manual'))
      times.push(run.ms)
      hold = Math.max(hold, run.longestHoldMs)
      busiest = Math.max(busiest, run.busiestTurnCpuMs)
    }
  } finally {
    rmSync(bareDir, { recursive: true, force: true })
  }
  const label = 'backup of the 100,000-ticket database, checked'
  return [
    {
      figure: `${label} (median of ${rounds}; baseline: bare SQLite backup)`,
      value: median(times),
      unit: 'ms',
      baseline: median(bareTimes),
    },
    { figure: `${label}: longest the event loop was held`, value: hold, unit: 'ms', goalBelow: 50 },
    { figure: `${label}: main thread's CPU in its busiest turn`, value: busiest, unit: 'ms' },
  ]
}
