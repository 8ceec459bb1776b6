import { describe, expect, it } from 'vitest'
import { isoToLocalInput, localInputToIso, tonightAtEight } from './time'

describe('localInputToIso', () => {
  it('keeps the wall-clock time and adds the local offset', () => {
    const iso = localInputToIso('2026-12-01T20:00')!
    expect(iso).toMatch(/^2026-12-01T20:00:00[+-]\d{2}:\d{2}$/)
    // The same instant as the browser's own reading of the typed local time.
    expect(new Date(iso).getTime()).toBe(new Date('2026-12-01T20:00').getTime())
  })

  it('keeps seconds when the input has them', () => {
    expect(localInputToIso('2026-12-01T20:00:30')).toMatch(/^2026-12-01T20:00:30[+-]/)
  })

  it('answers null for an empty or unreadable value', () => {
    expect(localInputToIso('')).toBeNull()
    expect(localInputToIso('tomorrow')).toBeNull()
  })
})

describe('tonightAtEight', () => {
  it('is eight in the evening of the given day', () => {
    expect(tonightAtEight(new Date(2026, 0, 5, 9, 30))).toBe('2026-01-05T20:00')
  })
})

describe("the venue's clock", () => {
  it('reads a typed start on the venue clock, whatever this screen’s own time zone', () => {
    expect(localInputToIso('2026-12-01T20:00', 'Europe/Paris')).toBe('2026-12-01T20:00:00+01:00')
    expect(localInputToIso('2026-12-01T20:00', 'America/New_York')).toBe('2026-12-01T20:00:00-05:00')
  })

  it('takes tonight from the venue calendar', () => {
    // 23:30 UTC on the 5th is already the 6th in Tokyo.
    expect(tonightAtEight(new Date('2026-01-05T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-01-06T20:00')
    expect(tonightAtEight(new Date('2026-01-05T23:30:00Z'), 'America/New_York')).toBe('2026-01-05T20:00')
  })
})

describe('isoToLocalInput', () => {
  it('shows a stored time on the venue clock, so saving it unchanged keeps the same instant', () => {
    const local = isoToLocalInput('2026-12-01T19:30:00.000Z')
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    expect(new Date(localInputToIso(local)!).toISOString()).toBe('2026-12-01T19:30:00.000Z')
    expect(isoToLocalInput('2026-12-01T19:30:00.000Z', 'Europe/Paris')).toBe('2026-12-01T20:30')
    const tokyo = isoToLocalInput('2026-12-01T19:30:00.000Z', 'Asia/Tokyo')
    expect(tokyo).toBe('2026-12-02T04:30')
    expect(new Date(localInputToIso(tokyo, 'Asia/Tokyo')!).toISOString()).toBe('2026-12-01T19:30:00.000Z')
  })

  it('answers an empty value for an unreadable time', () => {
    expect(isoToLocalInput('soon')).toBe('')
  })
})
