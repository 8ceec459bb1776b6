// Whether an event is on now, still to come, or over: derived from its times
// alone, so the core (which archives only what is over) and every screen agree.

export type EventPhase = 'upcoming' | 'on_now' | 'past'

/** An event without an end time is taken to last the night: this long after it starts. */
export const OPEN_ENDED_HOURS = 12

export function eventPhase(
  event: { starts_at: string; ends_at: string | null },
  now: Date | string = new Date(),
): EventPhase {
  const at = new Date(now).getTime()
  const starts = Date.parse(event.starts_at)
  const ends = event.ends_at ? Date.parse(event.ends_at) : starts + OPEN_ENDED_HOURS * 3_600_000
  if (at < starts) return 'upcoming'
  return at < ends ? 'on_now' : 'past'
}

export const PHASE_LABELS: Record<EventPhase, string> = {
  upcoming: 'upcoming',
  on_now: 'on now',
  past: 'past',
}
