import { afterEach, describe, expect, it } from 'vitest'
import type { Outcome } from '../shared/errors'
import type { ImportResult } from '../shared/views'
import { openCore, type Core } from './core'
import { invoke } from './dispatcher'
import { IMPORT_STEP } from './operations/guest-import'
import { ADMIN, BOX_OFFICE, DOOR, tempDir } from '../../test/support/core'
import { FAST_RETRIES, smtpSettings } from '../../test/support/mail-core'
import { eventually, startTestSmtp, type TestSmtp } from '../../test/support/smtp'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Opened {
  core: Core
  /** Stops the mail worker and closes the database, keeping the folder. */
  stop(): Promise<void>
}

function open(
  dataDir: string,
  options: { smtp?: TestSmtp; afterImportStep?: (step: number) => void | Promise<void> } = {},
): Opened {
  const core = openCore({
    dataDir,
    logError: () => {},
    mail: options.smtp ? { environment: smtpSettings(options.smtp.port), worker: FAST_RETRIES } : {},
    afterImportStep: options.afterImportStep,
  })
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await core.mail.stop()
    core.close()
  }
  cleanups.push(stop)
  return { core, stop }
}

function folder(): string {
  const dir = tempDir('ticketi-import-')
  cleanups.push(() => dir.remove())
  return dir.path
}

async function smtpServer(): Promise<TestSmtp> {
  const server = await startTestSmtp()
  cleanups.push(() => server.close())
  return server
}

function count(core: Core, sql: string, ...params: unknown[]): number {
  return core.store.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number
}

/** An event of `tickets` available tickets, 4-digit codes. */
function eventWith(core: Core, tickets: number): number {
  const ev = invoke(
    core.dispatch,
    'createEvent',
    { name: 'Jazz Night', starts_at: '2026-12-01T20:00:00Z', capacity: 5000, code_length: 4 },
    ADMIN,
  )
  invoke(core.dispatch, 'seedInventory', { event_id: ev.id, count: tickets }, ADMIN)
  return ev.id
}

function guestList(guests: number, from = 0): string {
  const lines = ['Name,Email']
  for (let i = from; i < from + guests; i++) lines.push(`Guest ${i},guest${i}@example.com`)
  return lines.join('\r\n')
}

/** Everything a list leaves behind: none of it once an import is undone. */
function traces(core: Core) {
  return {
    sold: count(core, "SELECT count(*) FROM ticket WHERE status != 'available'"),
    codes: count(core, 'SELECT count(*) FROM ticket WHERE short_code IS NOT NULL'),
    sales: count(core, 'SELECT count(*) FROM sale'),
    customers: count(core, 'SELECT count(*) FROM customer'),
    emails: count(core, 'SELECT count(*) FROM email_outbox'),
  }
}

const NOTHING = { sold: 0, codes: 0, sales: 0, customers: 0, emails: 0 }
const GUESTS = 2 * IMPORT_STEP + 10
/**
 * A list that takes at least three steps: the first sells IMPORT_STEP tickets, and each next
 * at most twice as many as the one before (src/main/step-size.ts), however fast the machine.
 */
const MANY = 4 * IMPORT_STEP + 10

