import { describe, expect, it } from 'vitest'
import type { EventView } from '../../../../shared/views'
import { pickEvent } from './EventChooser'

const event = (id: number, starts_at: string, status: EventView['status'] = 'active') =>
  ({ id, starts_at, ends_at: null, status }) as EventView

describe('pickEvent', () => {
  const now = new Date('2026-12-10T12:00:00Z')
  const lastWeek = event(1, '2026-12-03T20:00:00Z')
  const cancelled = event(2, '2026-12-11T20:00:00Z', 'cancelled')
  const tomorrow = event(3, '2026-12-11T20:00:00Z')

  it('keeps the event the address names', () => {
    expect(pickEvent([lastWeek, tomorrow], 1, now)).toBe(lastWeek)
  })

  it('otherwise opens the first event on sale that is not over, not one from last week', () => {
    expect(pickEvent([lastWeek, cancelled, tomorrow], 0, now)).toBe(tomorrow)
  })

  it('falls back to a past event on sale, then to any event, then to none', () => {
    expect(pickEvent([cancelled, lastWeek], 0, now)).toBe(lastWeek)
    expect(pickEvent([cancelled], 0, now)).toBe(cancelled)
    expect(pickEvent([], 0, now)).toBeNull()
  })
})
