// <input type="datetime-local"> speaks wall-clock time without an offset; the
// contract wants ISO 8601 with one, so the event starts at the hour the
// organizer typed on the venue's clock (Settings), wherever this screen is.
import { isoToWallClock, wallClockToIso } from '../../../../shared/venue-format'
import { currentVenueFormat } from '../../venue/format'

/** "2026-12-01T20:00" → "2026-12-01T20:00:00+01:00" at a Paris venue; empty or unreadable → null. */
export function localInputToIso(value: string, timeZone = currentVenueFormat().time_zone): string | null {
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/.exec(value)
  return match ? wallClockToIso(match[0], timeZone) : null
}

/** Today at 20:00 on the venue's clock, as a datetime-local value: the usual start of a show. */
export function tonightAtEight(now = new Date(), timeZone = currentVenueFormat().time_zone): string {
  return `${isoToWallClock(now.toISOString(), timeZone).slice(0, 10)}T20:00`
}

/** The reverse of localInputToIso: an ISO time as a datetime-local value on the venue's clock. */
export function isoToLocalInput(iso: string, timeZone = currentVenueFormat().time_zone): string {
  return Number.isNaN(new Date(iso).getTime()) ? '' : isoToWallClock(iso, timeZone)
}
