// A guest list imported in steps, so the door's check-ins are answered between
// them instead of waiting for 10,000 sales in one transaction. The list is
// checked first, CHECK_STEP rows per turn of the event loop, and every problem
// answered before anything is written. Then each step sells as many tickets as
// fit in about 20 ms (src/main/step-size.ts) in a transaction of its own
// (importGuestListStep), committed alone and on disk before the next starts.
// The list still counts all or nothing: its emails stay
// unsent until the last step marks the import done, a step that fails (tickets
// sold out meanwhile, a full disk) is followed by steps that take back every
// sale of the list, and what a killed process left is undone at the next start
// (undoUnfinishedImports). The synchronous dispatcher still imports at once.
import { randomUUID } from 'node:crypto'
import type { ParsedInputOf } from '../shared/contract'
import { TicketiError, type Outcome } from '../shared/errors'
import type { ImportProgress, ImportStep } from '../shared/views'
import type { Store } from './db/open'
import { check, toEnvelope, type CheckedCall } from './dispatcher'
import {
  IMPORT_STEP,
  checkGuestList,
  importProgresses,
  importedResult,
  planOf,
  steppedImports,
  type CheckedList,
} from './operations/guest-import'
import { stepSize, timed } from './step-size'
import { stepTurn } from './step-turns'

export interface ImportSteps {
  store: Store
  /** Commits one step alone and durably: Dispatcher.run, or GroupCommit.alone (its fsync off the main thread). */
  run(call: CheckedCall<'write'>): Outcome<unknown> | Promise<Outcome<unknown>>
  /** The writes committed but not yet on disk (GroupCommit.settled), waited for between steps. */
  settled?: () => Promise<void> | null
  /** Told after each committed step; tests stop an import there, as a killed process would. */
  afterStep?: (step: number) => void | Promise<void>
  logError?: (error: unknown) => void
}

export function isSteppedImport(call: CheckedCall<'write'>): boolean {
  return call.name === 'importGuestList'
}

/** How long a finished import's progress is kept for a last look. */
const PROGRESS_KEPT_MS = 60_000

/** Events whose guest list is being imported right now: a second list waits for none, it is refused. */
const importing = new WeakMap<Store, Set<number>>()

async function checkInTurns(input: ParsedInputOf<'importGuestList'>, store: Store): Promise<CheckedList> {
  const steps = checkGuestList(input, store)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await stepTurn()
  }
}

export async function importInSteps(
  call: CheckedCall<'write'>,
  parts: ImportSteps,
): Promise<Outcome<unknown>> {
  const input = call.input as ParsedInputOf<'importGuestList'>
  const progresses = importProgresses(parts.store)
  const report = (progress: ImportProgress) => {
    if (input.progress_id) progresses.set(input.progress_id, progress)
  }
  report({ stage: 'checking', guests_done: 0, guests_total: 0 })
  try {
    return await importChecked(call, parts, report)
  } finally {
    const id = input.progress_id
    if (id) {
      const last = progresses.get(id) ?? { guests_done: 0, guests_total: 0 }
      progresses.set(id, { ...last, stage: 'finished' })
      setTimeout(() => progresses.delete(id), PROGRESS_KEPT_MS).unref()
    }
  }
}

async function importChecked(
  call: CheckedCall<'write'>,
  { store, run, settled = () => null, afterStep, logError = console.error }: ImportSteps,
  report: (progress: ImportProgress) => void,
): Promise<Outcome<unknown>> {
  const input = call.input as ParsedInputOf<'importGuestList'>
  let running = importing.get(store)
  if (!running) importing.set(store, (running = new Set()))
  const busy = () =>
    new TicketiError(
      'CONFLICT',
      'A guest list is being imported into this event already; wait until it is done.',
    )
  let checked: CheckedList
  try {
    if (running.has(input.event_id)) throw busy()
    checked = await checkInTurns(input, store)
    // Checking took turns: another list may have started meanwhile.
    if (!checked.result.errors.length && !input.dry_run && running.has(input.event_id)) throw busy()
  } catch (error) {
    return { ok: false, error: toEnvelope(error, logError) }
  }
  if (checked.result.errors.length > 0 || input.dry_run) return { ok: true, value: checked.result }

  running.add(input.event_id)
  const key = randomUUID()
  const plan = planOf(checked, { store, who: call.who, now: new Date().toISOString() })
  const lists = steppedImports(store)
  const size = stepSize({ first: IMPORT_STEP, min: 25, max: 2_000 })
  lists.set(key, { plan, undoing: false, stepTickets: size.next })
  const stepCall = () => check('importGuestListStep', { plan: key }, call.who) as CheckedCall<'write'>
  // Each step waits for its own sync to disk (off the main thread on the host): left for the
  // last step to sync, megabytes of steps would be flushed by the next check-in's commit instead.
  const step = async () => {
    const running = lists.get(key)!
    running.stepTickets = size.next
    const sold = plan.created
    await stepTurn()
    const { value, heldMs, savedMs } = await timed(() => run(stepCall()))
    if (!running.undoing) size.took(Math.max(1, plan.created - sold), heldMs, savedMs)
    return value
  }

  /** Takes back every sale of the list, a step at a time, then answers why it could not finish. */
  const undo = async (failed: Outcome<unknown>): Promise<Outcome<unknown>> => {
    lists.get(key)!.undoing = true
    report({ stage: 'undoing', guests_done: 0, guests_total: 0 })
    for (;;) {
      const outcome = await step()
      if (!outcome.ok) {
        // Left as it is, the import is still "selling": the next start takes it back.
        logError(new Error(`A guest list could not be taken back yet: ${outcome.error.error}`))
        return failed
      }
      if ((outcome.value as ImportStep).status === 'undone') return failed
    }
  }

  try {
    for (let k = 1; ; k++) {
      const outcome = await step()
      if (!outcome.ok) return await undo(outcome)
      const { status, guests_done, guests_total } = outcome.value as ImportStep
      report({ stage: 'selling', guests_done, guests_total })
      if (status === 'done') break
      await afterStep?.(k)
      await settled()
    }
    return { ok: true, value: importedResult(checked.result, plan) }
  } finally {
    lists.delete(key)
    running.delete(input.event_id)
  }
}
