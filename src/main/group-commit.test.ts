import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAfterCommit, type CommitListener, type CommittedWrite } from './after-commit'
import { check, createDispatcher, type CheckedCall, type Handlers } from './dispatcher'
import { walSyncFor, type WalSync } from './db/wal-sync'
import { createGroupCommit, RECHECK_SYNC_MS, SLOW_SYNC_MS } from './group-commit'
import { handlers } from './operations'
import { createPipeline } from './pipeline'
import { ADMIN, openTestCore, otherConnection, seededEvent, type TestCore } from '../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

const count = (sql: string) => core.store.sqlite.prepare(sql).pluck().get() as number

/** The LAN host's path, over handlers of which some are replaced, with a listener after each commit. */
function lanPath(replaced: Partial<Handlers> = {}, listener: CommitListener = () => {}) {
  const afterCommit = createAfterCommit()
  afterCommit.subscribe(listener)
  const dispatcher = createDispatcher(
    core.store,
    { ...handlers, ...replaced },
    { logError: () => {}, afterCommit },
  )
  return createPipeline({
    dispatcher,
    effects: core.effects,
    write: createGroupCommit(dispatcher),
    logError: () => {},
  })
}

const buyer = (eventId: number, n: number) => ({
  event_id: eventId,
  customer: { name: `G${n}`, email: `g${n}@example.com` },
})

describe('group commit', () => {
  it('answers each of many concurrent writes as if it ran alone, in fewer transactions', async () => {
    const { eventId } = seededEvent(core, 100)
    // Each commit is announced once, with every write it saved.
    const commits: number[] = []
    const dispatch = lanPath({}, (writes) => commits.push(writes.length))

    const sales = await Promise.all(
      Array.from({ length: 40 }, (_, i) => dispatch('assign', buyer(eventId, i), ADMIN)),
    )
    expect(sales.every((s) => s.ok)).toBe(true)
    const codes = sales.map((s) =>
      s.ok ? (s.value as { tickets: Array<{ short_code: string }> }).tickets[0]!.short_code : '',
    )
    expect(new Set(codes).size).toBe(40)
    expect(count("SELECT count(*) FROM ticket WHERE status = 'assigned'")).toBe(40)
    expect(commits).toEqual([40])
  })

  it('rolls back only the call that failed', async () => {
    const { eventId } = seededEvent(core, 2)
    const run = core.dispatchGrouped
    const [first, tooMany, bad, last] = await Promise.all([
      run('assign', buyer(eventId, 1), ADMIN),
      run('assign', { ...buyer(eventId, 2), quantity: 5 }, ADMIN),
      run('assign', { ...buyer(eventId, 3), customer: { name: 'x', email: 'nope' } }, ADMIN),
      run('assign', buyer(eventId, 4), ADMIN),
    ])
    expect(first!.ok && last!.ok).toBe(true)
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'SOLD_OUT' } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(count('SELECT count(*) FROM sale')).toBe(2)
    expect(count('SELECT count(*) FROM customer')).toBe(2)
  })

  it('refuses every call of a batch whose commit fails, saves none of them and announces none', async () => {
    const { eventId } = seededEvent(core, 10)
    const heard: Array<readonly CommittedWrite[]> = []
    const run = lanPath(
      {
        resend: () => {
          // A deferred foreign key breach passes the savepoint but fails the COMMIT.
          core.store.sqlite.pragma('defer_foreign_keys = ON')
          core.store.sqlite
            .prepare("INSERT INTO ticket (uuid, event_id, status) VALUES ('bad', 999, 'available')")
            .run()
          return { outbox_id: 0, recipient: 'nobody' }
        },
      },
      (writes) => heard.push(writes),
    )
    const outcomes = await Promise.all([
      run('assign', buyer(eventId, 1), ADMIN),
      run('resend', { ticket_id: 1 }, ADMIN),
    ])
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(count('SELECT count(*) FROM sale')).toBe(0)
    expect(count("SELECT count(*) FROM ticket WHERE uuid = 'bad'")).toBe(0)
    expect(heard).toEqual([])
  })

  it('serves reads at once, without taking the write lock', async () => {
    const { eventId } = seededEvent(core, 3)
    const other = otherConnection(core)
    const lockFree: boolean[] = []
    const run = lanPath({
      reconciliation: (input, ctx) => {
        lockFree.push(other.canWrite())
        return handlers.reconciliation(input, ctx)
      },
    })
    try {
      expect(await run('reconciliation', { event_id: eventId }, ADMIN)).toMatchObject({
        ok: true,
        value: { totals: { available: 3 } },
      })
      expect(lockFree).toEqual([true])
    } finally {
      other.close()
    }
  })

  it('announces the saved writes of a batch once, after its commit, leaving out a call that rolled back', async () => {
    const { eventId } = seededEvent(core, 2)
    // Another connection sees only what is committed: the sales must be there when the hook runs.
    const other = otherConnection(core)
    const heard: Array<readonly CommittedWrite[]> = []
    const salesOnDisk: number[] = []
    const run = lanPath({}, (writes) => {
      heard.push(writes)
      salesOnDisk.push(other.count('sale'))
    })
    try {
      const outcomes = await Promise.all([
        run('assign', buyer(eventId, 1), ADMIN),
        run('assign', { ...buyer(eventId, 2), quantity: 5 }, ADMIN),
        run('assign', buyer(eventId, 3), ADMIN),
      ])
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true])
      expect(heard).toHaveLength(1)
      expect(salesOnDisk).toEqual([2])
      const writes = heard[0]!
      expect(writes.map((w) => w.value)).toEqual([outcomes[0], outcomes[2]].map((o) => o!.ok && o!.value))
      const saleIds = writes.map((w) => (w.value as { sale_id: number }).sale_id)
      expect(writes.map((w) => ({ ...w, value: undefined }))).toEqual(
        [1, 3].map((n, i) => ({
          name: 'assign',
          // As the schema parsed it: the defaults are filled in.
          input: { ...buyer(eventId, n), quantity: 1, payment_method: 'cash' },
          value: undefined,
          who: ADMIN,
          changes: [
            { kind: 'tickets', event_id: eventId },
            {
              kind: 'live',
              type: 'sale',
              event_id: eventId,
              data: expect.objectContaining({ sale_id: saleIds[i] }),
            },
            { kind: 'mailQueued', sale_id: saleIds[i], outbox_id: expect.any(Number) },
          ],
        })),
      )
    } finally {
      other.close()
    }
  })
})

