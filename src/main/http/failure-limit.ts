// Guessing tokens or pairing codes from the LAN: after too many failed
// authentications from one address within a minute, that address is refused
// outright until the minute has passed. Other addresses are not affected.
export const FAILURES_ALLOWED = 20
export const FAILURE_WINDOW_MS = 60_000
/** Bounds the memory a flood of spoofed addresses can take. */
const MAX_ADDRESSES = 10_000

export interface FailureLimit {
  /** Counts one failed authentication from `address`. */
  failed(address: string): void
  /** Whole seconds until `address` may try again, or null when it may now. */
  blockedFor(address: string): number | null
}

export function createFailureLimit(
  clock: () => number = Date.now,
  allowed: number = FAILURES_ALLOWED,
): FailureLimit {
  const failures = new Map<string, number[]>()

  /** The failures of the last minute, oldest first; forgets an address whose minute is over. */
  function recent(address: string): number[] {
    const times = failures.get(address)
    if (!times) return []
    const since = clock() - FAILURE_WINDOW_MS
    while (times.length > 0 && times[0]! <= since) times.shift()
    if (times.length === 0) failures.delete(address)
    return times
  }

  return {
    failed(address) {
      const times = recent(address)
      if (times.length === 0) {
        if (failures.size >= MAX_ADDRESSES) failures.delete(failures.keys().next().value!)
        failures.set(address, times)
      }
      times.push(clock())
      // Only the newest ones can still block: the list never grows past the limit.
      if (times.length > allowed) times.shift()
    },
    blockedFor(address) {
      const times = recent(address)
      if (times.length < allowed) return null
      // Blocked until the oldest of the failures that count is a minute old.
      return Math.max(1, Math.ceil((times[0]! + FAILURE_WINDOW_MS - clock()) / 1000))
    },
  }
}
