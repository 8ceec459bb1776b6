// The outbox worker: sends queued messages in the background, a few at a time,
// so a sale never waits on the mail server and the door never waits on mail.
// It only claims rows and records outcomes; the courier (the mail thread,
// src/main/mail/mail-thread.ts) draws, builds and sends each message.
//
// Each message goes queued → sending (committed) → sent | queued again with a
// later next_attempt_at | failed (committed); the database copies each change
// onto the sale's tickets' email status. Delivery is at-least-once: a message
// being sent when the process died is sent again at the next start (README,
// "Email").
import type Database from 'better-sqlite3'
import { prepared } from '../db/prepared'
import { withoutSync } from '../db/unsynced'
import type { Courier, SendResult } from './deliver'
import type { OutboxRow } from './message'
import { NOT_HELD_BY_IMPORT } from './outbox'

export interface OutboxWorkerOptions {
  sqlite: Database.Database
  /** What carries the messages out (the mail thread), or null while mail is off; may throw when the settings cannot be read. */
  courier(): Courier | null
  /** Attempts before a message is marked failed (a refused recipient fails at once). */
  maxAttempts?: number
  /** Tries whose end the server never answered (it may have the message each time) before giving up. */
  maxUnanswered?: number
  /** While sending is paused for an outage, asks the server this often whether it is back. */
  probeMs?: number
  /** The first retry waits this long; each further one twice as long, up to retryMaxMs. */
  retryBaseMs?: number
  retryMaxMs?: number
  /** Messages in flight at once: bounds the memory and the CPU the worker takes from the door. */
  concurrency?: number
  /** SMTP connections the messages in flight share. */
  connections?: number
  /** Looks at the outbox at least this often, whatever else happens. */
  pollMs?: number
  logError?: (error: unknown) => void
}

export const WORKER_DEFAULTS = {
  maxAttempts: 10,
  maxUnanswered: 3,
  probeMs: 30_000,
  retryBaseMs: 15_000,
  retryMaxMs: 60 * 60_000,
  concurrency: 8,
  connections: 3,
  pollMs: 60_000,
}

export interface OutboxWorker {
  /** Looks for due messages on the next turn of the event loop; cheap, and safe to call often. */
  wake(): void
  /** Lifts a pause for an outage and looks at once: new settings deserve a try now, not in an hour. */
  resume(): void
  /** Takes no more messages and waits (up to timeoutMs) for those in flight to be marked. */
  stop(timeoutMs?: number): Promise<void>
}

type Outcome = SendResult & { row: ClaimedRow }
/** `outage`: the outage count when the row was claimed; see noteServerFailure. */
type ClaimedRow = OutboxRow & { attempts: number; outage: number }

// An outcome that could not be committed (a locked or failing database) is tried again this soon.
const RECORD_RETRY_MS = 1_000

const DUE_SQL = `
  SELECT id, sale_id, recipient, subject, body, sale_snapshot, created_at, attempts + 1 AS attempts
    FROM email_outbox WHERE status = 'queued' AND next_attempt_at <= ? AND ${NOT_HELD_BY_IMPORT}
   ORDER BY next_attempt_at, id LIMIT ?`