describe('a guest list imported by the host, in steps', () => {
  it('sells every guest in several steps and answers a check-in sent meanwhile before it ends', async () => {
    const steps: unknown[] = []
    const progress_id = 'import-progress-1'
    const opened: Opened = open(folder(), {
      afterImportStep: (step) =>
        void steps.push([step, invoke(opened.core.dispatch, 'importProgress', { progress_id }, BOX_OFFICE)]),
    })
    const { core } = opened
    const eventId = eventWith(core, GUESTS + 1)
    const sale = invoke(
      core.dispatch,
      'assign',
      { event_id: eventId, customer: { name: 'Ada', email: 'ada@example.com' } },
      ADMIN,
    )
    const order: string[] = []
    const imported = core
      .dispatchAsync(
        'importGuestList',
        { event_id: eventId, csv: guestList(GUESTS), progress_id },
        BOX_OFFICE,
      )
      .then((outcome) => (order.push('import'), outcome))
    // The door's call arrives after the import started: with one transaction it would wait for all of it.
    await new Promise((resolve) => setImmediate(resolve))
    const checkIn = core
      .dispatchAsync('checkIn', { event_id: eventId, code: sale.tickets[0]!.short_code! }, DOOR)
      .then((outcome) => (order.push('check-in'), outcome))
    const [outcome, admitted] = await Promise.all([imported, checkIn])

    expect(admitted).toMatchObject({ ok: true, value: { result: 'OK' } })
    expect(order).toEqual(['check-in', 'import'])
    expect(outcome).toMatchObject({
      ok: true,
      value: { rows: GUESTS, created: GUESTS, guests: GUESTS, emails_queued: GUESTS, errors: [] },
    } satisfies Outcome<Partial<ImportResult>>)
    // The box office's bar follows the steps: the first sells IMPORT_STEP, the next are sized to
    // the machine, each further along than the one before.
    expect(steps[0]).toEqual([1, { stage: 'selling', guests_done: IMPORT_STEP, guests_total: GUESTS }])
    const done = steps.map((step) => (step as [number, { guests_done: number }])[1].guests_done)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(new Set(done).size).toBe(done.length)
    expect(Math.max(...done)).toBeLessThan(GUESTS)
    expect(invoke(core.dispatch, 'importProgress', { progress_id }, BOX_OFFICE)).toEqual({
      stage: 'finished',
      guests_done: GUESTS,
      guests_total: GUESTS,
    })
    expect(
      count(core, "SELECT count(*) FROM ticket WHERE status = 'assigned' AND short_code IS NOT NULL"),
    ).toBe(GUESTS)
    expect(
      count(core, "SELECT count(*) FROM guest_import WHERE status = 'done' AND guests = ?", GUESTS),
    ).toBe(1)
    expect(count(core, 'SELECT count(*) FROM sale WHERE import_id IS NOT NULL')).toBe(GUESTS)
    expect(count(core, 'SELECT count(DISTINCT short_code) FROM ticket WHERE short_code IS NOT NULL')).toBe(
      GUESTS + 1,
    )
    expect(count(core, "SELECT count(*) FROM email_outbox WHERE status = 'queued'")).toBe(GUESTS + 1)
    // One audit row for the whole list, as the one-transaction import writes.
    expect(count(core, "SELECT count(*) FROM audit_log WHERE action = 'importGuestList'")).toBe(1)
  })

  it('refuses a second list for the same event while the first is being imported', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let second: Outcome<unknown> | null = null
    const opened: Opened = open(folder(), {
      afterImportStep: async (step) => {
        if (step !== 1) return
        second = await opened.core.dispatchAsync(
          'importGuestList',
          { event_id: eventId, csv: guestList(10, GUESTS) },
          BOX_OFFICE,
        )
        release()
      },
    })
    const eventId = eventWith(opened.core, GUESTS + 10)
    const first = opened.core.dispatchAsync(
      'importGuestList',
      { event_id: eventId, csv: guestList(GUESTS) },
      BOX_OFFICE,
    )
    await held
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await first).toMatchObject({ ok: true, value: { created: GUESTS } })
    expect(count(opened.core, 'SELECT count(*) FROM guest_import')).toBe(1)
  })

  it('lists every bad row on a dry run, and sells nobody while any row is bad', async () => {
    const { core } = open(folder())
    const eventId = eventWith(core, GUESTS)
    const rows = guestList(GUESTS).split('\r\n')
    rows[3] = ',nobody@example.com'
    rows[GUESTS - 1] = 'Late Guest,not-an-email'
    const csv = rows.join('\r\n')
    for (const dry_run of [true, false]) {
      const outcome = await core.dispatchAsync(
        'importGuestList',
        { event_id: eventId, csv, dry_run },
        BOX_OFFICE,
      )
      expect(outcome.ok && outcome.value).toMatchObject({
        rows: GUESTS,
        created: 0,
        dry_run,
        errors: [
          { row: 4, column: 'Name' },
          { row: GUESTS, column: 'Email' },
        ],
      })
    }
    expect(traces(core)).toEqual(NOTHING)
    expect(count(core, 'SELECT count(*) FROM guest_import')).toBe(0)
  })

  it('takes back every guest, and sends no email of the list, when the tickets run out between steps', async () => {
    const server = await smtpServer()
    const night = { eventId: 0 }
    const opened = open(folder(), {
      smtp: server,
      afterImportStep: async (step) => {
        if (step !== 1) return
        // The box office sells the last ticket while the list is half sold; its email goes at once.
        invoke(
          opened.core.dispatch,
          'assign',
          { event_id: night.eventId, customer: { name: 'Walk In', email: 'walkin@example.com' } },
          BOX_OFFICE,
        )
        await eventually(() => server.arrivals.length === 1, 10_000, 'the walk-in email')
      },
    })
    const { core } = opened
    const eventId = (night.eventId = eventWith(core, GUESTS))

    const outcome = await core.dispatchAsync(
      'importGuestList',
      { event_id: eventId, csv: guestList(GUESTS) },
      BOX_OFFICE,
    )

    expect(outcome).toMatchObject({ ok: false, error: { code: 'SOLD_OUT' } })
    expect(!outcome.ok && outcome.error.error).toMatch(/^Row \d+: the tickets ran out; nobody on the list/)
    // Only the walk-in's sale is left.
    expect(traces(core)).toEqual({ sold: 1, codes: 1, sales: 1, customers: 1, emails: 1 })
    expect(count(core, "SELECT count(*) FROM customer WHERE email = 'walkin@example.com'")).toBe(1)
    expect(count(core, "SELECT count(*) FROM guest_import WHERE status = 'undone'")).toBe(1)
    expect(count(core, 'SELECT count(*) FROM person')).toBe(0)
    // Another look at the outbox after the walk-in's email: nothing of the list went out.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.arrivals.map((a) => a.to)).toEqual([['walkin@example.com']])
    // Every ticket the list had taken is for sale again.
    expect(count(core, "SELECT count(*) FROM ticket WHERE status = 'available'")).toBe(GUESTS - 1)
  })

  it('keeps the emails of a half-done list unsent, and undoes that list at the next start after a crash', async () => {
    const dataDir = folder()
    const server = await smtpServer()
    let reached!: () => void
    const halfway = new Promise<void>((resolve) => (reached = resolve))
    const progress_id = 'crashing-import'
    let soldByThen = 0
    // After the second step the process "dies": the import never goes on.
    const first = open(dataDir, {
      smtp: server,
      afterImportStep: (step) => {
        if (step !== 2) return undefined
        const progress = invoke(first.core.dispatch, 'importProgress', { progress_id }, BOX_OFFICE)
        soldByThen = progress.guests_done
        reached()
        return new Promise<void>(() => {})
      },
    })
    const eventId = eventWith(first.core, MANY + 10)
    void first.core.dispatchAsync(
      'importGuestList',
      { event_id: eventId, csv: guestList(MANY), progress_id },
      BOX_OFFICE,
    )
    await halfway

    expect(soldByThen).toBeGreaterThan(IMPORT_STEP)
    expect(soldByThen).toBeLessThan(MANY)
    expect(traces(first.core)).toMatchObject({ sold: soldByThen, emails: soldByThen })
    expect(count(first.core, "SELECT count(*) FROM guest_import WHERE status = 'selling'")).toBe(1)
    // The worker looks at the outbox (a sale wakes it) and sends only the box office's own email.
    invoke(
      first.core.dispatch,
      'assign',
      { event_id: eventId, customer: { name: 'Walk In', email: 'walkin@example.com' } },
      BOX_OFFICE,
    )
    await eventually(() => server.arrivals.length === 1, 10_000, 'the walk-in email')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.arrivals).toHaveLength(1)
    expect(count(first.core, "SELECT count(*) FROM email_outbox WHERE status = 'queued'")).toBe(soldByThen)
    await first.stop()

    const second = open(dataDir, { smtp: server })
    expect(traces(second.core)).toEqual({ sold: 1, codes: 1, sales: 1, customers: 1, emails: 1 })
    expect(count(second.core, "SELECT count(*) FROM guest_import WHERE status = 'undone'")).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.arrivals).toHaveLength(1)
    // The same list imported again now goes through.
    const again = await second.core.dispatchAsync(
      'importGuestList',
      { event_id: eventId, csv: guestList(GUESTS) },
      BOX_OFFICE,
    )
    expect(again).toMatchObject({ ok: true, value: { created: GUESTS, emails_queued: GUESTS } })
    // Its emails are no longer held: they start going out.
    await eventually(() => server.arrivals.length > 1, 10_000, 'a guest email')
  })
})
