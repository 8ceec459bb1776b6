// In-process benchmarks: seeding, check-in and reconciliation through the real
// dispatcher on a real SQLite file, each next to a bare better-sqlite3 baseline
// on the same schema, so the ratio shows what the core adds on top of SQLite.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore, type Core } from '../src/main/core'
import { ticketUuids } from '../src/main/ticket-uuid'
import { invoke } from '../src/main/dispatcher'
import type { Principal } from '../src/shared/principal'
import type { AssignResult, PaymentMethod } from '../src/shared/views'
import { median, seededRandom, shuffle, summarize, timeMs, type Row } from './stats'

export const EVENT_SIZE = 100_000
const ADMIN: Principal = { role: 'admin', station: 'Bench box office', operator: 'bench' }

export interface BenchEvent {
  core: Core
  dataDir: string
  eventId: number
  typeId: number
  /** Closes the database (if still open) and deletes the temp folder. */
  dispose(): void
}

/** A fresh database in a temp folder with one empty event of `capacity` tickets (100,000). */
export function newEvent(capacity = EVENT_SIZE): BenchEvent {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketi-bench-'))
  const core = openCore({ dataDir, logError: () => {} })
  const event = invoke(
    core.dispatch,
    'createEvent',
    // 6-digit codes: up to 1,000,000 tickets fit (SPEC §4: capacity <= 10^code_length).
    { name: 'Bench Night', starts_at: '2026-12-01T20:00:00Z', capacity, code_length: 6 },
    ADMIN,
  )
  const type = invoke(
    core.dispatch,
    'addTicketType',
    { event_id: event.id, name: 'Standard', price_cents: 2500 },
    ADMIN,
  )
  return {
    core,
    dataDir,
    eventId: event.id,
    typeId: type.id,
    dispose() {
      this.core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Seeding 100,000 tickets with one seedInventory call, against a bare loop
 * inserting rows of the same shape in one transaction. Alternating rounds on
 * fresh databases, median of each; the last seeded event is kept for the rest.
 */
export function benchSeed(rounds = 3): { rows: Row[]; event: BenchEvent } {
  const seeded: number[] = []
  const bare: number[] = []
  let kept: BenchEvent | null = null
  for (let round = 0; round < rounds; round++) {
    const base = newEvent()
    const insert = base.core.store.sqlite.prepare(
      `INSERT INTO ticket (uuid, event_id, ticket_type_id, status) VALUES (?, ?, ?, 'available')`,
    )
    // The same uuids as the app's (time-ordered), so the baseline's rows have the same shape.
    const loop = base.core.store.sqlite.transaction(() => {
      for (const uuid of ticketUuids(EVENT_SIZE)) insert.run(uuid, base.eventId, base.typeId)
    })
    bare.push(timeMs(() => loop.immediate()))
    base.dispose()

    kept?.dispose()
    const ev = newEvent()
    seeded.push(
      timeMs(() =>
        invoke(
          ev.core.dispatch,
          'seedInventory',
          { event_id: ev.eventId, count: EVENT_SIZE, ticket_type_id: ev.typeId },
          ADMIN,
        ),
      ),
    )
    kept = ev
  }
  const figure = `seed 100,000 tickets (median of ${rounds})`
  return {
    rows: [{ figure, value: median(seeded), unit: 'ms', baseline: median(bare), goalBelow: 1000 }],
    event: kept!,
  }
}

const METHODS: PaymentMethod[] = ['card', 'card', 'cash', 'card', 'cash', 'comp', 'other']

/**
 * Sells `sales` x `perSale` tickets through assign (each sale queues one email),
 * committed in groups as the LAN host does under load, then gives the outbox a
 * night's mix of outcomes. No mail worker runs here, so the outcomes are
 * written directly. Returns the door codes in random order.
 */
export function sell(ev: BenchEvent, sales = 1000, perSale = 20): string[] {
  const { store, dispatchTogether } = ev.core
  const codes: string[] = []
  const saleIds: number[] = []
  for (let first = 0; first < sales; first += 64) {
    const calls = Array.from({ length: Math.min(64, sales - first) }, (_, k) => {
      const i = first + k
      return {
        name: 'assign',
        input: {
          event_id: ev.eventId,
          customer: { name: `Guest ${ev.eventId}-${i}`, email: `guest${i}@example.com` },
          quantity: perSale,
          payment_method: METHODS[i % METHODS.length],
        },
        who: ADMIN,
      }
    })
    for (const outcome of dispatchTogether(calls)) {
      if (!outcome.ok) throw new Error(outcome.error.error)
      const sale = outcome.value as AssignResult
      saleIds.push(sale.sale_id)
      for (const t of sale.tickets) codes.push(t.short_code!)
    }
  }
  const mark = store.sqlite.prepare(`UPDATE email_outbox SET status = CASE
    WHEN id % 20 = 0 THEN 'failed' WHEN id % 10 = 0 THEN 'queued' ELSE 'sent' END WHERE sale_id = ?`)
  store.sqlite.transaction(() => {
    for (const saleId of saleIds) mark.run(saleId)
  })()
  return shuffle(codes, seededRandom(1))
}

/** Reconciliation and its CSV, against a bare count by status of the same tickets. */
export function benchReconciliation(ev: BenchEvent, what: string, runs = 50): Row[] {
  const input = { event_id: ev.eventId }
  const reconcile = () => invoke(ev.core.dispatch, 'reconciliation', input, ADMIN)
  const csv = () => invoke(ev.core.dispatch, 'reconciliationCsv', input, ADMIN)
  const count = ev.core.store.sqlite.prepare(
    'SELECT status, count(*) FROM ticket WHERE event_id = ? GROUP BY status',
  )
  const bareCount = () => count.all(ev.eventId)
  // Warm the page cache and the prepared statements first.
  for (let i = 0; i < 3; i++) {
    reconcile()
    csv()
    bareCount()
  }

  const repeat = (fn: () => unknown) => Array.from({ length: runs }, () => timeMs(() => void fn()))
  const report = summarize(repeat(reconcile))
  const bare = summarize(repeat(bareCount))
  const file = summarize(repeat(csv))
  const label = `reconciliation, ${what} (${runs} runs)`
  return [
    { figure: `${label} median`, value: report.p50, unit: 'ms', baseline: bare.p50, goalBelow: 20 },
    { figure: `${label} p95`, value: report.p95, unit: 'ms', baseline: bare.p95, goalBelow: 20 },
    // The baseline here is the reconciliation itself: the ratio is what the CSV adds.
    {
      figure: `reconciliation CSV, ${what} (median; baseline: report)`,
      value: file.p50,
      unit: 'ms',
      baseline: report.p50,
    },
    ...benchTimeline(ev, what, report.p50),
  ]
}

/** The Night screen's charts, asked again after every admission: one step, so under 50 ms. */
function benchTimeline(ev: BenchEvent, what: string, reconcileMs: number): Row[] {
  const timeline = () => invoke(ev.core.dispatch, 'timeline', { event_id: ev.eventId }, ADMIN)
  timeline()
  const times = summarize(Array.from({ length: 20 }, () => timeMs(() => void timeline())))
  return [
    {
      figure: `night charts (timeline), ${what} (20 runs) p95; baseline: reconciliation`,
      value: times.p95,
      unit: 'ms',
      baseline: reconcileMs,
      goalBelow: 50,
    },
  ]
}

/** One door station token per HTTP client, so the API authenticates 20 real stations. */
export function createStations(ev: BenchEvent, n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      invoke(ev.core.dispatch, 'createStation', { name: `Bench door ${i + 1}`, role: 'door' }, ADMIN).token,
  )
}