/**
 * A WAL sync the test finishes by hand (on the thread pool), counting how often it was asked,
 * and the syncs made in place; `failInPlace` makes the next one throw, as a failing disk would.
 */
function heldSync(whileInPlace: () => void = () => {}) {
  const pending: Array<{ resolve(): void; reject(error: Error): void }> = []
  const inPlace = { count: 0, fail: false }
  return {
    wal: {
      sync: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
      syncNow: () => {
        inPlace.count++
        whileInPlace()
        if (inPlace.fail) throw new Error('EIO')
      },
      close: () => {},
    },
    pending,
    inPlace,
  }
}

/** The LAN host's path with the steps committed alone synced off the main thread by `wal`. */
function syncedPath(wal: WalSync, listener: CommitListener = () => {}, now?: () => number) {
  const afterCommit = createAfterCommit()
  afterCommit.subscribe(listener)
  const dispatcher = createDispatcher(core.store, handlers, { logError: () => {}, afterCommit })
  const grouped = createGroupCommit(dispatcher, { wal, logError: () => {}, now })
  const run = createPipeline({
    dispatcher,
    effects: core.effects,
    write: grouped,
    settled: grouped.settled,
    logError: () => {},
  })
  const alone = (name: string, input: unknown) =>
    grouped.alone(check(name, input, ADMIN) as CheckedCall<'write'>)
  return { run, alone }
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

describe('group commit with big steps synced off the main thread', () => {
  it('answers and announces a step committed alone only once the fsync after its commit is done', async () => {
    const { eventId } = seededEvent(core, 10)
    const { wal, pending } = heldSync()
    const heard: Array<readonly CommittedWrite[]> = []
    const { alone } = syncedPath(wal, (writes) => heard.push(writes))
    let answered = false
    const step = alone('assign', buyer(eventId, 1)).then((outcome) => ((answered = true), outcome))
    await turn()
    // Committed (another reader would see it) but not yet on disk: nobody is told.
    expect(count('SELECT count(*) FROM sale')).toBe(1)
    expect(pending).toHaveLength(1)
    expect(answered).toBe(false)
    expect(heard).toEqual([])
    // Only that commit skipped SQLite's own sync: every other commit still makes it (FULL).
    expect(core.store.sqlite.pragma('synchronous', { simple: true })).toBe(2)
    pending[0]!.resolve()
    expect(await step).toMatchObject({ ok: true })
    expect(heard).toHaveLength(1)
  })

  it('syncs a batch of writes in place, but on the thread pool while a step waits for the disk', async () => {
    const { eventId } = seededEvent(core, 20)
    const { wal, pending, inPlace } = heldSync()
    const heard: Array<readonly CommittedWrite[]> = []
    const { run, alone } = syncedPath(wal, (writes) => heard.push(writes))
    // Nothing waits for the disk: the batch's WAL is synced in place, the thread pool is not asked.
    expect(await run('assign', buyer(eventId, 1), ADMIN)).toMatchObject({ ok: true })
    expect(inPlace.count).toBe(1)
    expect(pending).toHaveLength(0)
    // That commit alone skipped SQLite's own sync: every other commit still makes it (FULL).
    expect(core.store.sqlite.pragma('synchronous', { simple: true })).toBe(2)

    const step = alone('assign', buyer(eventId, 2))
    await turn()
    // A sync in place now would wait for the step's pages too: the batch is committed at once
    // and synced on the thread pool, answered when that sync (begun after its commit) ends.
    let answered = false
    const batch = Promise.all([3, 4].map((i) => run('assign', buyer(eventId, i), ADMIN))).then(
      (outcomes) => ((answered = true), outcomes),
    )
    await turn()
    expect(count('SELECT count(*) FROM sale')).toBe(4)
    expect(pending).toHaveLength(2)
    expect(answered).toBe(false)
    pending[1]!.resolve()
    expect((await batch).every((s) => s.ok)).toBe(true)
    expect(heard.map((writes) => writes.length)).toEqual([1, 2])
    pending[0]!.resolve()
    expect(await step).toMatchObject({ ok: true })
    expect(heard.map((writes) => writes.length)).toEqual([1, 2, 1])
    expect(inPlace.count).toBe(1)
  })

  it('syncs batches on the thread pool while syncs in place are slow, and in place again after a quiet second', async () => {
    const { eventId } = seededEvent(core, 20)
    let clock = 0
    let syncTakes = 2 * SLOW_SYNC_MS
    const { wal, pending, inPlace } = heldSync(() => (clock += syncTakes))
    const { run } = syncedPath(
      wal,
      () => {},
      () => clock,
    )
    expect(await run('assign', buyer(eventId, 1), ADMIN)).toMatchObject({ ok: true })
    expect(inPlace.count).toBe(1)
    // That sync was slow: the next batch's goes to the thread pool, and it is answered after it.
    let answered = false
    const second = run('assign', buyer(eventId, 2), ADMIN).then((outcome) => ((answered = true), outcome))
    await turn()
    expect(pending).toHaveLength(1)
    expect(answered).toBe(false)
    pending[0]!.resolve()
    expect(await second).toMatchObject({ ok: true })
    expect(inPlace.count).toBe(1)
    // A second later, with nothing on the thread pool, one is synced in place again to see.
    clock += RECHECK_SYNC_MS
    syncTakes = 0
    expect(await run('assign', buyer(eventId, 3), ADMIN)).toMatchObject({ ok: true })
    expect(inPlace.count).toBe(2)
    expect(pending).toHaveLength(1)
  })

  it('refuses a batch whose sync in place failed, and lets SQLite sync every commit after', async () => {
    const { eventId } = seededEvent(core, 10)
    const { wal, pending, inPlace } = heldSync()
    const heard: Array<readonly CommittedWrite[]> = []
    const { run } = syncedPath(wal, (writes) => heard.push(writes))
    inPlace.fail = true
    expect(await run('assign', buyer(eventId, 1), ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    expect(heard).toEqual([])
    expect(await run('assign', buyer(eventId, 2), ADMIN)).toMatchObject({ ok: true })
    expect(inPlace.count).toBe(1)
    expect(pending).toHaveLength(0)
    expect(heard).toHaveLength(1)
  })

  it('holds a read back until a step committed alone is on disk', async () => {
    const { eventId } = seededEvent(core, 10)
    const { wal, pending } = heldSync()
    const { run, alone } = syncedPath(wal)
    const step = alone('assign', buyer(eventId, 1))
    await turn()
    let report: unknown = null
    const read = run('reconciliation', { event_id: eventId }, ADMIN).then((r) => (report = r))
    await turn()
    expect(report).toBeNull()
    pending[0]!.resolve()
    await Promise.all([step, read])
    expect(report).toMatchObject({ ok: true, value: { totals: { assigned: 1 } } })
    // Nothing unsynced: the next read is served at once.
    expect(await run('reconciliation', { event_id: eventId }, ADMIN)).toMatchObject({ ok: true })
    expect(pending).toHaveLength(1)
  })

  it('refuses the caller of a step whose fsync failed, and lets SQLite sync every commit after', async () => {
    const { eventId } = seededEvent(core, 10)
    const { wal, pending } = heldSync()
    const heard: Array<readonly CommittedWrite[]> = []
    const { alone } = syncedPath(wal, (writes) => heard.push(writes))
    const step = alone('assign', buyer(eventId, 1))
    await turn()
    pending[0]!.reject(new Error('EIO'))
    expect(await step).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(heard).toEqual([])
    expect(await alone('assign', buyer(eventId, 2))).toMatchObject({ ok: true })
    expect(pending).toHaveLength(1)
    expect(heard).toHaveLength(1)
  })

  it('syncs a real WAL file, and refuses when there is none', async () => {
    const wal = walSyncFor(core.store.path)
    await expect(wal.sync()).resolves.toBeUndefined()
    wal.close()
    await expect(walSyncFor(`${core.store.path}.missing`).sync()).rejects.toThrow()
  })
})
