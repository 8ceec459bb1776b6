import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStepTurns, stepTurn } from './step-turns'

describe('step turns', () => {
  it('lets one step go per turn of the event loop, the jobs taking turns', async () => {
    // Counts the loop's turns: runs once in each, after its I/O.
    let turns = 0
    let counting = true
    const count = () => {
      turns++
      if (counting) setImmediate(count)
    }
    setImmediate(count)
    const steps: Array<{ job: string; turn: number }> = []
    const job = async (name: string) => {
      for (let i = 0; i < 3; i++) {
        await stepTurn()
        steps.push({ job: name, turn: turns })
      }
    }
    await Promise.all([job('seed'), job('guest list'), job('export')])
    counting = false
    expect(new Set(steps.map((s) => s.turn)).size).toBe(9)
    expect(steps.map((s) => s.job)).toEqual(Array(3).fill(['seed', 'guest list', 'export']).flat())
  })

  it('commits what the door sent during a step before the next step of any job', async () => {
    const order: string[] = []
    const job = async (name: string) => {
      for (let i = 0; i < 2; i++) {
        await stepTurn()
        order.push(`${name} ${i}`)
        // The group commit of check-ins read during this step runs as an immediate.
        setImmediate(() => order.push(`door after ${name} ${i}`))
      }
    }
    await Promise.all([job('seed'), job('export')])
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual([
      'seed 0',
      'door after seed 0',
      'export 0',
      'door after export 0',
      'seed 1',
      'door after seed 1',
      'export 1',
      'door after export 1',
    ])
  })
})

describe('step turns while a door is busy', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  /** Turns on the test's clock (its Date.now and its timers). */
  const turnsOnTheTestClock = (share: number) =>
    createStepTurns({ share, now: () => Date.now(), later: (go, ms) => void setTimeout(go, ms) })

  /** Turns on the test's clock, and jobs whose every step takes `stepMs` of it. */
  function jobsOnTheTestClock(share: number, stepMs: number) {
    const turns = turnsOnTheTestClock(share)
    const steps: Array<{ job: string; at: number }> = []
    const job = async (name: string, count: number) => {
      for (let i = 0; i < count; i++) {
        await turns.turn()
        steps.push({ job: name, at: Date.now() })
        vi.setSystemTime(Date.now() + stepMs)
      }
    }
    return { turns, steps, job }
  }

  it('rests after each step so that the steps keep to their share of the clock', async () => {
    const { turns, steps, job } = jobsOnTheTestClock(0.25, 10)
    turns.giveWayTo(() => true)
    const t0 = Date.now()
    const done = Promise.all([job('export', 2), job('guest list', 2)])
    await vi.advanceTimersByTimeAsync(1_000)
    await done
    // A step of 10 ms, then 30 ms for the door: a quarter of the clock, whichever job is next.
    expect(steps.map((s) => [s.job, s.at - t0])).toEqual([
      ['export', 0],
      ['guest list', 40],
      ['export', 80],
      ['guest list', 120],
    ])
  })

  it('lets the steps go one per turn, without resting, while no door is busy', async () => {
    const { turns, steps, job } = jobsOnTheTestClock(0.25, 10)
    let busy = false
    const stop = turns.giveWayTo(() => busy)
    const t0 = Date.now()
    const done = job('seed', 3)
    await vi.advanceTimersByTimeAsync(100)
    await done
    // Each step's 10 ms and the next turn's timer (1 ms on this clock): no rest for the door.
    expect(steps.map((s) => s.at - t0)).toEqual([0, 11, 22])
    expect(turns.givingWay()).toBe(false)

    // A door that stopped being asked about holds nothing up, busy or not.
    busy = true
    expect(turns.givingWay()).toBe(true)
    stop()
    expect(turns.givingWay()).toBe(false)
    const t1 = Date.now()
    const later = job('seed', 2)
    await vi.advanceTimersByTimeAsync(100)
    await later
    expect(steps.slice(3).map((s) => s.at - t1)).toEqual([0, 11])
  })

  it('counts the whole step, also the work its answer sets off in the same turn', async () => {
    const turns = turnsOnTheTestClock(0.5)
    turns.giveWayTo(() => true)
    const at: number[] = []
    // An export's pages: the page is read after the turn, its lines written by whoever awaits it.
    async function* pages() {
      for (let i = 0; i < 2; i++) {
        await turns.turn()
        at.push(Date.now())
        vi.setSystemTime(Date.now() + 5)
        yield i
      }
    }
    const t0 = Date.now()
    const done = (async () => {
      for await (const page of pages()) {
        void page
        vi.setSystemTime(Date.now() + 15)
      }
    })()
    await vi.advanceTimersByTimeAsync(1_000)
    await done
    // 5 ms reading and 15 ms writing the lines: 20 ms of step, then 20 ms of rest at a half.
    expect(at.map((t) => t - t0)).toEqual([0, 40])
  })
})
