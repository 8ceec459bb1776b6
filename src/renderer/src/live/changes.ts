// What a change pushed by the host does on this page: door counts go straight
// into the query cache, anything else invalidates what shows it.
import type { LiveChange } from '../../../shared/live'
import { queries } from '../api'
import { touchedByChange } from '../api/invalidation'
import type { QueryMatch } from '../api/queryCache'

let batch: LiveChange[] = []
const listeners = new Set<(changes: readonly LiveChange[]) => void>()

/** Hears every change the host pushes (the door's copy pulls what changed); returns the way to stop. */
export function onLiveChanges(listener: (changes: readonly LiveChange[]) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Changes that arrive together (a burst at the door) load each screen's data once. */
export function applyChanges(changes: readonly LiveChange[]): void {
  if (batch.length === 0) setTimeout(flush, 0)
  batch.push(...changes)
  for (const listener of listeners) listener(changes)
}

function flush() {
  const changes = batch
  batch = []
  const matches: QueryMatch[] = []
  for (const change of changes) {
    if (change.type === 'counts') queries.put('doorCounts', { event_id: change.event_id }, change.data)
    const match = touchedByChange(change)
    if (match) matches.push(match)
  }
  if (matches.length > 0) queries.invalidate((name, input) => matches.some((match) => match(name, input)))
}

/** The host kept no record of what was missed: every screen loads again. */
export function reloadEverything(): void {
  queries.invalidate(() => true)
}
