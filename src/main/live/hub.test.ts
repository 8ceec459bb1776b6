import { afterEach, describe, expect, it } from 'vitest'
import type { LiveChange } from '../../shared/live'
import { createAfterCommit, type Change, type CommittedWrite } from '../after-commit'
import { forwardLiveChanges } from '../ipc'
import { createLiveHub, FLUSH_EVERY_MS, FLUSH_MOST, RING_SIZE, type LiveHub } from './hub'

const WHO = { role: 'door' as const, station: 'Door 1', operator: 'Door 1' }
const turn = () => new Promise((resolve) => setImmediate(resolve))

function commit(afterCommit: ReturnType<typeof createAfterCommit>, ...changes: Change[]) {
  const write: CommittedWrite = { name: 'checkIn', input: {}, value: {}, who: WHO, changes }
  afterCommit.committed([write])
}

const checkin = (event_id: number, code: string): Change => ({
  kind: 'live',
  type: 'checkin',
  event_id,
  data: { code, result: 'OK' },
})

describe('the live hub', () => {
  let hub: LiveHub
  afterEach(() => hub.close())

  it('keeps the last changes for a resume, and says when an id is older than it keeps', async () => {
    const afterCommit = createAfterCommit()
    hub = createLiveHub({ afterCommit, countsOf: () => null, ringSize: 3 })
    for (const code of ['001', '002', '003', '004', '005']) commit(afterCommit, checkin(1, code))
    await turn()
    expect(hub.lastId()).toBe(5)
    expect(hub.framesAfter(2, null)!.map((f) => f.id)).toEqual([3, 4, 5])
    expect(hub.framesAfter(5, null)).toEqual([])
    expect(hub.framesAfter(1, null)).toBeNull()
    expect(hub.framesAfter(6, null)).toBeNull()
  })

  it('serialises a change once for every stream, after the commit, and only to streams of its event', async () => {
    const afterCommit = createAfterCommit()
    hub = createLiveHub({ afterCommit, countsOf: () => null })
    const heard: Record<string, string[]> = { one: [], all: [], other: [] }
    hub.open({ eventId: 1, station: 'a', send: (t) => heard.one!.push(t), end() {} }, 0)
    hub.open({ eventId: null, station: 'b', send: (t) => heard.all!.push(t), end() {} }, 0)
    hub.open({ eventId: 2, station: 'c', send: (t) => heard.other!.push(t), end() {} }, 0)
    commit(afterCommit, checkin(1, '001'), checkin(1, '002'))
    // Nothing is written while the committing callers wait for their answers.
    expect(heard.one).toEqual([])
    await turn()
    expect(heard.one).toHaveLength(1) // both changes in one write
    expect(heard.one![0]).toBe(heard.all![0]) // the very same string
    expect(heard.one![0]).toBe(
      'id: 1\nevent: checkin\ndata: {"event_id":1,"code":"001","result":"OK"}\n\n' +
        'id: 2\nevent: checkin\ndata: {"event_id":1,"code":"002","result":"OK"}\n\n',
    )
    expect(heard.other).toEqual([])
  })

  it('writes the first change after a quiet moment at once, and those of a busy moment together', async () => {
    const afterCommit = createAfterCommit()
    hub = createLiveHub({ afterCommit, countsOf: () => null })
    const writes: string[] = []
    hub.open({ eventId: 1, station: 'a', send: (t) => writes.push(t), end() {} }, 0)
    commit(afterCommit, checkin(1, '001'))
    await turn()
    expect(writes).toHaveLength(1)
    // Five group commits in a row, each heard at once: still within FLUSH_EVERY_MS of the first write.
    for (const code of ['002', '003', '004', '005', '006']) {
      commit(afterCommit, checkin(1, code))
      await turn()
    }
    expect(writes).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, FLUSH_EVERY_MS + 20))
    expect(writes).toHaveLength(2)
    expect(writes[1]!.match(/^id: \d+$/gm)).toEqual(['id: 2', 'id: 3', 'id: 4', 'id: 5', 'id: 6'])
  })

  it('writes a burst of thousands of changes in turns of its own, every one in order, the ring its last ones', async () => {
    const afterCommit = createAfterCommit()
    hub = createLiveHub({ afterCommit, countsOf: () => null })
    const writes: string[] = []
    hub.open({ eventId: 1, station: 'a', send: (t) => writes.push(t), end() {} }, 0)
    const burst = FLUSH_MOST * 10
    commit(afterCommit, ...Array.from({ length: burst }, (_, i) => checkin(1, String(i))))
    // A check-in's answer asked for after the burst gets its turn before the burst is written.
    let writtenAtCheckIn = -1
    setImmediate(() => setImmediate(() => (writtenAtCheckIn = writes.length)))
    while (hub.lastId() < burst) await turn()
    expect(writes).toHaveLength(10)
    expect(writtenAtCheckIn).toBeGreaterThan(0)
    expect(writtenAtCheckIn).toBeLessThan(10)
    const ids = writes.join('').match(/^id: \d+$/gm)!
    expect(ids).toEqual(Array.from({ length: burst }, (_, i) => `id: ${i + 1}`))
    expect(hub.framesAfter(burst - RING_SIZE, null)).toHaveLength(RING_SIZE)
    expect(hub.framesAfter(burst - RING_SIZE - 1, null)).toBeNull()
  })

  it('sends the door counts once after a burst of ticket changes, and ends a revoked station’s streams', async () => {
    const afterCommit = createAfterCommit()
    let counted = 0
    hub = createLiveHub({
      afterCommit,
      countsOf: (event_id) => ({ event_id, generated_at: 'now', totals: { counted: ++counted } }) as never,
    })
    const texts: string[] = []
    let ended = 0
    hub.open({ eventId: 7, station: 'Door 2', send: (t) => texts.push(t), end: () => ended++ }, 0)
    for (let i = 0; i < 20; i++) commit(afterCommit, { kind: 'tickets', event_id: 7 })
    await new Promise((resolve) => setTimeout(resolve, 300))
    await turn()
    expect(counted).toBe(1)
    expect(texts.join('')).toContain(
      'event: counts\ndata: {"event_id":7,"generated_at":"now","totals":{"counted":1}}',
    )
    commit(afterCommit, { kind: 'stationRevoked', station: 'Door 1' })
    expect(ended).toBe(0)
    commit(afterCommit, { kind: 'stationRevoked', station: 'Door 2' })
    expect(ended).toBe(1)
  })

  it('forwards every change to the desktop window over IPC', async () => {
    const afterCommit = createAfterCommit()
    hub = createLiveHub({ afterCommit, countsOf: () => null })
    const sent: Array<[string, readonly LiveChange[]]> = []
    forwardLiveChanges(hub, (channel, changes) => sent.push([channel, changes]))
    commit(afterCommit, checkin(3, '042'))
    await turn()
    expect(sent).toEqual([
      ['ticketi:live', [{ type: 'checkin', event_id: 3, data: { event_id: 3, code: '042', result: 'OK' } }]],
    ])
  })
})
