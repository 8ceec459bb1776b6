// Check-ins and undos this door made alone wait here, in scan order, until the
// host has answered for them: written with strict durability before the door
// shows its answer, removed only after the host's answer, sent again with the
// same nonces after any failure (the host never counts a nonce twice). The
// removal of a sent batch runs while the next batch goes up: an entry removed
// late is at worst sent again, which the nonce makes harmless.
import { TicketiError } from '../../../../shared/errors'
import type { DoorDb, QueuedEntry } from './doorDb'
import { UPLOAD_BATCH, type CopyTicket, type UploadEntry } from './doorList'
import { isUnreachable, withinMs, type DoorHost } from './hostDoor'

/** Queues what the door did, together with the copy's new state of the ticket, in one durable write. */
export async function enqueue(db: DoorDb, entry: QueuedEntry, after: CopyTicket | null): Promise<number> {
  const tx = db.transaction(['queue', 'tickets'], 'readwrite', { durability: 'strict' })
  const seq = tx.objectStore('queue').add(entry)
  if (after) void tx.objectStore('tickets').put(after)
  const [key] = await Promise.all([seq, tx.done])
  return key
}

/** This station's queue in scan order; other stations' entries wait for their own sign-in. */
export function queuedFor(db: DoorDb, station: string): Promise<QueuedEntry[]> {
  return db.getAllFromIndex('queue', 'station', station)
}

export function countQueued(db: DoorDb, station: string): Promise<number> {
  return db.countFromIndex('queue', 'station', station)
}

async function settle(db: DoorDb, entries: QueuedEntry[]): Promise<void> {
  const tx = db.transaction('queue', 'readwrite', { durability: 'strict' })
  for (const entry of entries) void tx.store.delete(entry.seq!)
  await tx.done
}

function uploadEntry(entry: QueuedEntry & { kind: 'checkin' }): UploadEntry {
  return {
    event_id: entry.event_id,
    code: entry.code,
    nonce: entry.nonce,
    scanned_at: entry.scanned_at,
    direction: entry.direction,
    offline_result: entry.offline_result,
  }
}

/**
 * Check-ins per request: UPLOAD_BATCH, fewer when the host's transport takes smaller bodies
 * (it answers PAYLOAD_TOO_LARGE): then half as many, and that size from then on.
 */
export interface Batching {
  size: number
}

export const newBatching = (): Batching => ({ size: UPLOAD_BATCH })

export type SendOutcome =
  | { status: 'sent'; conflicts: number; undone_elsewhere: number }
  | { status: 'unreachable' }
  /** The host refused part of the queue (it stays queued): its words. */
  | { status: 'refused'; message: string }

/**
 * Sends the queue in order: check-ins in batches, each undo through the undo op after them. A
 * request the host has not answered within `answerMs` counts as no answer: the door is offline
 * again and sends it later (the nonces make that safe), rather than wait forever on a host that
 * froze halfway.
 */
export async function sendQueue(
  db: DoorDb,
  station: string,
  host: DoorHost,
  onLeft: (left: number) => void,
  batching: Batching,
  answerMs: number,
): Promise<SendOutcome> {
  const entries = await queuedFor(db, station)
  const settling: Promise<void>[] = []
  let conflicts = 0
  let undoneElsewhere = 0
  let i = 0
  try {
    while (i < entries.length) {
      const first = entries[i]!
      if (first.kind === 'undo') {
        try {
          const undo = { ticket_id: first.ticket_id, reason: first.reason, nonce: first.nonce }
          await withinMs(host.undo(undo), answerMs)
        } catch (error) {
          // Not checked in any more (or gone): nothing left to undo, so it is settled.
          const settled = error instanceof TicketiError && ['CONFLICT', 'NOT_FOUND'].includes(error.code)
          if (!settled) throw error
          undoneElsewhere++
        }
        settling.push(settle(db, [first]))
        i++
      } else {
        const batch: (QueuedEntry & { kind: 'checkin' })[] = []
        for (let j = i; j < entries.length && batch.length < batching.size; j++) {
          const entry = entries[j]!
          if (entry.kind !== 'checkin') break
          batch.push(entry)
        }
        let answer
        try {
          answer = await withinMs(host.upload(batch.map(uploadEntry)), answerMs)
        } catch (error) {
          const tooLarge = error instanceof TicketiError && error.code === 'PAYLOAD_TOO_LARGE'
          if (!tooLarge || batch.length === 1) throw error
          batching.size = Math.ceil(batch.length / 2)
          continue
        }
        conflicts += answer.results.filter((result) => result.conflict).length
        settling.push(settle(db, batch))
        i += batch.length
      }
      onLeft(entries.length - i)
    }
    await Promise.all(settling)
  } catch (error) {
    // Whatever was removed stays removed; what was not is sent again next time.
    await Promise.allSettled(settling)
    if (isUnreachable(error)) return { status: 'unreachable' }
    const words = error instanceof Error ? error.message : String(error)
    return { status: 'refused', message: words }
  }
  return { status: 'sent', conflicts, undone_elsewhere: undoneElsewhere }
}
