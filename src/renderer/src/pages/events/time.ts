// <input type="datetime-local"> speaks the laptop's wall-clock time without an
// offset; the contract wants ISO 8601 with one, so the event starts at the hour
// the organizer typed, in the venue's time zone.

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-12-01T20:00" → "2026-12-01T20:00:00+01:00"; empty or unreadable → null. */
export function localInputToIso(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?/.exec(value)
  if (!match) return null
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return null
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return `${match[1]}${match[2] ?? ':00'}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** Today at 20:00 local time, as a datetime-local value: the usual start of a show. */
export function tonightAtEight(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T20:00`
}

/** The reverse of localInputToIso: an ISO time as a datetime-local value on this laptop's clock. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  )
}
