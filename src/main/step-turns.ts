// Big jobs go on in steps: a seed and a guest list (sized to hold the event loop about
// 20 ms, step-size.ts), an export's pages and its answer's pieces, a file hashed for a
// USB stick. Each step is short enough for the door; several jobs at once were not: their
// steps ran in the same turn of the event loop, one after the other, and held the door for
// their sum (an export's page, a guest list's step and a seed's: 40 to 70 ms in the night
// bench). So a job asks for its turn right before each step. One step is let go per turn,
// among the loop's timers: the requests that came in during it are read right after, and
// the door's check-ins committed, before the next step of any job.
import { setTimeout } from 'node:timers'

const waiting: Array<() => void> = []
let next: NodeJS.Timeout | null = null

/** Resolves in a later turn of the event loop, when no other job's step is let go in it. */
export function stepTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve)
    next ??= setTimeout(letOneGo, 0)
  })
}

function letOneGo() {
  // The step runs right after this, among the microtasks of the same timer.
  waiting.shift()!()
  next = waiting.length > 0 ? setTimeout(letOneGo, 0) : null
}
