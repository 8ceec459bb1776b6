// Dates, times and money as the venue reads them: one locale (fr-FR, en-GB, ...)
// and one time zone (Europe/Paris, ...), the same on every screen, in the email
// and in the calendar file. Plain ECMAScript Intl, so main and renderer share it.

export interface VenueFormat {
  /** A BCP 47 locale such as "fr-FR". */
  locale: string
  /** An IANA time zone such as "Europe/Paris". */
  time_zone: string
}

let system: VenueFormat | null = null

/** What this computer's system uses: the venue's format until someone chooses another. */
export function systemVenueFormat(): VenueFormat {
  // Asked on every DUPLICATE at the door: building a formatter for it costs about 0.3 ms, and
  // reading its options each time showed in the busy door's profile. Read once, like the zone
  // a process starts with.
  if (!system) {
    const { locale, timeZone } = new Intl.DateTimeFormat().resolvedOptions()
    system = { locale, time_zone: timeZone || 'UTC' }
  }
  return { ...system }
}

/** "fr-fr" → "fr-FR"; null when it is no locale this system can format for. */
export function canonicalLocale(text: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(text.trim())
    return canonical && Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0 ? canonical : null
  } catch {
    return null
  }
}

/** "europe/paris" → "Europe/Paris"; null when no such time zone is known. */
export function canonicalTimeZone(text: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: text.trim() }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

// Building a formatter costs far more than using one: keep one per locale, zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(venue: VenueFormat, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${venue.locale}|${venue.time_zone}|${JSON.stringify(options)}`
  let found = formatters.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat(venue.locale, { ...options, timeZone: venue.time_zone })
    formatters.set(key, found)
  }
  return found
}

function format(iso: string, venue: VenueFormat, options: Intl.DateTimeFormatOptions): string {
  const at = new Date(iso)
  return Number.isNaN(at.getTime()) ? iso : formatter(venue, options).format(at)
}

/** "1 déc. 2026, 20:00" (fr-FR), "Dec 1, 2026, 8:00 PM" (en-US). */
export function formatVenueDateTime(iso: string, venue: VenueFormat): string {
  return format(iso, venue, { dateStyle: 'medium', timeStyle: 'short' })
}

/** "20:00" (fr-FR), "8:00 PM" (en-US). */
export function formatVenueTime(iso: string, venue: VenueFormat): string {
  return format(iso, venue, { hour: 'numeric', minute: '2-digit' })
}

/** "mar. 1 déc." (fr-FR), "Tue 1 Dec" (en-GB). */
export function formatVenueDay(iso: string, venue: VenueFormat): string {
  return format(iso, venue, { weekday: 'short', day: 'numeric', month: 'short' })
}

/**
 * An event's start for a customer who may read it anywhere: the full date, the
 * venue's wall-clock time and the zone's name, e.g. "mardi 1 décembre 2026 à
 * 20:00 heure d’Europe centrale".
 */
export function formatEventStart(iso: string, venue: VenueFormat): string {
  return format(iso, venue, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'longGeneric',
  })
}

/** Whether two instants fall on the same calendar day at the venue. */
export function sameVenueDay(a: Date, b: Date, venue: VenueFormat): boolean {
  const day = formatter(venue, { year: 'numeric', month: '2-digit', day: '2-digit' })
  return day.format(a) === day.format(b)
}

/** "50,00 €" (fr-FR), "€50.00" (en-GB). */
export function formatVenueMoney(
  cents: number,
  currency: string,
  venue: Pick<VenueFormat, 'locale'>,
): string {
  return new Intl.NumberFormat(venue.locale, { style: 'currency', currency }).format(cents / 100)
}

/** Minutes the venue's clock is ahead of UTC at that instant (Paris in winter: 60). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = formatter(
    { locale: 'en-US', time_zone: timeZone },
    {
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    },
  ).formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value)
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  )
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/**
 * The instant at which the venue's clock shows this wall-clock time
 * ("2026-12-01T20:00" in Europe/Paris is 19:00Z), written with the venue's
 * offset: "2026-12-01T20:00:00+01:00". Null when the text is no date and time.
 */
export function wallClockToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!match) return null
  const [y, mo, d, h, mi, s] = match.slice(1).map((n) => Number(n ?? 0)) as number[]
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCDate() !== d) return null
  // Two steps find the offset in force at that wall-clock time, also across a change of clocks.
  let offset = offsetMinutes(new Date(asUtc), timeZone)
  offset = offsetMinutes(new Date(asUtc - offset * 60_000), timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The venue's calendar date and clock at that instant, as "2026-12-01T20:00" (for datetime-local inputs). */
export function isoToWallClock(iso: string, timeZone: string): string {
  const at = new Date(iso)
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000)
  return local.toISOString().slice(0, 16)
}
