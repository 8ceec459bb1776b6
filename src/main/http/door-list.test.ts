// The door list over HTTP (SPEC §5.2, DOOR-CONTRACT): what a door holds to answer on its own,
// full and in deltas by door version, paged at 5,000, and never a ticket uuid.
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DoorList, TicketView } from '../../shared/views'
import {
  ADMIN_TOKEN,
  api,
  count,
  fingerprint,
  seededEvent,
  startTestHost,
  type TestHost,
} from '../../../test/support/host'

let t: TestHost
let http: ReturnType<typeof api>
let doorToken: string
let eventId: number

beforeEach(async () => {
  t = await startTestHost()
  http = api(t)
  ;({ eventId } = await seededEvent(t, 30))
  doorToken = (await http.createStation({ name: 'Door 1', role: 'door' })).token
})
afterEach(() => t.dispose())

function doorList(since?: number | string, event = eventId, token = doorToken) {
  const query = since === undefined ? '' : `?since=${since}`
  return t.ok<DoorList>('GET', `/api/v1/events/${event}/door-list${query}`, undefined, 200, token)
}

async function sell(quantity = 1, name = 'Ann Example'): Promise<TicketView[]> {
  const sale = await http.assign({
    event_id: eventId,
    customer: { name, email: 'ann@example.com' },
    quantity,
  })
  return sale.tickets
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

describe('GET /api/v1/events/{id}/door-list', () => {
  it('lists every sold ticket as a door needs it, with a hash of the uuid and never the uuid', async () => {
    const tickets = await sell(2)
    const list = await doorList()
    expect(list.event).toEqual({ id: eventId, name: 'Jazz Night', allow_reentry: false, code_length: 3 })
    expect(list.complete).toBe(true)
    // The 28 tickets still available have no code: nobody can show one at the door.
    expect(list.tickets).toEqual(
      tickets.map((ticket) => ({
        id: ticket.id,
        short_code: ticket.short_code,
        uuid_hash: sha256(ticket.uuid.toLowerCase()),
        status: 'assigned',
        inside: false,
        holder_name: 'Ann Example',
        ticket_type_name: 'Standard',
        checked_in_at: null,
        checked_in_by: null,
      })),
    )
    expect(list.tickets[0]!.uuid_hash).toMatch(/^[0-9a-f]{64}$/)
    const text = JSON.stringify(list)
    for (const ticket of tickets) expect(text).not.toContain(ticket.uuid)
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
    expect(list.version).toBe(
      count(t.sqlite, 'SELECT door_version FROM ticket WHERE id = ?', tickets.at(-1)!.id),
    )
  })

  it('answers with no tickets after the newest version, and a version never lower than since', async () => {
    await sell(1)
    const full = await doorList(0)
    const again = await doorList(full.version)
    expect(again).toMatchObject({ complete: true, tickets: [], version: full.version })
    expect((await doorList(full.version + 1000)).version).toBe(full.version + 1000)
  })

  it('takes no since as 0, and answers a door, a box office and an admin alike', async () => {
    await sell(1)
    const boxOffice = (await http.createStation({ name: 'Box office 2', role: 'boxoffice' })).token
    const byDoor = await doorList()
    expect(await doorList(0)).toEqual(byDoor)
    expect(await doorList(undefined, eventId, boxOffice)).toEqual(byDoor)
    expect(await doorList(undefined, eventId, ADMIN_TOKEN)).toEqual(byDoor)
  })

  it('sends only what changed after a sale, a check-in, an undo and a void', async () => {
    const [first, second] = await sell(2)
    const start = await doorList()

    const [third] = await sell(1, 'Bob Example')
    const afterSale = await doorList(start.version)
    expect(afterSale.tickets.map((x) => [x.id, x.status, x.holder_name])).toEqual([
      [third!.id, 'assigned', 'Bob Example'],
    ])

    expect((await http.checkIn({ event_id: eventId, code: first!.short_code! }, doorToken)).status).toBe(200)
    const afterCheckIn = await doorList(afterSale.version)
    expect(afterCheckIn.tickets).toEqual([
      expect.objectContaining({ id: first!.id, status: 'checked_in', inside: true, checked_in_by: 'Door 1' }),
    ])
    expect(afterCheckIn.tickets[0]!.checked_in_at).toMatch(/^\d{4}-\d\d-\d\dT/)

    await t.ok('POST', `/api/v1/tickets/${first!.id}/undo-checkin`, { reason: 'wrong guest' })
    const afterUndo = await doorList(afterCheckIn.version)
    expect(afterUndo.tickets).toEqual([
      expect.objectContaining({ id: first!.id, status: 'assigned', inside: false, checked_in_at: null }),
    ])

    // Whatever write path voids a ticket, the database's triggers give it a new door version.
    t.sqlite.prepare("UPDATE ticket SET status = 'void' WHERE id = ?").run(second!.id)
    const afterVoid = await doorList(afterUndo.version)
    expect(afterVoid.tickets).toEqual([
      expect.objectContaining({ id: second!.id, status: 'void', short_code: second!.short_code }),
    ])
    expect(afterVoid.version).toBeGreaterThan(afterUndo.version)
    expect((await doorList(afterVoid.version)).tickets).toEqual([])
  })

  it('sends a ticket that lost its code as available without a code, so the door drops it', async () => {
    const [ticket] = await sell(1)
    const start = await doorList()
    t.sqlite
      .prepare("UPDATE ticket SET status = 'available', short_code = NULL, customer_id = NULL WHERE id = ?")
      .run(ticket!.id)
    const delta = await doorList(start.version)
    expect(delta.tickets).toEqual([
      expect.objectContaining({ id: ticket!.id, status: 'available', short_code: null }),
    ])
    // A full list leaves it out.
    expect((await doorList(0)).tickets).toEqual([])
  })

  it('does not send a ticket again for a write that changed nothing a door answers from', async () => {
    const [ticket] = await sell(1)
    const start = await doorList()
    t.sqlite.prepare("UPDATE ticket SET email_status = 'delivered' WHERE id = ?").run(ticket!.id)
    t.sqlite.prepare('UPDATE ticket SET status = status, inside = inside WHERE id = ?').run(ticket!.id)
    expect((await doorList(start.version)).tickets).toEqual([])
  })

  it('keeps other events out, in versions from one counter for the whole database', async () => {
    const [ours] = await sell(1)
    const other = await seededEvent(t, 5, { name: 'Blues Night' })
    const sale = await http.assign({
      event_id: other.eventId,
      customer: { name: 'Cy', email: 'cy@example.com' },
    })
    const otherList = await doorList(0, other.eventId)
    expect(otherList.tickets.map((x) => x.id)).toEqual([sale.tickets[0]!.id])
    expect((await doorList(0)).tickets.map((x) => x.id)).toEqual([ours!.id])
    expect(otherList.version).toBeGreaterThan(
      count(t.sqlite, 'SELECT door_version FROM ticket WHERE id = ?', ours!.id),
    )
  })

  it('refuses a since that is not a whole number >= 0 with 400 VALIDATION, changing nothing', async () => {
    const before = fingerprint(t.sqlite)
    for (const since of ['-1', '1.5', 'abc', '', '1e3', '99999999999999999999']) {
      const answer = await t.request('GET', `/api/v1/events/${eventId}/door-list?since=${since}`, {
        token: doorToken,
      })
      expect(answer.status, since).toBe(400)
      expect(answer.body).toMatchObject({ code: 'VALIDATION', error: expect.stringContaining('since') })
    }
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('answers 404 for an event that does not exist', async () => {
    const answer = await t.request('GET', '/api/v1/events/999/door-list', { token: doorToken })
    expect(answer.status).toBe(404)
    expect(answer.body).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('a door list longer than a page', () => {
  beforeEach(async () => {
    ;({ eventId } = await seededEvent(t, 5003, { name: 'Big Night', capacity: 6000, code_length: 4 }))
    // 5,003 tickets in 51 sales: the host sells up to 100 at once.
    for (let sold = 0; sold < 5003; sold += 100) await sell(Math.min(100, 5003 - sold))
  }, 120_000)

  it('comes in pages of 5,000 in door-version order, until complete', async () => {
    const first = await doorList()
    expect(first.tickets).toHaveLength(5000)
    expect(first.complete).toBe(false)
    const version = t.sqlite.prepare('SELECT door_version FROM ticket WHERE id = ?').pluck()
    const versions = first.tickets.map((x) => version.get(x.id) as number)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(first.version).toBe(versions.at(-1))
    const second = await doorList(first.version)
    expect(second.tickets).toHaveLength(3)
    expect(second.complete).toBe(true)
    const ids = new Set([...first.tickets, ...second.tickets].map((x) => x.id))
    expect(ids.size).toBe(5003)
    expect(
      count(t.sqlite, "SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'assigned'", eventId),
    ).toBe(5003)
    // A change while the door pages through comes in a later page, never lost.
    const [late] = first.tickets
    expect((await http.checkIn({ event_id: eventId, code: late!.short_code! }, doorToken)).status).toBe(200)
    const third = await doorList(second.version)
    expect(third.tickets.map((x) => [x.id, x.status])).toEqual([[late!.id, 'checked_in']])
  })
})
