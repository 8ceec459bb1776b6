// Mail gives way to the door: while check-ins come in, the mail thread starts its next
// message only once its busy time is back within its share of the clock; when the door is
// quiet, at once. The thread's busy time and the clock are the test's own here.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPace } from './pace'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A pace over a thread whose busy time the test adds with `work(ms)`. */
function pacedThread(share = 0.2) {
  let busy = 0
  const pace = createPace({ share, busyMs: () => busy, now: () => Date.now() })
  const started: number[] = []
  const start = (n: number) =>
    void pace.turn().then(() => {
      started.push(n)
    })
  return {
    pace,
    started,
    start,
    work: (ms: number) => {
      busy += ms
      vi.advanceTimersByTime(ms)
    },
  }
}

describe('the mail thread while the door is busy', () => {
  it('starts every message at once while the door is quiet', async () => {
    const thread = pacedThread()
    for (let n = 0; n < 5; n++) thread.start(n)
    thread.work(100)
    await vi.advanceTimersByTimeAsync(0)
    expect(thread.started).toEqual([0, 1, 2, 3, 4])
  })

  it('waits after a busy stretch until it has rested to its share, one message at a time', async () => {
    const thread = pacedThread(0.2)
    thread.pace.doorBusy(true)
    thread.start(0)
    await vi.advanceTimersByTimeAsync(0)
    expect(thread.started).toEqual([0])

    // 10 ms of work in 10 ms: 8 ms over a share of 0.2, repaid by 40 ms of rest.
    thread.work(10)
    thread.start(1)
    thread.start(2)
    await vi.advanceTimersByTimeAsync(30)
    expect(thread.started).toEqual([0])
    await vi.advanceTimersByTimeAsync(20)
    expect(thread.started).toEqual([0, 1])
    // Nothing more was done, so nothing is owed: the next one goes at the next look, not with it.
    await vi.advanceTimersByTimeAsync(9)
    expect(thread.started).toEqual([0, 1])
    await vi.advanceTimersByTimeAsync(1)
    expect(thread.started).toEqual([0, 1, 2])
  })

  it('lets every waiting message go as soon as the door is quiet again', async () => {
    const thread = pacedThread(0.2)
    thread.pace.doorBusy(true)
    thread.work(50)
    for (let n = 0; n < 3; n++) thread.start(n)
    await vi.advanceTimersByTimeAsync(40)
    expect(thread.started).toEqual([])
    thread.pace.doorBusy(false)
    await vi.advanceTimersByTimeAsync(0)
    expect(thread.started).toEqual([0, 1, 2])
  })

  it('starts no waiting message once the thread is stopping', async () => {
    const thread = pacedThread(0.2)
    thread.pace.doorBusy(true)
    thread.work(50)
    thread.start(0)
    thread.pace.stop()
    thread.pace.doorBusy(false)
    await vi.advanceTimersByTimeAsync(1000)
    expect(thread.started).toEqual([])
  })

  it('does not hold against the door what the thread did while the door was quiet', async () => {
    const thread = pacedThread(0.2)
    thread.work(500)
    thread.pace.doorBusy(true)
    thread.start(0)
    await vi.advanceTimersByTimeAsync(0)
    expect(thread.started).toEqual([0])
  })
})
