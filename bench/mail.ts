// Mail: messages per second through the outbox to a local SMTP server, and the
// time from an assign to the server accepting its message. Baselines: bare
// nodemailer on the same pool size, sending a plain message to the same server.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore } from '../src/main/core'
import { invoke } from '../src/main/dispatcher'
import { WORKER_DEFAULTS } from '../src/main/mail/worker'
import { eventually, startTestSmtp, type Arrival } from '../test/support/smtp'
import { createMailer } from '../src/main/mail/transport'
import type { MailSettings } from '../src/main/mail/settings'
import type { Principal } from '../src/shared/principal'
import { elapsedMs, summarize, type Row } from './stats'

const ADMIN: Principal = { role: 'admin', station: 'Bench box office', operator: 'bench' }
export const MAIL_MESSAGES = 2000
const LATENCY_SALES = 200

function smtpTo(port: number): MailSettings {
  return {
    transport: 'smtp',
    host: '127.0.0.1',
    port,
    security: 'none',
    user: null,
    password: null,
    from: { name: 'Bench', address: 'bench@example.com' },
  }
}

function pause(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Queues `count` sales of one ticket (one email each) with the worker off, as a busy box office would. */
function queueSales(dataDir: string, count: number): number {
  const core = openCore({ dataDir, logError: () => {} })
  const eventId = invoke(
    core.dispatch,
    'createEvent',
    { name: 'Mail Night', starts_at: '2026-12-01T20:00:00Z', capacity: 10_000, code_length: 4 },
    ADMIN,
  ).id
  invoke(core.dispatch, 'seedInventory', { event_id: eventId, count: count + LATENCY_SALES }, ADMIN)
  for (let first = 0; first < count; first += 64) {
    const calls = Array.from({ length: Math.min(64, count - first) }, (_, k) => ({
      name: 'assign',
      input: {
        event_id: eventId,
        customer: { name: `Guest ${first + k}`, email: `guest${first + k}@example.com` },
      },
      who: ADMIN,
    }))
    for (const outcome of core.dispatchTogether(calls)) {
      if (!outcome.ok) throw new Error(outcome.error.error)
    }
  }
  core.close()
  return eventId
}

export async function benchMail(log: (message: string) => void): Promise<Row[]> {
  let onArrival: ((arrival: Arrival) => void) | null = null
  const server = await startTestSmtp({ onArrival: (arrival) => onArrival?.(arrival) })
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketi-bench-mail-'))
  try {
    // Bare nodemailer first: the same pool size, the same server, a plain text message.
    const bare = createMailer(smtpTo(server.port), {
      pool: true,
      maxConnections: WORKER_DEFAULTS.connections,
    })!
    const bareStart = process.hrtime.bigint()
    await Promise.all(
      Array.from({ length: MAIL_MESSAGES }, (_, i) =>
        bare.send({ from: bare.from, to: `bare${i}@example.com`, subject: 'Bare', text: `Code ${i}` }),
      ),
    )
    const bareRate = MAIL_MESSAGES / (elapsedMs(bareStart) / 1000)
    const bareLatency: number[] = []
    for (let i = 0; i < LATENCY_SALES; i++) {
      const start = performance.now()
      const arrived = new Promise<Arrival>((resolve) => (onArrival = resolve))
      await bare.send({ from: bare.from, to: `one${i}@example.com`, subject: 'Bare', text: 'Code' })
      bareLatency.push((await arrived).at - start)
    }
    bare.close()
    server.arrivals.length = 0

    const eventId = queueSales(dataDir, MAIL_MESSAGES)
    const start = process.hrtime.bigint()
    const core = openCore({
      dataDir,
      logError: console.error,
      mail: { environment: smtpTo(server.port), worker: true },
    })
    const sent = core.store.sqlite.prepare("SELECT count(*) FROM email_outbox WHERE status = 'sent'").pluck()
    await eventually(() => sent.get() === MAIL_MESSAGES, 300_000, 'the outbox to drain')
    const rate = MAIL_MESSAGES / (elapsedMs(start) / 1000)
    if (server.arrivals.length !== MAIL_MESSAGES) throw new Error(`${server.arrivals.length} arrived`)
    log(
      `outbox: ${MAIL_MESSAGES} sales, ${Math.round(rate)} messages/s (bare nodemailer ${Math.round(bareRate)}/s)`,
    )

    // One sale at a time, the way a box office sells: assign, then wait for the server to accept it.
    const latency: number[] = []
    for (let i = 0; i < LATENCY_SALES; i++) {
      const arrived = new Promise<Arrival>((resolve) => (onArrival = resolve))
      const begin = performance.now()
      invoke(
        core.dispatch,
        'assign',
        { event_id: eventId, customer: { name: 'Walk-in', email: `walkin${i}@example.com` } },
        ADMIN,
      )
      latency.push((await arrived).at - begin)
      await pause(5)
    }
    await core.mail.stop()
    core.close()

    const ours = summarize(latency)
    const theirs = summarize(bareLatency)
    return [
      {
        figure: `outbox to local SMTP, ${MAIL_MESSAGES} messages`,
        value: rate,
        unit: 'msg/s',
        baseline: bareRate,
      },
      {
        figure: `assign to message accepted (n=${LATENCY_SALES}) p50`,
        value: ours.p50,
        unit: 'ms',
        baseline: theirs.p50,
      },
      {
        figure: `assign to message accepted (n=${LATENCY_SALES}) p95`,
        value: ours.p95,
        unit: 'ms',
        baseline: theirs.p95,
      },
    ]
  } finally {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
