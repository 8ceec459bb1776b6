// The recent list outlives a reload of the door page (a tab closed by mistake,
// a power blip): it is kept in the tab's sessionStorage, one list per station
// and event, so a different station or event signed in on the tab never sees it.
import type { RecentAnswer } from './RecentAnswers'
import { RECENT_KEPT } from './RecentAnswers'

const key = (station: string, eventId: number) => `ticketi.door.recent.${station}.${eventId}`

function isRecentAnswer(value: unknown): value is RecentAnswer {
  if (typeof value !== 'object' || value === null) return false
  const row = value as Partial<RecentAnswer>
  return (
    typeof row.code === 'string' &&
    typeof row.at === 'string' &&
    typeof row.answer === 'object' &&
    row.answer !== null &&
    typeof row.answer.result === 'string' &&
    typeof row.answer.checkin_id === 'number'
  )
}

export function loadRecent(station: string, eventId: number): RecentAnswer[] {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(key(station, eventId)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(isRecentAnswer).slice(0, RECENT_KEPT) : []
  } catch {
    // Unreadable or blocked storage: the list starts empty, the door works the same.
    return []
  }
}

export function saveRecent(station: string, eventId: number, recent: RecentAnswer[]): void {
  try {
    window.sessionStorage.setItem(key(station, eventId), JSON.stringify(recent))
  } catch {
    // A full or blocked storage only loses the list on the next reload.
  }
}
