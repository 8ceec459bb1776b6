import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { TicketiError } from '../../../../shared/errors'
import { openDoorDb, type DoorDb } from './doorDb'
import { fakeHost, type FakeHost } from '../../../../../test/renderer/fake-door-host'
import { OfflineDoor } from './offlineDoor'
import { queuedFor } from './uploadQueue'

const EVENT = { id: 1, name: 'Jazz Night', allow_reentry: false, code_length: 3 }
const UTC = { locale: 'en-GB', time_zone: 'UTC' }
const timing = { answerMs: 100, probeMs: 20, pullMs: 10_000 }
const doors: OfflineDoor[] = []
let names = 0

function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve()
      if (Date.now() > end) return reject(new Error('never happened'))
      setTimeout(tick, 5)
    }
    tick()
  })
}

async function setUp(count = 10): Promise<{ host: FakeHost; db: DoorDb }> {
  const host = fakeHost(EVENT)
  for (let i = 1; i <= count; i++)
    host.sell(i, String(100 + i), `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
  return { host, db: await openDoorDb(`door-test-${++names}`) }
}

let nonces = 0
async function openDoor(host: FakeHost, db: DoorDb, station = 'Door 1') {
  const door = new OfflineDoor({
    host,
    db,
    station,
    eventId: 1,
    venue: () => UTC,
    newNonce: () => `nonce-${++nonces}`,
    timing,
  })
  doors.push(door)
  await door.start()
  return door
}

afterEach(() => doors.splice(0).forEach((door) => door.stop()))

describe('the door on its own', () => {
  it('fills its copy from every page of the list and asks the host while it answers', async () => {
    const { host, db } = await setUp(12)
    host.pageSize = 5
    const door = await openDoor(host, db)
    expect(host.calls.filter((c) => c.kind === 'doorList')).toHaveLength(3)
    expect(await db.count('tickets')).toBe(12)
    const answer = await door.checkIn('101', 'n-online-1', 'in')
    expect(answer.offline).toBeUndefined()
    expect(door.getState()).toMatchObject({ online: true, waiting: 0 })
  })

  it('answers from its copy when the host is silent for too long, then at once, and queues durably', async () => {
    const { host, db } = await setUp()
    const door = await openDoor(host, db)
    host.mode = 'silent'
    const first = await door.checkIn('101', 'n-1', 'in')
    expect(first).toMatchObject({
      result: 'OK',
      message: 'Welcome, Guest 101!',
      offline: { list_from: expect.any(String) },
    })
    expect(door.getState().online).toBe(false)

    const asked = host.calls.length
    const again = await door.checkIn('101', 'n-2', 'in')
    expect(again.result).toBe('DUPLICATE')
    expect(again.message).toMatch(/^Already checked in at \d?\d:\d\d at Door 1\.$/)
    const unknown = await door.checkIn('999', 'n-3', 'in')
    expect(unknown.message).toMatch(
      /^No ticket with code 999 for Jazz Night\. This door's list is from \d?\d:\d\d\.$/,
    )
    // No check-in request went to the host for the last two: only probes.
    expect(host.calls.slice(asked).every((c) => c.kind === 'doorList')).toBe(true)

    const queued = await queuedFor(db, 'Door 1')
    expect(queued.map((e) => e.nonce)).toEqual(['n-1', 'n-2', 'n-3'])
    expect(queued.map((e) => e.kind === 'checkin' && e.offline_result)).toEqual([
      'OK',
      'DUPLICATE',
      'UNKNOWN',
    ])
    expect(door.getState().waiting).toBe(3)
  })

  it('counts the night from its own copy while the host is away', async () => {
    const { host, db } = await setUp(5)
    const door = await openDoor(host, db)
    expect(door.localCounts()).toEqual({ checked_in: 0, assigned: 5, inside_now: 0 })
    host.mode = 'down'
    await door.checkIn('101', 'n-1', 'in')
    await door.checkIn('102', 'n-2', 'in')
    await door.checkIn('102', 'n-3', 'in')
    expect(door.localCounts()).toEqual({ checked_in: 2, assigned: 5, inside_now: 2 })
  })

  it('recognises a scanned ticket by the hash of its uuid', async () => {
    const { host, db } = await setUp()
    const door = await openDoor(host, db)
    host.mode = 'down'
    const answer = await door.checkIn(
      '00000000-0000-4000-8000-00000000000A'.replace('A', '3'),
      'n-uuid',
      'in',
    )
    expect(answer).toMatchObject({ result: 'OK', ticket: { id: 3 } })
  })

  it('keeps the queue and the copy across a reload, and sends it exactly once when the host is back', async () => {
    const { host, db } = await setUp()
    const door = await openDoor(host, db)
    host.mode = 'down'
    await door.checkIn('101', 'n-a', 'in')
    await door.checkIn('102', 'n-b', 'in')
    door.stop()

    // A reload: a new door on the same database, still without the host.
    const reloaded = await openDoor(host, db)
    expect(reloaded.getState()).toMatchObject({ ready: true, online: false, waiting: 2 })
    expect((await reloaded.checkIn('102', 'n-c', 'in')).result).toBe('DUPLICATE')
    const undone = await reloaded.undo(1, 'Wrong guest')
    expect(undone).toBe('queued')

    host.mode = 'up'
    await until(() => reloaded.getState().waiting === 0 && reloaded.getState().online)
    expect(host.uploads.map((e) => e.nonce)).toEqual(['n-a', 'n-b', 'n-c'])
    expect(host.undone).toHaveLength(1)
    expect(host.tickets.get(1)!.status).toBe('assigned')
    expect(host.tickets.get(2)!.status).toBe('checked_in')
    expect(await db.count('queue')).toBe(0)
  })

  it('keeps what the host did not answer for and sends it again with the same nonces', async () => {
    const { host, db } = await setUp()
    const door = await openDoor(host, db)
    host.mode = 'down'
    await door.checkIn('101', 'n-x', 'in')
    // The host answers the probe but goes away before the upload answers.
    const upload = host.upload
    let failOnce = true
    host.upload = async (entries) => {
      if (failOnce) {
        failOnce = false
        await upload(entries)
        throw new (await import('../../../../shared/errors')).TicketiError('OFFLINE', 'cut off')
      }
      return upload(entries)
    }
    host.mode = 'up'
    await until(() => door.getState().waiting === 0)
    expect(host.calls.filter((c) => c.kind === 'upload')).toHaveLength(2)
    expect(host.uploads.map((e) => e.nonce)).toEqual(['n-x'])
  })

  it('uploads 1,200 queued check-ins in batches of 500, in scan order, and empties the queue', async () => {
    const { host, db } = await setUp(1200)
    const door = await openDoor(host, db)
    host.mode = 'down'
    for (let i = 1; i <= 1200; i++)
      await door.checkIn(String(100 + i), `n-${String(i).padStart(5, '0')}`, 'in')
    host.mode = 'up'
    await until(() => door.getState().waiting === 0, 10_000)
    const sizes = host.calls.filter((c) => c.kind === 'upload').map((c) => c.size)
    expect(sizes).toEqual([500, 500, 200])
    const sent = host.uploads.map((e) => e.nonce)
    expect(sent).toEqual([...sent].sort())
    expect(new Set(sent).size).toBe(1200)
    expect(await queuedFor(db, 'Door 1')).toEqual([])
  })

  it('goes offline again when the host freezes halfway through the queue, then sends the rest once', async () => {
    const { host, db } = await setUp(1000)
    const door = await openDoor(host, db)
    host.mode = 'down'
    for (let i = 1; i <= 1000; i++)
      await door.checkIn(String(100 + i), `n-${String(i).padStart(5, '0')}`, 'in')
    const upload = host.upload
    let calls = 0
    host.upload = async (entries) => {
      // The second batch is never answered: the host stopped (SIGSTOP) while it came.
      if (++calls === 2) await new Promise(() => {})
      return upload(entries)
    }
    host.mode = 'up'
    await until(() => calls === 2)
    await until(() => !door.getState().online && !door.getState().sending, 10_000)
    expect(door.getState().waiting).toBe(500)
    await until(() => door.getState().online && door.getState().waiting === 0, 10_000)
    expect(new Set(host.uploads.map((e) => e.nonce)).size).toBe(1000)
    expect(host.uploads).toHaveLength(1000)
  })

  it('puts new scans behind the queue while it goes up', async () => {
    const { host, db } = await setUp()
    const door = await openDoor(host, db)
    host.mode = 'down'
    await door.checkIn('101', 'n-1', 'in')
    const asked = host.calls.length
    const upload = host.upload
    host.upload = async (entries) => {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return upload(entries)
    }
    host.mode = 'up'
    await until(() => door.getState().sending)
    await door.checkIn('102', 'n-2', 'in')
    await until(() => door.getState().waiting === 0)
    expect(host.uploads.map((e) => e.nonce)).toEqual(['n-1', 'n-2'])
    expect(host.calls.slice(asked).some((c) => c.kind === 'checkIn')).toBe(false)
  })

  it('lets a row from the host wait while the door holds a newer state of that ticket', async () => {
    const { host, db } = await setUp()
    const door = await openDoor(host, db)
    host.mode = 'down'
    await door.checkIn('101', 'n-1', 'in')
    // The queue is refused for now, while the list keeps coming.
    host.mode = 'up'
    host.upload = async () => {
      throw new (await import('../../../../shared/errors')).TicketiError('BUSY', 'The database is busy.')
    }
    await until(() => door.getState().problem !== null)
    expect((await door.checkIn('101', 'n-2', 'in')).result).toBe('DUPLICATE')
  })

  it('keeps one station’s queue for that station', async () => {
    const { host, db } = await setUp()
    const first = await openDoor(host, db, 'Door 1')
    host.mode = 'down'
    await first.checkIn('101', 'n-1', 'in')
    first.stop()
    host.mode = 'up'
    const other = await openDoor(host, db, 'Door 2')
    expect(other.getState().waiting).toBe(0)
    expect(host.uploads).toHaveLength(0)
    expect(await queuedFor(db, 'Door 1')).toHaveLength(1)
  })

  it('sends smaller batches when the host takes smaller bodies', async () => {
    const { host, db } = await setUp(300)
    const door = await openDoor(host, db)
    host.mode = 'down'
    for (let i = 1; i <= 300; i++)
      await door.checkIn(String(100 + i), `n-${String(i).padStart(5, '0')}`, 'in')
    const upload = host.upload
    host.upload = async (entries) => {
      if (entries.length > 100) throw new TicketiError('PAYLOAD_TOO_LARGE', 'The request body is too large.')
      return upload(entries)
    }
    host.mode = 'up'
    await until(() => door.getState().waiting === 0, 10_000)
    expect(host.uploads).toHaveLength(300)
    expect(host.calls.filter((c) => c.kind === 'upload').map((c) => c.size)).toEqual([75, 75, 75, 75])
  })
})
