// How much the next step of a big job (a seed, a guest list) takes on: sized from
// how long the last step held the main thread, so that a step holds the door about
// stepTargetMs() on any machine and beside a database of any size. A fixed size could
// not: 5,000 tickets seeded in 25 ms into an empty database and in 160 ms beside
// 300,000 tickets, whose uuid index no longer fits in memory.
import { jobsGiveWay } from './step-turns'

/** Well inside the door's 50 ms (SPEC §6), with room for the check-ins waiting meanwhile. */
export const STEP_TARGET_MS = 20
/**
 * While a door is busy (step-turns.ts): every check-in that comes during a step waits for it,
 * so the door's slowest answers are about a step longer than its usual ones.
 */
export const GIVING_WAY_TARGET_MS = 8
/**
 * How long a step's sync to disk may take: check-ins committed meanwhile are synced
 * after it, so they wait for it too. The same room inside the 50 ms.
 */
export const STEP_SAVE_TARGET_MS = 20

export interface StepSize {
  /** How many the next step takes on. */
  readonly next: number
  /** The step that did `done` held the main thread `heldMs`, then waited `savedMs` for the disk. */
  took(done: number, heldMs: number, savedMs?: number): void
}

/** How long the next step should hold the main thread. */
export const stepTargetMs = (): number => (jobsGiveWay() ? GIVING_WAY_TARGET_MS : STEP_TARGET_MS)

export function stepSize({ first, min, max }: { first: number; min: number; max: number }): StepSize {
  let next = first
  return {
    get next() {
      return next
    },
    took(done, heldMs, savedMs = 0) {
      const fitting = Math.round(
        Math.min(
          (done / Math.max(heldMs, 1)) * stepTargetMs(),
          (done / Math.max(savedMs, 1)) * STEP_SAVE_TARGET_MS,
        ),
      )
      // At most twice as much as before: one quick step on a warm cache does not mean the next is.
      next = Math.max(min, Math.min(max, 2 * next, fitting))
    },
  }
}

/**
 * Runs one step and says how long it held the main thread (the time until it first gave
 * way) and how long it then waited until it was answered: its sync to disk.
 */
export async function timed<T>(
  step: () => T | Promise<T>,
): Promise<{ value: T; heldMs: number; savedMs: number }> {
  const started = performance.now()
  const pending = step()
  const heldMs = performance.now() - started
  const value = await pending
  return { value, heldMs, savedMs: performance.now() - started - heldMs }
}
