import { describe, expect, it } from 'vitest'
import { STEP_TARGET_MS, stepSize } from './step-size'

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
})