/** Puts back what a crash left half-done. The server may already have it: at-least-once. */
export function requeueInterrupted(sqlite: Database.Database, now: string): number {
  return sqlite
    .prepare("UPDATE email_outbox SET status = 'queued', next_attempt_at = ? WHERE status = 'sending'")
    .run(now).changes
}

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { sqlite, logError = console.error } = options
  const settings = { ...WORKER_DEFAULTS, ...definedOnly(options) }
  let stopped = false
  let inFlight = 0
  let turn: NodeJS.Immediate | null = null
  let timer: NodeJS.Timeout | null = null
  let pausedUntil = 0
  let serverFailures = 0
  // Goes up with each pause and each resume: a message claimed before the latest one that fails
  // too met the same outage (or the old settings), and does not lengthen the pause again.
  let outage = 0
  let outcomes: Outcome[] = []
  let recordRetry: NodeJS.Timeout | null = null
  let drained: (() => void) | null = null
  let probing = false
  let nextProbeAt = 0

  function backoff(attempt: number): number {
    const delay = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempt - 1))
    // Spread retries out, so messages that failed together do not all come back together.
    return Math.round(delay * (0.8 + Math.random() * 0.4))
  }

  function lookAgainAt(when: number) {
    if (timer) clearTimeout(timer)
    timer = setTimeout(wake, Math.max(0, Math.min(when - Date.now(), settings.pollMs)))
    timer.unref()
  }

  // The outbox's bookkeeping commits without waiting for the disk (db/unsynced.ts): the next
  // check-in's sync takes it along. Lost to a power cut, a claim or a mark only means a
  // message goes again, as it would after a crash between the send and the mark.
  function claim(limit: number, now: number): ClaimedRow[] {
    return withoutSync(sqlite, () =>
      sqlite
        .transaction(() => {
          const rows = prepared(sqlite, DUE_SQL).all(new Date(now).toISOString(), limit) as ClaimedRow[]
          for (const row of rows) row.outage = outage
          const take = prepared(
            sqlite,
            "UPDATE email_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'queued'",
          )
          for (const row of rows) take.run(row.id)
          return rows
        })
        .immediate(),
    )
  }

  async function deliver(row: ClaimedRow, courier: Courier) {
    let outcome: Outcome
    try {
      outcome = { row, ...(await courier.deliver(row)) }
    } catch (error) {
      logError(error)
      const message = 'The message could not be handed to the mail sender; it goes again shortly.'
      outcome = { row, failure: { permanent: false, wholeServer: false, unreachable: false, message } }
    }
    if (outcomes.length === 0) setImmediate(record)
    outcomes.push(outcome)
  }

  /**
   * While paused, asks the server (without sending anything) whether it would take a message
   * now: a server back after an outage gets the queue within probeMs, however long the pause.
   */
  function probe(courier: Courier) {
    if (probing) return
    probing = true
    const asked = outage
    courier.probe().then(
      (ready) => {
        probing = false
        // A pause begun or lifted meanwhile is newer news than this answer.
        if (ready && asked === outage && Date.now() < pausedUntil) {
          pausedUntil = 0
          wake()
        } else if (!stopped) lookAgainAt(Math.min(pausedUntil, nextProbeAt))
      },
      (error: unknown) => {
        probing = false
        logError(error)
        if (!stopped) lookAgainAt(Math.min(pausedUntil, nextProbeAt))
      },
    )
  }

  /** Marks every message that finished in this turn in one commit: one sync to disk for all of them. */
  function record() {
    if (recordRetry) clearTimeout(recordRetry)
    recordRetry = null
    const done = outcomes
    outcomes = []
    const now = Date.now()
    try {
      // A closed database is a stop: the rows stay 'sending' and the next start sends them again.
      if (sqlite.open)
        withoutSync(sqlite, () => sqlite.transaction(() => done.forEach((o) => mark(o, now))).immediate())
    } catch (error) {
      logError(error)
      // Kept, not dropped: otherwise the rows would wait in 'sending' until the next start.
      outcomes = [...done, ...outcomes]
      recordRetry = setTimeout(record, Math.min(RECORD_RETRY_MS, settings.pollMs))
      recordRetry.unref()
      return
    }
    inFlight -= done.length
    if (!stopped) pump()
    else if (inFlight === 0) drained?.()
  }

  /**
   * Pauses all sending after a failure that every message would meet. Each message in flight
   * during an outage fails on its own; only the first of them lengthens the pause, so eight
   * messages meeting one refused login wait 15 s, not half an hour.
   */
  function noteServerFailure(row: ClaimedRow, now: number) {
    if (row.outage !== outage) return
    outage++
    pausedUntil = now + backoff(++serverFailures)
    // The failure that paused us is fresh news: the first probe waits an interval too.
    nextProbeAt = now + settings.probeMs
  }

  function mark(outcome: Outcome, now: number) {
    const { row } = outcome
    if ('delivery' in outcome) {
      serverFailures = 0
      pausedUntil = 0
      prepared(
        sqlite,
        `UPDATE email_outbox SET status = 'sent', sent_at = ?, message_id = ?, last_error = NULL
          WHERE id = ? AND status = 'sending'`,
      ).run(new Date(now).toISOString(), outcome.delivery.messageId, row.id)
    } else {
      const { failure } = outcome
      if (failure.wholeServer) noteServerFailure(row, now)
      if (failure.unreachable) {
        // Says nothing about this message or these settings: an outage of any length uses up no
        // attempt, and the message goes with the others when the pause ends.
        // Due at once: the pause holds it back, and a probe that finds the server back lifts it.
        prepared(
          sqlite,
          `UPDATE email_outbox SET status = 'queued', attempts = attempts - 1, next_attempt_at = ?, last_error = ?
            WHERE id = ? AND status = 'sending'`,
        ).run(new Date(now).toISOString(), failure.message, row.id)
      } else if (failure.unanswered && row.attempts >= settings.maxUnanswered) {
        prepared(
          sqlite,
          "UPDATE email_outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'",
        ).run(
          `The mail server took this message ${row.attempts} times without ever confirming it, so Ticketi stopped sending it. The customer may have it already: ask before sending it again.`,
          row.id,
        )
      } else if (failure.permanent || row.attempts >= settings.maxAttempts) {
        prepared(
          sqlite,
          "UPDATE email_outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'",
        ).run(failure.message, row.id)
      } else {
        prepared(
          sqlite,
          `UPDATE email_outbox SET status = 'queued', next_attempt_at = ?, last_error = ?
            WHERE id = ? AND status = 'sending'`,
        ).run(new Date(now + backoff(row.attempts)).toISOString(), failure.message, row.id)
      }
    }
  }

  function pump() {
    turn = null
    if (stopped || !sqlite.open) return
    const now = Date.now()
    try {
      if (now < pausedUntil) return whilePaused(now)
      lookForDueMessages(now)
    } catch (error) {
      // Runs from a timer: a throw here would take down the whole process, the door with it.
      logError(error)
      lookAgainAt(now + settings.pollMs)
    }
  }

  function whilePaused(now: number) {
    const courier = options.courier()
    if (!courier) return lookAgainAt(now + settings.pollMs)
    if (now >= nextProbeAt) {
      nextProbeAt = now + settings.probeMs
      probe(courier)
    }
    lookAgainAt(Math.min(pausedUntil, nextProbeAt))
  }

  function lookForDueMessages(now: number) {
    // Mail off: the messages wait, queued; new settings wake the worker.
    const courier = options.courier()
    if (!courier) return lookAgainAt(now + settings.pollMs)
    const free = settings.concurrency - inFlight
    if (free > 0) {
      for (const row of claim(free, now)) {
        inFlight++
        void deliver(row, courier)
      }
    }
    if (inFlight === 0) {
      const next = prepared(
        sqlite,
        `SELECT min(next_attempt_at) FROM email_outbox WHERE status = 'queued' AND ${NOT_HELD_BY_IMPORT}`,
      )
        .pluck()
        .get() as string | null
      lookAgainAt(next ? Date.parse(next) : now + settings.pollMs)
    }
  }

  function wake() {
    if (!stopped && !turn) turn = setImmediate(pump)
  }

  requeueInterrupted(sqlite, new Date().toISOString())
  wake()

  return {
    wake,
    resume() {
      pausedUntil = 0
      serverFailures = 0
      // Failures still on their way from the old settings do not pause the new ones.
      outage++
      wake()
    },
    async stop(timeoutMs = 5_000) {
      stopped = true
      if (turn) clearImmediate(turn)
      if (timer) clearTimeout(timer)
      if (inFlight === 0) return
      await new Promise<void>((resolve) => {
        drained = resolve
        setTimeout(resolve, timeoutMs).unref()
      })
    },
  }
}

function definedOnly(options: OutboxWorkerOptions): Partial<typeof WORKER_DEFAULTS> {
  return Object.fromEntries(
    Object.keys(WORKER_DEFAULTS).flatMap((key) => {
      const value = options[key as keyof typeof WORKER_DEFAULTS]
      return value === undefined ? [] : [[key, value]]
    }),
  )
}
