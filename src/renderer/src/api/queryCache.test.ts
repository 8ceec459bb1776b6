import { describe, expect, it } from 'vitest'
import { createQueryCache } from './queryCache'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the query cache', () => {
  it('loads an entry once for every screen that shows it, and again when a change touches it', async () => {
    const loads: string[] = []
    let answer = 1
    const cache = createQueryCache(async (name, input) => {
      loads.push(`${name}:${JSON.stringify(input)}`)
      return answer
    })
    const stopA = cache.watch('doorCounts', { event_id: 1 }, () => {})
    const stopB = cache.watch('doorCounts', { event_id: 1 }, () => {})
    cache.watch('doorCounts', { event_id: 2 }, () => {})
    await settle()
    expect(loads).toEqual(['doorCounts:{"event_id":1}', 'doorCounts:{"event_id":2}'])
    expect(cache.snapshot('doorCounts', { event_id: 1 })).toEqual({ data: 1, error: null, loading: false })

    answer = 2
    cache.invalidate((name, input) => name === 'doorCounts' && (input as { event_id: number }).event_id === 1)
    await settle()
    expect(loads).toHaveLength(3)
    expect(cache.snapshot('doorCounts', { event_id: 1 }).data).toBe(2)
    expect(cache.snapshot('doorCounts', { event_id: 2 }).data).toBe(1)
    stopA()
    stopB()
  })

  it('loads at most once more after a burst of invalidations during a load', async () => {
    let loads = 0
    const cache = createQueryCache(async () => ++loads)
    cache.watch('listEvents', {}, () => {})
    for (let i = 0; i < 10; i++) cache.invalidate(() => true)
    await settle()
    await settle()
    expect(loads).toBe(2)
  })

  it('takes an answer pushed by the host onto the screen without loading', async () => {
    let loads = 0
    const cache = createQueryCache(async () => ++loads)
    const heard: unknown[] = []
    cache.watch('doorCounts', { event_id: 3 }, () =>
      heard.push(cache.snapshot('doorCounts', { event_id: 3 }).data),
    )
    await settle()
    cache.put('doorCounts', { event_id: 3 }, { pushed: true })
    expect(heard.at(-1)).toEqual({ pushed: true })
    expect(loads).toBe(1)
  })

  it('keeps the last answer beside an error', async () => {
    let fail = false
    const cache = createQueryCache(async () => {
      if (fail) throw new Error('host gone')
      return 'counts'
    })
    cache.watch('doorCounts', { event_id: 4 }, () => {})
    await settle()
    fail = true
    cache.invalidate(() => true)
    await settle()
    expect(cache.snapshot('doorCounts', { event_id: 4 })).toMatchObject({ data: 'counts', loading: false })
    expect(cache.snapshot('doorCounts', { event_id: 4 }).error).toBeInstanceOf(Error)
  })
})
