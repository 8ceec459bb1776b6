// Whether the door is checking people in right now. While it is, the work that shares the
// laptop with it gives way: the mail thread keeps to its share of the CPU (mail/pace.ts) and
// the big jobs' steps keep to theirs of the main thread (step-turns.ts). The core tells the
// watch of every saved check-in; the watch says "busy" at the first one and "quiet" once none
// has come for DOOR_QUIET_AFTER_MS.

/** The door counts as busy until this long after its last check-in. */
export const DOOR_QUIET_AFTER_MS = 2_000

/** What the work that gives way to the door sees of it. */
export interface DoorSignal {
  /** Whether the door was last said to be busy. */
  readonly busy: boolean
  /** Told each time the door gets busy or goes quiet; returns the way to stop listening. */
  onChange(listener: (busy: boolean) => void): () => void
}

export interface DoorWatch extends DoorSignal {
  /** A check-in was saved. */
  checkedIn(): void
  stop(): void
}

/** One timer however many check-ins come: it looks again when the latest one is old enough. */
export function watchTheDoor(now: () => number = Date.now): DoorWatch {
  const listeners = new Set<(busy: boolean) => void>()
  let lastAt = 0
  let look: NodeJS.Timeout | null = null

  function tell(busy: boolean) {
    for (const listener of listeners) listener(busy)
  }

  function lookIfQuiet() {
    const left = lastAt + DOOR_QUIET_AFTER_MS - now()
    if (left > 0) {
      look = setTimeout(lookIfQuiet, left)
      look.unref()
      return
    }
    look = null
    tell(false)
  }

  return {
    // A quiet look is pending exactly while the door is busy.
    get busy() {
      return look !== null
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    checkedIn() {
      lastAt = now()
      if (look) return
      lookIfQuiet()
      tell(true)
    },
    stop() {
      if (look) clearTimeout(look)
      look = null
      listeners.clear()
    },
  }
}
