// Mail gives way to the door. On a laptop of two cores, the mail thread drawing QR codes
// at full speed took half a core while the door was busy, and the door's thread then waited
// for a core a third of the time; a lower nice value did not stop it (BENCHMARKS.md, "Mail
// gives way to the door"). So while check-ins come in, the mail thread starts its next
// message only once its own busy time is back within a share of the clock (createPace, in
// the thread); the main thread says when the door is busy and when it has gone quiet
// (door-watch.ts). Nothing is dropped or refused: messages only wait their turn, and go at
// full speed again once the door is quiet.
import { performance } from 'node:perf_hooks'

/** While the door is busy, the mail thread is busy at most this share of the time. */
export const DOOR_BUSY_SHARE = 0.2
/** How often a waiting message looks whether the thread has rested enough. */
const LOOK_EVERY_MS = 20

export interface Pace {
  /** Resolves when the next message may start. */
  turn(): Promise<void>
  /** The door is checking people in (or has stopped): from now on mail keeps to its share (or not). */
  doorBusy(busy: boolean): void
  /** The thread is stopping: no waiting message starts any more (the main thread fails them). */
  stop(): void
}

export interface PaceOptions {
  share?: number
  /** Milliseconds this thread has been busy so far (its event loop's active time). */
  busyMs?: () => number
  now?: () => number
}

export function createPace({
  share = DOOR_BUSY_SHARE,
  busyMs = () => performance.eventLoopUtilization().active,
  now = () => performance.now(),
}: PaceOptions = {}): Pace {
  let door = false
  /** Busy time beyond the share since the door got busy; repaid by resting. */
  let owed = 0
  let lastBusy = busyMs()
  let lastAt = now()
  const waiting: Array<() => void> = []
  let look: NodeJS.Timeout | null = null

  function account() {
    const busy = busyMs()
    const at = now()
    owed = Math.max(0, owed + (busy - lastBusy) - share * (at - lastAt))
    lastBusy = busy
    lastAt = at
  }

  // One message at a time while the door is busy: what it costs shows in the next look.
  function lookAgain() {
    look = null
    account()
    if (!door) {
      for (const go of waiting.splice(0)) go()
      return
    }
    if (owed <= 0) waiting.shift()?.()
    if (waiting.length > 0) look = setTimeout(lookAgain, LOOK_EVERY_MS)
  }

  return {
    turn() {
      if (!door && waiting.length === 0) return Promise.resolve()
      return new Promise<void>((go) => {
        waiting.push(go)
        look ??= setTimeout(lookAgain, 0)
      })
    },
    doorBusy(busy) {
      if (busy === door) return
      account()
      door = busy
      // What the thread did while the door was quiet is not held against it.
      if (busy) owed = 0
      else if (waiting.length > 0) {
        if (look) clearTimeout(look)
        lookAgain()
      }
    },
    stop() {
      if (look) clearTimeout(look)
      look = null
      waiting.length = 0
    },
  }
}
