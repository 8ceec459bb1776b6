// The changes a host pushes to its stations (GET /api/v1/live, and over IPC to
// the desktop app's own window): one named event per change to an event.

/** The SSE event names of SPEC §5.1, one per kind of change. */
export const LIVE_EVENT_NAMES = ['checkin', 'undo', 'sale', 'void', 'transfer', 'refund', 'counts'] as const
export type LiveEventName = (typeof LIVE_EVENT_NAMES)[number]

/**
 * Not changes: `ready` gives a new stream its resume point; `reset` says the changes since
 * the Last-Event-ID asked for are no longer kept, so the station reloads everything.
 */
export type LiveControlName = 'ready' | 'reset'

/** One change as the stations see it. `data` always names its event (`event_id`). */
export interface LiveChange {
  type: LiveEventName
  event_id: number
  data: { event_id: number } & Record<string, unknown>
}
