// Under load from many stations, each write waiting for its own sync to disk
// would queue every other station behind it. Writes that arrive in the same
// turn of the event loop are committed together instead (see dispatchTogether);
// each is still answered only after its commit is on disk.
import { operations, isOperationName } from '../shared/contract'
import type { Outcome } from '../shared/errors'
import type { Store } from './db/open'
import { dispatchTogether, type Call, type Dispatch, type Principal } from './dispatcher'

/** Bounds one transaction, so a burst is committed in several quick steps rather than one long one. */
const MAX_BATCH = 64

export type AsyncDispatch = (name: string, input: unknown, who: Principal) => Promise<Outcome<unknown>>

export function createGroupCommit(
  store: Store,
  dispatch: Dispatch,
  logError?: (error: unknown) => void,
): AsyncDispatch {
  let waiting: Array<Call & { answer(outcome: Outcome<unknown>): void }> = []

  function commitWaiting() {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH)
      waiting = waiting.slice(MAX_BATCH)
      dispatchTogether(store, dispatch, batch, logError).forEach((outcome, i) => batch[i]!.answer(outcome))
    }
  }

  return (name, input, who) => {
    // Reads need no commit and must not take the write lock.
    if (!isOperationName(name) || operations[name].readOnly)
      return Promise.resolve(dispatch(name, input, who))
    return new Promise((answer) => {
      if (waiting.length === 0) setImmediate(commitWaiting)
      waiting.push({ name, input, who, answer })
    })
  }
}
