import { describe, expect, it } from 'vitest'
import { GIVING_WAY_TARGET_MS, STEP_SAVE_TARGET_MS, STEP_TARGET_MS, stepSize, timed } from './step-size'
import { giveWayToTheDoor } from './step-turns'

describe('the size of the next step of a big job', () => {
  it('grows at most twice over after a quick step, up to its most', () => {
    const size = stepSize({ first: 1_000, min: 100, max: 5_000 })
    size.took(1_000, 1)
    expect(size.next).toBe(2_000)
    size.took(2_000, 1)
    size.took(4_000, 1)
    expect(size.next).toBe(5_000)
  })

  it('shrinks to what fits in the target after a slow step, down to its least', () => {
    const size = stepSize({ first: 5_000, min: 100, max: 5_000 })
    // 5,000 in 160 ms: 31 a millisecond.
    size.took(5_000, 160)
    expect(size.next).toBe(Math.round((5_000 / 160) * STEP_TARGET_MS))
    size.took(size.next, 10_000)
    expect(size.next).toBe(100)
  })

  it('aims at shorter steps while a door is busy', () => {
    const size = stepSize({ first: 5_000, min: 100, max: 5_000 })
    const stop = giveWayToTheDoor(() => true)
    try {
      size.took(5_000, 160)
      expect(size.next).toBe(Math.round((5_000 / 160) * GIVING_WAY_TARGET_MS))
    } finally {
      stop()
    }
    size.took(size.next, 4)
    expect(size.next).toBe(Math.min(5_000, 2 * Math.round((5_000 / 160) * GIVING_WAY_TARGET_MS)))
  })

  it('shrinks to what the disk syncs in its target too, whose wait every check-in meanwhile shares', () => {
    const size = stepSize({ first: 5_000, min: 100, max: 5_000 })
    // Quick on the main thread, then 100 ms of sync: 50 a millisecond of sync.
    size.took(5_000, 5, 100)
    expect(size.next).toBe(Math.round((5_000 / 100) * STEP_SAVE_TARGET_MS))
  })

  it('times the hold until the step gives way, and the wait after it apart', async () => {
    const busy = (ms: number) => {
      const until = performance.now() + ms
      while (performance.now() < until);
    }
    const { value, heldMs, savedMs } = await timed(() => {
      busy(15)
      return new Promise<string>((resolve) => setTimeout(() => resolve('on disk'), 40))
    })
    expect(value).toBe('on disk')
    expect(heldMs).toBeGreaterThanOrEqual(15)
    expect(heldMs).toBeLessThan(40)
    expect(savedMs).toBeGreaterThanOrEqual(35)
  })
})
