// The outbox worker on its own, with the database and the mailer in the test's
// hands: an outage uses up no attempt, one outage pauses once however many
// messages met it, and a database that fails for a moment neither takes the
// process down nor leaves a message in 'sending'.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { FAST_RETRIES, mailFixtures, outboxRows, sell, smtpSettings } from '../../../test/support/mail-core'
import { eventually, startTestSmtp } from '../../../test/support/smtp'
import { createMailer, type Mailer } from './transport'
import { startOutboxWorker, type OutboxWorkerOptions } from './worker'
import { localCourier } from './deliver'

const fixtures = mailFixtures()
const { smtp, onCleanup } = fixtures
/** A core with no worker of its own: each test starts one on its terms. */
const core = () => fixtures.core({})

async function freePort(): Promise<number> {
  const probe = await startTestSmtp()
  await probe.close()
  return probe.port
}

/** The worker's mailer, counting what it is asked to send; `afterSend` runs once the server took a message. */
function countingMailer(inner: Mailer, afterSend: () => void = () => {}) {
  const counts = { sends: 0 }
  const mailer: Mailer = {
    ...inner,
    async send(message) {
      counts.sends++
      const delivery = await inner.send(message)
      afterSend()
      return delivery
    },
  }
  onCleanup(() => inner.close())
  return Object.assign(counts, { mailer })
}

/** The same database, but its next transaction, or its next prepare of matching SQL, throws. */
function flakyDatabase(sqlite: Database.Database) {
  const faults = { transactions: 0, prepares: [] as RegExp[] }
  const broken = () => new Error('SQLITE_IOERR: disk I/O error (injected by the test)')
  const flaky = new Proxy(sqlite, {
    get(target, property) {
      if (property === 'transaction' && faults.transactions > 0) {
        faults.transactions--
        return () => {
          const fail = () => {
            throw broken()
          }
          return Object.assign(fail, { immediate: fail, deferred: fail, exclusive: fail })
        }
      }
      if (property === 'prepare') {
        return (sql: string) => {
          const fault = faults.prepares.findIndex((pattern) => pattern.test(sql))
          if (fault >= 0) {
            faults.prepares.splice(fault, 1)
            throw broken()
          }
          return target.prepare(sql)
        }
      }
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return Object.assign(faults, { sqlite: flaky })
}

function worker(options: OutboxWorkerOptions) {
  const started = startOutboxWorker(options)
  onCleanup(() => started.stop())
  return started
}

/** Throws that escape the worker: in the app they would end the main process. */
function escapedErrors(): unknown[] {
  const escaped: unknown[] = []
  const catchIt = (error: unknown) => escaped.push(error)
  process.on('uncaughtException', catchIt)
  onCleanup(() => void process.off('uncaughtException', catchIt))
  return escaped
}

describe('an unreachable server', () => {
  it('uses up none of the attempts, however long the outage, and the messages go when it is back', async () => {
    const c = core()
    const port = await freePort()
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    sell(c, { name: 'Bob', email: 'bob@example.com' })
    const out = countingMailer(createMailer(smtpSettings(port), { pool: true })!)
    worker({
      ...FAST_RETRIES,
      sqlite: c.store.sqlite,
      courier: () => localCourier(out.mailer),
      logError: () => {},
    })

    // Each of the two messages tried twice as often as its budget of attempts would allow.
    const tries = 2 * FAST_RETRIES.maxAttempts * 2
    const allQueued = () => outboxRows(c).every((r) => r.status === 'queued')
    await eventually(() => out.sends >= tries && allQueued(), 10_000, `${tries} tries, each ending queued`)
    for (const row of outboxRows(c)) {
      expect(row).toMatchObject({ status: 'queued', attempts: 0 })
      expect(row.last_error).toMatch(/Cannot reach the mail server/)
    }

    const server = await smtp({ port })
    await eventually(() => outboxRows(c).every((r) => r.status === 'sent'), 10_000, 'both sent')
    expect(server.arrivals.map((a) => a.to[0]).sort()).toEqual(['ann@example.com', 'bob@example.com'])
  })
})

describe('a refused login met by every message in flight', () => {
  it('pauses the outbox once for the outage, not once for each message', async () => {
    const server = await smtp({ credentials: { user: 'venue', password: 'right' } })
    const c = core()
    for (let i = 0; i < 8; i++) sell(c, { name: `Guest ${i}`, email: `guest${i}@example.com` })
    const wrong = smtpSettings(server.port, { user: 'venue', password: 'wrong' })
    const out = countingMailer(createMailer(wrong, { pool: true })!)
    // The first pause is about 200 ms; eight of them counted one after the other would be 25 s.
    worker({
      sqlite: c.store.sqlite,
      courier: () => localCourier(out.mailer),
      concurrency: 8,
      retryBaseMs: 200,
      retryMaxMs: 60_000,
      maxAttempts: 10,
      pollMs: 50,
      logError: () => {},
    })

    await eventually(() => outboxRows(c).every((r) => r.attempts >= 2), 5_000, 'a second try of each')
    expect(outboxRows(c).every((r) => r.status !== 'failed')).toBe(true)
    expect(server.refusedLogins).toBeGreaterThanOrEqual(8)
  })
})

describe('a database that fails for a moment', () => {
  it('throws nothing out of the worker, and the messages go once it answers again', async () => {
    const escaped = escapedErrors()
    const server = await smtp()
    const c = core()
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    const db = flakyDatabase(c.store.sqlite)
    const logged: unknown[] = []
    const out = countingMailer(createMailer(smtpSettings(server.port), { pool: true })!)
    const started = worker({
      ...FAST_RETRIES,
      sqlite: db.sqlite,
      courier: () => localCourier(out.mailer),
      logError: (e) => logged.push(e),
    })
    // Its first look claims the due messages in a transaction, and its look for the next due one prepares SQL.
    db.transactions = 1
    db.prepares.push(/min\(next_attempt_at\)/)

    await eventually(
      () => outboxRows(c)[0]?.status === 'sent',
      10_000,
      'the first message, after the failed claim',
    )
    await eventually(() => db.prepares.length === 0, 5_000, 'the failed look for the next due message')
    sell(c, { name: 'Bob', email: 'bob@example.com' })
    started.wake()
    await eventually(() => outboxRows(c).every((r) => r.status === 'sent'), 10_000, 'the second message')

    expect(escaped).toEqual([])
    expect(logged.map((e) => (e as Error).message)).toEqual([
      expect.stringContaining('injected'),
      expect.stringContaining('injected'),
    ])
    expect(server.arrivals).toHaveLength(2)
  })

  it('marks a sent message sent on the next try when the first commit fails, and does not send it twice', async () => {
    const server = await smtp()
    const c = core()
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    const db = flakyDatabase(c.store.sqlite)
    const logged: unknown[] = []
    // The server has the message; the commit that would say so fails once.
    const out = countingMailer(createMailer(smtpSettings(server.port), { pool: true })!, () => {
      db.transactions = 1
    })
    worker({
      ...FAST_RETRIES,
      sqlite: db.sqlite,
      courier: () => localCourier(out.mailer),
      logError: (e) => logged.push(e),
    })

    await eventually(() => outboxRows(c)[0]?.status === 'sent', 10_000, 'the message marked sent')
    expect(logged).toHaveLength(1)
    expect(server.arrivals).toHaveLength(1)
    expect(out.sends).toBe(1)
    const eventId = c.store.sqlite.prepare('SELECT id FROM event').pluck().get() as number
    expect(c.call('reconciliation', { event_id: eventId }).totals).toMatchObject({
      delivered: 1,
      email_pending: 0,
    })
  })
})
