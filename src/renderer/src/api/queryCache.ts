// One cache of read answers for the whole page, keyed by operation and input.
// Screens read through it (useQuery); a change pushed by the host or made here
// invalidates the entries it touches, and those that are on screen load again.
// At most one load per entry is in flight: invalidations during it load once more after.
import type { OperationName } from '../../../shared/contract'

export interface Snapshot {
  data: unknown
  error: unknown
  loading: boolean
}

type Load = (name: OperationName, input: unknown) => Promise<unknown>

interface Entry {
  name: OperationName
  input: unknown
  snapshot: Snapshot
  /** Loaded at least once and nothing has invalidated it since. */
  fresh: boolean
  inFlight: boolean
  again: boolean
  watchers: Set<() => void>
  forget: ReturnType<typeof setTimeout> | null
}

/** An entry nobody watches is kept this long, so going back to a page shows it at once. */
const KEEP_UNWATCHED_MS = 60_000

export type QueryMatch = (name: OperationName, input: unknown) => boolean

export interface QueryCache {
  snapshot(name: OperationName, input: unknown): Snapshot
  /** Watches an entry (loading it unless fresh); returns the way to stop. */
  watch(name: OperationName, input: unknown, watcher: () => void): () => void
  /** Marks the matching entries stale; the watched ones load again at once. */
  invalidate(match: QueryMatch): void
  /** An answer pushed by the host (the door counts), as if it had just been loaded. */
  put(name: OperationName, input: unknown, data: unknown): void
}

export const keyOf = (name: string, input: unknown) => `${name}:${JSON.stringify(input)}`

const EMPTY: Snapshot = { data: null, error: null, loading: true }

export function createQueryCache(load: Load): QueryCache {
  const entries = new Map<string, Entry>()

  function entryFor(name: OperationName, input: unknown): Entry {
    const key = keyOf(name, input)
    let entry = entries.get(key)
    if (!entry) {
      entry = {
        name,
        input,
        snapshot: EMPTY,
        fresh: false,
        inFlight: false,
        again: false,
        watchers: new Set(),
        forget: null,
      }
      entries.set(key, entry)
    }
    return entry
  }

  function publish(entry: Entry, snapshot: Snapshot) {
    entry.snapshot = snapshot
    for (const watcher of entry.watchers) watcher()
  }

  function fetchEntry(entry: Entry) {
    if (entry.inFlight) {
      entry.again = true
      return
    }
    entry.inFlight = true
    entry.again = false
    entry.fresh = true
    if (!entry.snapshot.loading && entry.snapshot.data === null)
      publish(entry, { ...entry.snapshot, loading: true })
    load(entry.name, entry.input).then(
      (data) => settle(entry, { data, error: null, loading: false }),
      // The last answer stays on screen beside the error: a blip does not blank the page.
      (error: unknown) => settle(entry, { data: entry.snapshot.data, error, loading: false }),
    )
  }

  function settle(entry: Entry, snapshot: Snapshot) {
    entry.inFlight = false
    publish(entry, snapshot)
    if (entry.again && entry.watchers.size > 0) fetchEntry(entry)
  }

  return {
    snapshot: (name, input) => entries.get(keyOf(name, input))?.snapshot ?? EMPTY,
    watch(name, input, watcher) {
      const entry = entryFor(name, input)
      if (entry.forget) clearTimeout(entry.forget)
      entry.forget = null
      entry.watchers.add(watcher)
      if (!entry.fresh) fetchEntry(entry)
      return () => {
        entry.watchers.delete(watcher)
        if (entry.watchers.size > 0) return
        entry.forget = setTimeout(() => entries.delete(keyOf(name, input)), KEEP_UNWATCHED_MS)
      }
    },
    invalidate(match) {
      for (const entry of entries.values()) {
        if (!match(entry.name, entry.input)) continue
        entry.fresh = false
        if (entry.watchers.size > 0) fetchEntry(entry)
      }
    },
    put(name, input, data) {
      const entry = entries.get(keyOf(name, input))
      // Only onto a screen that shows it; an answer still loading would land after and is as new.
      if (!entry || entry.watchers.size === 0) return
      entry.fresh = true
      publish(entry, { data, error: null, loading: false })
    },
  }
}
