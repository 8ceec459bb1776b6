// Big jobs go on in steps: a seed and a guest list (sized to hold the event loop about
// 20 ms, step-size.ts), an export's pages and its answer's pieces, a file hashed for a
// USB stick. Each step is short enough for the door; several jobs at once were not: their
// steps ran in the same turn of the event loop, one after the other, and held the door for
// their sum (an export's page, a guest list's step and a seed's: 40 to 70 ms in the night
// bench). So a job asks for its turn right before each step. One step is let go per turn,
// among the loop's timers: the requests that came in during it are read right after, and
// the door's check-ins committed, before the next step of any job.
//
// One step per turn was still most of the main thread: the door's work in a turn is a few
// milliseconds, a step about 20. In the night bench an export and a guest list started
// together cut the door to a fifth of its speed for two seconds, and most of the night's
// slowest answers fell there (BENCHMARKS.md, "Big jobs give way to the door"). So while a
// door is busy (door-watch.ts), each step is followed by a rest long enough that steps
// keep to JOB_SHARE of the clock. A job then takes longer, and the door keeps its pace.
import { setTimeout } from 'node:timers'

/** While a door is busy, big jobs' steps take at most this share of the main thread's clock. */
export const JOB_SHARE = 0.25

export interface StepTurns {
  /** Resolves in a later turn of the event loop, when no other job's step is let go in it. */
  turn(): Promise<void>
  /** While `busy()` says so, steps keep to their share; returns the way to stop asking. */
  giveWayTo(busy: () => boolean): () => void
  /** Whether a door is busy now, so that steps keep to their share. */
  givingWay(): boolean
}

export interface StepTurnsOptions {
  share?: number
  now?: () => number
  /** Runs `go` after `ms` (a timer). */
  later?: (go: () => void, ms: number) => void
}

export function createStepTurns({
  share = JOB_SHARE,
  now = () => performance.now(),
  later = (go, ms) => void setTimeout(go, ms),
}: StepTurnsOptions = {}): StepTurns {
  const waiting: Array<() => void> = []
  let due = false
  const doors = new Set<() => boolean>()
  /** When the last step's rest ends: a step may go before then only while no door is busy. */
  let restUntil = Number.NEGATIVE_INFINITY

  const givingWay = () => [...doors].some((busy) => busy())

  function letOneGo() {
    const rest = restUntil - now()
    if (rest > 0 && givingWay()) {
      later(letOneGo, rest)
      return
    }
    const started = now()
    // The step runs right after this, among the microtasks of the same timer; a tick queued
    // from one of them runs once they are all done, and so finds the step ended.
    waiting.shift()!()
    queueMicrotask(() =>
      process.nextTick(() => {
        const ended = now()
        restUntil = ended + ((ended - started) * (1 - share)) / share
      }),
    )
    if (waiting.length > 0) later(letOneGo, 0)
    else due = false
  }

  return {
    turn() {
      return new Promise((resolve) => {
        waiting.push(resolve)
        if (due) return
        due = true
        later(letOneGo, 0)
      })
    },
    giveWayTo(busy) {
      doors.add(busy)
      return () => doors.delete(busy)
    },
    givingWay,
  }
}

/** The big jobs of this process: they share its one event loop, so one set of turns. */
const turns = createStepTurns()

export const stepTurn = (): Promise<void> => turns.turn()

/** The core says here whether its door is busy (door-watch.ts). */
export const giveWayToTheDoor = (busy: () => boolean): (() => void) => turns.giveWayTo(busy)

export const jobsGiveWay = (): boolean => turns.givingWay()
