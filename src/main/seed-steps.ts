// A big seed in steps: one transaction of a few thousand tickets at a time (as
// many as fit in about 20 ms, and then about 20 ms of sync, src/main/step-size.ts),
// so the door's check-ins are answered between steps instead of waiting for a
// million inserts (13 s on the shared laptop). Each step commits alone (never in
// a batch with check-ins, which would then wait for the whole step), and the next
// one starts only once the writes that arrived meanwhile are committed and on disk.
// The whole seed is checked before the first step; each step checks its own
// room again, so concurrent changes can never push the event over capacity.
// The synchronous dispatcher (tests, set-up) still seeds in one transaction.
import type { ParsedInputOf } from '../shared/contract'
import { TicketiError, type Outcome } from '../shared/errors'
import type { SeedResult } from '../shared/views'
import type { Store } from './db/open'
import { check, toEnvelope, type CheckedCall } from './dispatcher'
import { checkSeedRoom } from './operations/inventory'
import { stepSize, timed } from './step-size'
import { stepTurn } from './step-turns'

/** A seed bigger than this is made in steps; no step takes on more. */
export const SEED_STEP = 5_000

export interface SeedSteps {
  store: Store
  /** Commits one step alone and durably: Dispatcher.run, or GroupCommit.alone (its fsync off the main thread). */
  run(call: CheckedCall<'write'>): Outcome<unknown> | Promise<Outcome<unknown>>
  /** The writes committed but not yet on disk (GroupCommit.settled), waited for between steps. */
  settled?: () => Promise<void> | null
  logError?: (error: unknown) => void
}

/** Events being seeded in steps right now: a second seed of one waits for none, it is refused. */
const seeding = new WeakMap<Store, Set<number>>()

export function isSteppedSeed(call: CheckedCall<'write'>): boolean {
  return call.name === 'seedInventory' && (call.input as { count: number }).count > SEED_STEP
}

export async function seedInSteps(
  call: CheckedCall<'write'>,
  { store, run, settled = () => null, logError = console.error }: SeedSteps,
): Promise<Outcome<unknown>> {
  const input = call.input as ParsedInputOf<'seedInventory'>
  let running = seeding.get(store)
  if (!running) seeding.set(store, (running = new Set()))
  try {
    if (running.has(input.event_id)) {
      throw new TicketiError('CONFLICT', 'This event is being seeded already; wait until that seed is done.')
    }
    checkSeedRoom(store.db, input)
  } catch (error) {
    return { ok: false, error: toEnvelope(error, logError) }
  }
  running.add(input.event_id)
  let created = 0
  try {
    let last: SeedResult | null = null
    const size = stepSize({ first: 1_000, min: 100, max: SEED_STEP })
    while (created < input.count) {
      const count = Math.min(size.next, input.count - created)
      if (created > 0) await settled()
      await stepTurn()
      const step = check('seedInventory', { ...input, count }, call.who) as CheckedCall<'write'>
      const { value: outcome, heldMs, savedMs } = await timed(() => run(step))
      size.took(count, heldMs, savedMs)
      if (!outcome.ok) {
        if (created === 0) return outcome
        const envelope = outcome.error
        return {
          ok: false,
          error: {
            ...envelope,
            error: `${created} of ${input.count} tickets were seeded, then: ${envelope.error}`,
          },
        }
      }
      last = outcome.value as SeedResult
      created += last.created
    }
    return { ok: true, value: { ...last!, created } satisfies SeedResult }
  } finally {
    running.delete(input.event_id)
  }
}
