// Under load from many stations, each write waiting for its own sync to disk
// would queue every other station behind it. Checked writes that arrive in the
// same turn of the event loop are committed together instead (see
// Dispatcher.runTogether); each is still answered only after its commit is on disk.
import type { Outcome } from '../shared/errors'
import type { CheckedCall, Dispatcher } from './dispatcher'

/** Bounds one transaction, so a burst is committed in several quick steps rather than one long one. */
const MAX_BATCH = 64

export type CommitWrite = (call: CheckedCall<'write'>) => Promise<Outcome<unknown>>

export function createGroupCommit(dispatcher: Pick<Dispatcher, 'runTogether'>): CommitWrite {
  let waiting: Array<{ call: CheckedCall<'write'>; answer(outcome: Outcome<unknown>): void }> = []

  function commitWaiting() {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH)
      waiting = waiting.slice(MAX_BATCH)
      dispatcher.runTogether(batch.map((w) => w.call)).forEach((outcome, i) => batch[i]!.answer(outcome))
    }
  }

  return (call) =>
    new Promise((answer) => {
      if (waiting.length === 0) setImmediate(commitWaiting)
      waiting.push({ call, answer })
    })
}
