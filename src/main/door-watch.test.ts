import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DOOR_QUIET_AFTER_MS, watchTheDoor } from './door-watch'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('watching the door', () => {
  it('says busy at the first check-in and quiet once none has come for a while', () => {
    const told: boolean[] = []
    const door = watchTheDoor()
    door.onChange((busy) => told.push(busy))
    expect(door.busy).toBe(false)
    door.checkedIn()
    expect(told).toEqual([true])
    expect(door.busy).toBe(true)
    // Check-ins keep coming: nothing more is said.
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(DOOR_QUIET_AFTER_MS / 2)
      door.checkedIn()
    }
    expect(told).toEqual([true])
    vi.advanceTimersByTime(DOOR_QUIET_AFTER_MS - 1)
    expect(told).toEqual([true])
    vi.advanceTimersByTime(1)
    expect(told).toEqual([true, false])
    expect(door.busy).toBe(false)
    door.checkedIn()
    expect(told).toEqual([true, false, true])
    door.stop()
    vi.advanceTimersByTime(DOOR_QUIET_AFTER_MS * 2)
    expect(told).toEqual([true, false, true])
  })

  it('tells every listener, each until it stops listening, and is busy by the time it tells', () => {
    const door = watchTheDoor()
    const mail: boolean[] = []
    const jobs: boolean[] = []
    door.onChange((busy) => mail.push(busy && door.busy))
    const stopJobs = door.onChange((busy) => jobs.push(busy))
    door.checkedIn()
    stopJobs()
    vi.advanceTimersByTime(DOOR_QUIET_AFTER_MS)
    expect(mail).toEqual([true, false])
    expect(jobs).toEqual([true])
  })
})
