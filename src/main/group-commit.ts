// Under load from many stations, each write waiting for its own sync to disk
// would queue every other station behind it. Checked writes that arrive in the
// same turn of the event loop are committed together instead (see
// Dispatcher.runTogether): one transaction and one sync to disk serve them all,
// and each is answered only once that sync is done.
//
// A batch is committed without SQLite's own sync, then its WAL is synced in place
// (`wal`, db/wal-sync.ts): the few pages a batch of check-ins writes often reach the
// disk in a fraction of a millisecond, and handing that wait to another thread and
// back then cost the main thread more than it saved (BENCHMARKS.md, "Where an HTTP
// check-in's time goes"). While the disk is slower than that, batches are synced on
// the thread pool, and the main thread commits the next ones meanwhile. A big write
// committed alone (a seed's or a guest list's step: megabytes) is always synced on
// the thread pool: the main thread answers the door meanwhile, and the step is
// answered and announced only once it is on disk; batches committed meanwhile are
// synced there too. Reads ask `settled()` first, so nobody is shown such a write
// before then.
import type { Outcome } from '../shared/errors'
import { TicketiError } from '../shared/errors'
import type { CheckedCall, Dispatcher, UnsyncedCommit } from './dispatcher'
import type { WalSync } from './db/wal-sync'

/** Bounds one transaction, so a burst is committed in several quick steps rather than one long one. */
const MAX_BATCH = 64
/**
 * A sync in place slower than this (on average lately) holds the door longer than a hop to
 * the thread pool and back costs: batches are then synced there, and the main thread commits
 * the next ones meanwhile. Measured on the shared machine: with syncs of 0.2 ms the hop made
 * the host slower; with syncs of 1.2 ms the thread pool served 11% more check-ins.
 */
export const SLOW_SYNC_MS = 0.6
/** While syncs are slow, one is made in place again at the first quiet moment after this long. */
export const RECHECK_SYNC_MS = 1000

export interface GroupCommit {
  (call: CheckedCall<'write'>): Promise<Outcome<unknown>>
  /** Resolves once every write synced on the thread pool so far is on disk; null when none waits. */
  settled(): Promise<void> | null
  /** Commits one big write at once in a transaction of its own (a seed's step), answered once on disk. */
  alone(call: CheckedCall<'write'>): Promise<Outcome<unknown>>
}

interface Waiting {
  call: CheckedCall<'write'>
  answer(outcome: Outcome<unknown>): void
}

export function createGroupCommit(
  dispatcher: Pick<Dispatcher, 'runTogether' | 'commitUnsynced'>,
  options: { wal?: WalSync | null; logError?: (error: unknown) => void; now?: () => number } = {},
): GroupCommit {
  const logError = options.logError ?? console.error
  const wal = options.wal ?? null
  const now = options.now ?? (() => performance.now())
  /** How long a sync in place took lately (a moving average), and when one was last made. */
  let inPlaceMs = 0
  let inPlaceAt = Number.NEGATIVE_INFINITY
  /** After a failed fsync, SQLite syncs every commit itself again: a failed fsync may not fail twice. */
  let walFailed = false
  let waiting: Waiting[] = []
  /** The syncs on the thread pool not ended yet: of big steps, and of the batches committed meanwhile. */
  const syncing = new Set<Promise<void>>()

  function commitWaiting() {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH)
      waiting = waiting.slice(MAX_BATCH)
      const calls = batch.map((w) => w.call)
      // While a big step waits for the disk, a sync in place would wait for the step's megabytes
      // too, holding the door: the batch joins the thread pool's syncs instead.
      if (!wal || walFailed) {
        dispatcher.runTogether(calls).forEach((outcome, i) => batch[i]!.answer(outcome))
      } else if (syncsInPlace()) {
        syncInPlace(dispatcher.commitUnsynced(calls), batch)
      } else {
        syncOffThread(dispatcher.commitUnsynced(calls), batch)
      }
    }
  }

  function syncsInPlace(): boolean {
    if (syncing.size > 0) return false
    return inPlaceMs <= SLOW_SYNC_MS || now() - inPlaceAt >= RECHECK_SYNC_MS
  }

  function syncInPlace({ outcomes, announce }: UnsyncedCommit, callers: Waiting[]) {
    const started = now()
    try {
      wal!.syncNow()
    } catch (error) {
      return refuseUnsaved(error, callers)
    }
    inPlaceAt = now()
    const took = inPlaceAt - started
    inPlaceMs = inPlaceMs === 0 ? took : 0.8 * inPlaceMs + 0.2 * took
    announce()
    outcomes.forEach((outcome, i) => callers[i]!.answer(outcome))
  }

  /** The rows are in the database but perhaps not on the disk: nobody is told they are saved. */
  function refuseUnsaved(error: unknown, callers: Waiting[]) {
    logError(error)
    walFailed = true
    const notSaved = new TicketiError(
      'INTERNAL',
      'Ticketi could not confirm this change on disk. Check the disk, then look again before retrying.',
    ).toEnvelope()
    for (const caller of callers) caller.answer({ ok: false, error: notSaved })
  }

  /** Answers (and announces) a commit once a sync of the WAL that started after it has ended. */
  function syncOffThread({ outcomes, announce }: UnsyncedCommit, callers: Waiting[]) {
    const synced = wal!.sync().then(
      () => {
        announce()
        outcomes.forEach((outcome, i) => callers[i]!.answer(outcome))
      },
      (error: unknown) => refuseUnsaved(error, callers),
    )
    syncing.add(synced)
    void synced.finally(() => syncing.delete(synced))
  }

  const commit = ((call) =>
    new Promise((answer) => {
      if (waiting.length === 0) setImmediate(commitWaiting)
      waiting.push({ call, answer })
    })) as GroupCommit

  commit.alone = (call) =>
    new Promise((answer) => {
      if (!wal || walFailed) return answer(dispatcher.runTogether([call])[0]!)
      syncOffThread(dispatcher.commitUnsynced([call]), [{ call, answer }])
    })

  commit.settled = () => (syncing.size === 0 ? null : Promise.all([...syncing]).then(() => {}))
  return commit
}
