import { describe, expect, it } from 'vitest'
import {
  canonicalLocale,
  canonicalTimeZone,
  formatEventStart,
  formatVenueDateTime,
  formatVenueDay,
  formatVenueMoney,
  formatVenueTime,
  isoToWallClock,
  sameVenueDay,
  wallClockToIso,
} from './venue-format'

const paris = { locale: 'fr-FR', time_zone: 'Europe/Paris' }
const newYork = { locale: 'en-US', time_zone: 'America/New_York' }
// 20:00 in Paris on a winter evening; 14:00 in New York.
const SHOW = '2026-12-01T19:00:00Z'

describe('venue formatting', () => {
  it('shows a date and time in the venue locale and time zone', () => {
    expect(formatVenueDateTime(SHOW, paris)).toBe('1 déc. 2026, 20:00')
    expect(formatVenueDateTime(SHOW, newYork)).toBe('Dec 1, 2026, 2:00 PM')
    expect(formatVenueDateTime(SHOW, { locale: 'de-DE', time_zone: 'Europe/Berlin' })).toBe(
      '01.12.2026, 20:00',
    )
  })

  it('shows the clock time and the day on their own', () => {
    expect(formatVenueTime(SHOW, paris)).toBe('20:00')
    expect(formatVenueTime(SHOW, newYork)).toBe('2:00 PM')
    expect(formatVenueDay(SHOW, { locale: 'en-GB', time_zone: 'Europe/London' })).toBe('Tue 1 Dec')
  })

  it("writes an event's start in full with the zone's name", () => {
    expect(formatEventStart(SHOW, paris)).toBe('mardi 1 décembre 2026 à 20:00 heure d’Europe centrale')
    expect(formatEventStart(SHOW, newYork)).toBe('Tuesday, December 1, 2026 at 2:00 PM Eastern Time')
  })

  it('writes money the venue way', () => {
    expect(formatVenueMoney(5000, 'EUR', paris).replace(/\s/g, ' ')).toBe('50,00 €')
    expect(formatVenueMoney(5000, 'EUR', { locale: 'en-GB' })).toBe('€50.00')
  })

  it('tells days apart at the venue, not in UTC', () => {
    // 22:30 and 23:30 UTC are one day in UTC and in New York, two days in Paris.
    const late = new Date('2026-12-01T22:30:00Z')
    const later = new Date('2026-12-01T23:30:00Z')
    expect(sameVenueDay(late, later, newYork)).toBe(true)
    expect(sameVenueDay(late, later, paris)).toBe(false)
  })

  it('keeps an unreadable time as it came', () => {
    expect(formatVenueDateTime('not a time', paris)).toBe('not a time')
  })
})

describe('wall-clock times at the venue', () => {
  it('reads a typed time in the venue time zone, summer and winter', () => {
    expect(wallClockToIso('2026-12-01T20:00', 'Europe/Paris')).toBe('2026-12-01T20:00:00+01:00')
    expect(wallClockToIso('2026-07-01T20:00', 'Europe/Paris')).toBe('2026-07-01T20:00:00+02:00')
    expect(wallClockToIso('2026-12-01T20:00:30', 'America/New_York')).toBe('2026-12-01T20:00:30-05:00')
    expect(wallClockToIso('2026-12-01T20:00', 'Asia/Kolkata')).toBe('2026-12-01T20:00:00+05:30')
  })

  it('refuses what is no date and time', () => {
    expect(wallClockToIso('', 'Europe/Paris')).toBeNull()
    expect(wallClockToIso('2026-02-31T20:00', 'Europe/Paris')).toBeNull()
  })

  it('shows an instant as the venue clock read it', () => {
    expect(isoToWallClock(SHOW, 'Europe/Paris')).toBe('2026-12-01T20:00')
    expect(isoToWallClock(SHOW, 'America/New_York')).toBe('2026-12-01T14:00')
  })
})

describe('settings values', () => {
  it('accepts locales and time zones in any case, and refuses made-up ones', () => {
    expect(canonicalLocale('fr-fr')).toBe('fr-FR')
    expect(canonicalLocale('en_GB')).toBeNull()
    expect(canonicalLocale('not a locale')).toBeNull()
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris')
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull()
  })
})
