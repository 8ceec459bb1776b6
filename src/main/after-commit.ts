// Work that must follow a write (wake the mail worker, push a change to the
// stations' live screens) subscribes here instead of wrapping every dispatch.
// Subscribers hear of a write only once its commit is on disk: never of a write
// that rolled back, and never of a read.
import type { TransactionalName } from '../shared/contract'
import type { LiveEventName } from '../shared/live'
import type { Principal } from '../shared/principal'

/** What a write changed beyond its answer, noted by the handler as it writes. */
export type Change =
  /** A message waits in the outbox: the mail worker has something to send. */
  | { kind: 'mailQueued'; sale_id: number; outbox_id: number }
  /** Tickets of this event changed status or place (sold, seeded, checked in, let out): its counts moved. */
  | { kind: 'tickets'; event_id: number }
  /** New mail settings: the next message goes with them. */
  | { kind: 'mailSettings' }
  /** What the stations' live screens are told (a sale, a check-in attempt, an undo, ...); see src/main/live. */
  | { kind: 'live'; type: Exclude<LiveEventName, 'counts'>; event_id: number; data: Record<string, unknown> }
  /** A station was revoked: its open live streams end, and no token of it is taken from then on. */
  | { kind: 'stationRevoked'; station: string }
  /** A station was renamed: its tokens stand for the new name from then on. */
  | { kind: 'stationRenamed'; station: string }

/** One write that committed, as its caller was answered. */
export interface CommittedWrite {
  name: TransactionalName
  /** As the schema parsed it, defaults filled in. */
  input: unknown
  /** The answer the caller got. */
  value: unknown
  who: Principal
  changes: readonly Change[]
}

/**
 * Called once per commit with every write it saved (several when the LAN host
 * commits a group), in the order they ran. Called synchronously before the callers
 * are answered, so a listener must be quick: it schedules work, it does not do it.
 */
export type CommitListener = (writes: readonly CommittedWrite[]) => void

export interface AfterCommit {
  /** Returns the way to unsubscribe. */
  subscribe(listener: CommitListener): () => void
  /** The dispatcher's side: a commit is on disk with these writes. */
  committed(writes: readonly CommittedWrite[]): void
}

export function createAfterCommit(logError: (error: unknown) => void = console.error): AfterCommit {
  const listeners = new Set<CommitListener>()
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    committed(writes) {
      if (writes.length === 0) return
      for (const listener of listeners) {
        // The writes are saved whatever a listener does: its failure is logged, never the callers'.
        try {
          listener(writes)
        } catch (error) {
          logError(error)
        }
      }
    },
  }
}

/** Whether any of these writes noted a change of this kind. */
export function anyChange(writes: readonly CommittedWrite[], kind: Change['kind']): boolean {
  return writes.some((write) => write.changes.some((change) => change.kind === kind))
}
