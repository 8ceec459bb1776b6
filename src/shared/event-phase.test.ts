import { describe, expect, it } from 'vitest'
import { eventPhase } from './event-phase'

describe('event phase', () => {
  const night = { starts_at: '2026-12-01T20:00:00Z', ends_at: '2026-12-02T01:00:00Z' }

  it('is upcoming before the start, on now until the end, and past from the end on', () => {
    expect(eventPhase(night, '2026-12-01T19:59:59Z')).toBe('upcoming')
    expect(eventPhase(night, '2026-12-01T20:00:00Z')).toBe('on_now')
    expect(eventPhase(night, '2026-12-02T00:59:59Z')).toBe('on_now')
    expect(eventPhase(night, '2026-12-02T01:00:00Z')).toBe('past')
  })

  it('takes an event without an end to last twelve hours', () => {
    const open = { starts_at: night.starts_at, ends_at: null }
    expect(eventPhase(open, '2026-12-02T07:59:00Z')).toBe('on_now')
    expect(eventPhase(open, '2026-12-02T08:00:00Z')).toBe('past')
  })
})
