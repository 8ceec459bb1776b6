// The live changes of one host: fed by the after-commit hook, each change gets
// the next id and is serialised once into its SSE frame, kept in a bounded ring
// (so a station that lost its connection resumes without a gap) and handed to
// every open stream after the committing callers were answered. Door counts
// follow a burst of changes at most every COUNTS_EVERY_MS per event.
import type { LiveChange, LiveEventName } from '../../shared/live'
import type { DoorCounts } from '../../shared/views'
import type { AfterCommit, CommittedWrite } from '../after-commit'

/** How many recent changes a host keeps for streams that resume. */
export const RING_SIZE = 2048
export const COUNTS_EVERY_MS = 250
/**
 * Changes reach the streams at most this often, the ones of a busy moment in one write per
 * stream: a write to each of 50 streams after every group commit cost the door more than its
 * check-ins did. The first change after a quiet moment goes out at once.
 */
export const FLUSH_EVERY_MS = 20
/**
 * The most changes one turn serialises and writes; a bigger burst (thousands of sales
 * committed in one go) goes on in the turns after, so the door is answered in between.
 */
export const FLUSH_MOST = 500

export interface LiveFrame {
  id: number
  /** The event this change belongs to. */
  eventId: number
  /** `id:`, `event:` and `data:` lines, ready to write to every stream. */
  text: string
}

export interface LiveStream {
  /** Only this event's changes; null for every event. */
  eventId: number | null
  /** The station name the stream was opened as: a revoke of that station ends it. */
  station: string
  send(text: string): void
  /** The station lost its right to listen. */
  end(): void
}

export interface LiveHub {
  /** The id of the newest change, 0 before any. */
  lastId(): number
  /**
   * The frames after `lastId` for `eventId` (null: every event), or null when the ring no
   * longer holds them all (too old, or an id from an earlier run of the host).
   */
  framesAfter(lastId: number, eventId: number | null): LiveFrame[] | null
  /** Opens a stream that hears every change after `after`; returns the way to close it. */
  open(stream: LiveStream, after: number): () => void
  /** For the desktop app's window: every change, unserialised. Returns the way to stop. */
  onChanges(listener: (changes: readonly LiveChange[]) => void): () => void
  close(): void
}

export interface HubOptions {
  afterCommit: Pick<AfterCommit, 'subscribe'>
  /** The event's door counts now; null when the event is gone. */
  countsOf(eventId: number): DoorCounts | null
  logError?: (error: unknown) => void
  ringSize?: number
}

interface OpenStream {
  stream: LiveStream
  /** The id of the last frame this stream was sent (or skipped as not its event). */
  sentUpTo: number
}

export function frameText(id: number, name: string, data: unknown): string {
  return `id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`
}

export function createLiveHub({
  afterCommit,
  countsOf,
  logError = console.error,
  ringSize = RING_SIZE,
}: HubOptions): LiveHub {
  const ring: LiveFrame[] = []
  /** The id of the newest frame that fell out of the ring. */
  let dropped = 0
  let nextId = 1
  const streams = new Set<OpenStream>()
  const changeListeners = new Set<(changes: readonly LiveChange[]) => void>()
  let pending: LiveChange[] = []
  /** Cancels the flush that is due, if one is. */
  let flushing: (() => void) | null = null
  let lastFlushAt = Number.NEGATIVE_INFINITY
  const countsDue = new Set<number>()
  let countsTimer: NodeJS.Timeout | null = null
  let lastCountsAt = 0

  function record(change: LiveChange): LiveFrame {
    const frame: LiveFrame = {
      id: nextId++,
      eventId: change.event_id,
      text: frameText(nextId - 1, change.type, change.data),
    }
    ring.push(frame)
    return frame
  }

  /** Drops what is beyond the ring's size at once: one by one, a burst cost a move of the whole ring each. */
  function trimRing() {
    if (ring.length <= ringSize) return
    dropped = ring.splice(0, ring.length - ringSize).at(-1)!.id
  }

  function push(change: LiveChange) {
    pending.push(change)
    if (flushing) return
    // After the callers of this commit are answered: a check-in never waits for 50 sockets.
    flushIn(lastFlushAt + FLUSH_EVERY_MS - performance.now())
  }

  function flushIn(wait: number) {
    if (wait <= 0) {
      const immediate = setImmediate(flush)
      flushing = () => clearImmediate(immediate)
    } else {
      const timer = setTimeout(flush, wait)
      flushing = () => clearTimeout(timer)
    }
  }

  function flush() {
    flushing = null
    lastFlushAt = performance.now()
    const changes = pending.length > FLUSH_MOST ? pending.splice(0, FLUSH_MOST) : pending
    if (changes === pending) pending = []
    else flushIn(0)
    const frames = changes.map(record)
    trimRing()
    for (const open of streams) {
      const text = frames
        .filter(
          (f) => f.id > open.sentUpTo && (open.stream.eventId === null || open.stream.eventId === f.eventId),
        )
        .map((f) => f.text)
        .join('')
      if (frames.length > 0) open.sentUpTo = Math.max(open.sentUpTo, frames[frames.length - 1]!.id)
      if (text) send(open, text)
    }
    for (const listener of changeListeners) {
      try {
        listener(changes)
      } catch (error) {
        logError(error)
      }
    }
  }

  function send(open: OpenStream, text: string) {
    try {
      open.stream.send(text)
    } catch (error) {
      logError(error)
    }
  }

  const listensTo = (eventId: number) =>
    changeListeners.size > 0 ||
    [...streams].some((open) => open.stream.eventId === null || open.stream.eventId === eventId)

  function countsLater(eventId: number) {
    if (!listensTo(eventId)) return
    countsDue.add(eventId)
    if (countsTimer) return
    const wait = Math.max(0, lastCountsAt + COUNTS_EVERY_MS - Date.now())
    countsTimer = setTimeout(sendCounts, wait)
    countsTimer.unref()
  }

  function sendCounts() {
    countsTimer = null
    lastCountsAt = Date.now()
    const due = [...countsDue]
    countsDue.clear()
    for (const eventId of due) {
      try {
        const counts = countsOf(eventId)
        if (counts) push({ type: 'counts', event_id: eventId, data: { ...counts } })
      } catch (error) {
        logError(error)
      }
    }
  }

  function committed(writes: readonly CommittedWrite[]) {
    for (const write of writes) {
      for (const change of write.changes) {
        if (change.kind === 'live') {
          push({
            type: change.type as LiveEventName,
            event_id: change.event_id,
            data: { event_id: change.event_id, ...change.data },
          })
        } else if (change.kind === 'tickets') {
          countsLater(change.event_id)
        } else if (change.kind === 'stationRevoked') {
          for (const open of [...streams]) if (open.stream.station === change.station) open.stream.end()
        }
      }
    }
  }

  const unsubscribe = afterCommit.subscribe(committed)

  return {
    lastId: () => nextId - 1,
    framesAfter(lastId, eventId) {
      if (lastId < dropped || lastId > nextId - 1) return null
      return ring.filter((f) => f.id > lastId && (eventId === null || f.eventId === eventId))
    },
    open(stream, after) {
      const open: OpenStream = { stream, sentUpTo: after }
      streams.add(open)
      return () => void streams.delete(open)
    },
    onChanges(listener) {
      changeListeners.add(listener)
      return () => void changeListeners.delete(listener)
    },
    close() {
      unsubscribe()
      flushing?.()
      if (countsTimer) clearTimeout(countsTimer)
      streams.clear()
      changeListeners.clear()
    },
  }
}
