// Under load from many stations, each write waiting for its own sync to disk
// would queue every other station behind it. Checked writes that arrive in the
// same turn of the event loop are committed together instead (see
// Dispatcher.runTogether); each is still answered only after its commit is on disk.
//
// With a WAL sync (the LAN host), the disk's wait leaves the main thread too:
// each batch is committed without SQLite's own sync, then one fsync of the WAL
// on the thread pool covers every batch committed before it started. Only then
// are the batch's callers answered and its writes announced, so acknowledged
// still means durable. While that fsync runs, the next writes are parsed, checked
// and gathered, then committed together the moment it ends; they wait for the
// next fsync. Reads ask `settled()` first, so nobody is shown a change that a
// power cut could still take back.
import type { Outcome } from '../shared/errors'
import { TicketiError } from '../shared/errors'
import type { CheckedCall, Dispatcher, UnsyncedCommit } from './dispatcher'
import type { WalSync } from './db/wal-sync'

/** Bounds one transaction, so a burst is committed in several quick steps rather than one long one. */
const MAX_BATCH = 64

export interface GroupCommit {
  (call: CheckedCall<'write'>): Promise<Outcome<unknown>>
  /** Resolves once every write committed so far is on disk; null when none waits for it. */
  settled(): Promise<void> | null
  /** Commits one big write at once in a transaction of its own (a seed's step), answered once on disk. */
  alone(call: CheckedCall<'write'>): Promise<Outcome<unknown>>
}

interface Waiting {
  call: CheckedCall<'write'>
  answer(outcome: Outcome<unknown>): void
}

interface Unsynced {
  batch: Waiting[]
  commit: UnsyncedCommit
}

/** The batches one fsync covers, and the reads waiting for it. */
interface Round {
  commits: Unsynced[]
  readers: Array<() => void>
}

export function createGroupCommit(
  dispatcher: Pick<Dispatcher, 'runTogether' | 'commitUnsynced'>,
  options: { wal?: WalSync | null; logError?: (error: unknown) => void } = {},
): GroupCommit {
  const logError = options.logError ?? console.error
  const wal = options.wal ?? null
  /** After a failed fsync, SQLite syncs every commit itself again: a failed fsync may not fail twice. */
  let walFailed = false
  let waiting: Waiting[] = []
  /** Committed, waiting for the next fsync. */
  let gathering: Round = { commits: [], readers: [] }
  let syncing: Round | null = null

  const notSaved = () =>
    new TicketiError(
      'INTERNAL',
      'Ticketi could not confirm this change on disk. Check the disk, then look again before retrying.',
    ).toEnvelope()

  function refuseAll(round: Round) {
    const error = notSaved()
    for (const { batch } of round.commits) for (const w of batch) w.answer({ ok: false, error })
  }

  function startSync() {
    const round = (syncing = gathering)
    gathering = { commits: [], readers: [] }
    wal!
      .sync()
      .then(
        () => {
          for (const { batch, commit } of round.commits) {
            commit.announce()
            commit.outcomes.forEach((outcome, i) => batch[i]!.answer(outcome))
          }
        },
        (error: unknown) => {
          // The rows are in the database but perhaps not on the disk: nobody is told they are saved.
          logError(error)
          walFailed = true
          refuseAll(round)
        },
      )
      .finally(() => {
        for (const read of round.readers) read()
        syncing = null
        if (walFailed && gathering.commits.length > 0) {
          refuseAll(gathering)
          for (const read of gathering.readers) read()
          gathering = { commits: [], readers: [] }
        }
        commitWaiting()
      })
  }

  function commitWaiting() {
    // While an fsync runs, writes wait uncommitted: they could not be answered before the next
    // fsync anyway, and committed together once it ends they cost one transaction, not many.
    if (syncing && wal && !walFailed) return
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH)
      waiting = waiting.slice(MAX_BATCH)
      const calls = batch.map((w) => w.call)
      if (!wal || walFailed) {
        dispatcher.runTogether(calls).forEach((outcome, i) => batch[i]!.answer(outcome))
        continue
      }
      gathering.commits.push({ batch, commit: dispatcher.commitUnsynced(calls) })
    }
    if (gathering.commits.length > 0 && !syncing) startSync()
  }

  const commit = ((call) =>
    new Promise((answer) => {
      if (waiting.length === 0) setImmediate(commitWaiting)
      waiting.push({ call, answer })
    })) as GroupCommit
  commit.alone = (call) =>
    new Promise((answer) => {
      if (!wal || walFailed) return answer(dispatcher.runTogether([call])[0]!)
      gathering.commits.push({ batch: [{ call, answer }], commit: dispatcher.commitUnsynced([call]) })
      if (!syncing) startSync()
    })
  commit.settled = () => {
    const round = gathering.commits.length > 0 ? gathering : syncing
    return round ? new Promise<void>((read) => round.readers.push(read)) : null
  }
  return commit
}
