// The front door of every asynchronous caller (IPC, the LAN host): check the
// call once, then branch once on its kind. How writes commit is the caller's
// choice: alone (the desktop app) or with the others of the same turn (the LAN).
import type { Outcome } from '../shared/errors'
import { check, toEnvelope, type AsyncDispatch, type CheckedCall, type Dispatcher } from './dispatcher'
import type { Store } from './db/open'
import { runEffect, type Effects } from './effects'
import { importInSteps, isSteppedImport, type ImportSteps } from './guest-import-steps'
import { isSteppedSeed, seedInSteps } from './seed-steps'

export interface PipelineParts {
  dispatcher: Pick<Dispatcher, 'run'>
  effects: Effects
  /** Commits one checked write: Dispatcher.run, or a group commit. */
  write(call: CheckedCall<'write'>): Outcome<unknown> | Promise<Outcome<unknown>>
  /** Given, a big seed runs in steps (src/main/seed-steps.ts) so other calls are answered between them. */
  seeds?: { store: Store; alone?: (call: CheckedCall<'write'>) => Promise<Outcome<unknown>> }
  /** Given, a guest list is imported in steps the same way (src/main/guest-import-steps.ts). */
  imports?: Pick<ImportSteps, 'afterStep'>
  /** What a read waits for first: writes committed but not yet on disk (GroupCommit.settled). */
  settled?: () => Promise<void> | null
  logError?: (error: unknown) => void
}

export function createPipeline({
  dispatcher,
  effects,
  write,
  settled = () => null,
  seeds,
  imports,
  logError = console.error,
}: PipelineParts): AsyncDispatch {
  return async (name, input, who) => {
    let call: CheckedCall
    try {
      call = check(name, input, who)
    } catch (error) {
      return { ok: false, error: toEnvelope(error, logError) }
    }
    switch (call.kind) {
      case 'read': {
        const unsaved = settled()
        if (unsaved) await unsaved
        return dispatcher.run(call)
      }
      case 'write':
        if (seeds && isSteppedSeed(call)) {
          return seedInSteps(call, {
            store: seeds.store,
            run: seeds.alone ?? dispatcher.run,
            settled,
            logError,
          })
        }
        if (seeds && imports && isSteppedImport(call)) {
          return importInSteps(call, {
            store: seeds.store,
            run: seeds.alone ?? dispatcher.run,
            settled,
            ...imports,
            logError,
          })
        }
        return write(call)
      case 'effect':
        return runEffect(effects, call, logError)
    }
  }
}
