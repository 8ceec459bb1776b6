// Check-ins a door made offline, uploaded over HTTP (SPEC §5.2, DOOR-CONTRACT): each nonce
// counts once, an admission made offline always counts, and clashes are kept as door conflicts.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import type { OutputOf } from '../../shared/contract'
import type { ErrorEnvelope } from '../../shared/errors'
import type { LiveChange } from '../../shared/live'
import type { OfflineResult, TicketView, UploadResult } from '../../shared/views'
import {
  api,
  count,
  fingerprint,
  seededEvent,
  startTestHost,
  type TestHost,
} from '../../../test/support/host'

let t: TestHost
let http: ReturnType<typeof api>
let door1: string
let door2: string
let eventId: number

beforeEach(async () => {
  t = await startTestHost()
  http = api(t)
  ;({ eventId } = await seededEvent(t, 50))
  door1 = (await http.createStation({ name: 'Door 1', role: 'door' })).token
  door2 = (await http.createStation({ name: 'Door 2', role: 'door' })).token
})
afterEach(() => t.dispose())

interface Entry {
  event_id?: number
  code: string
  nonce: string
  scanned_at?: string
  direction?: 'in' | 'out'
  offline_result?: OfflineResult
}

let nonces = 0
/** An offline admission of `code`, scanned a few minutes ago, unless told otherwise. */
function entry(code: string, extra: Partial<Entry> = {}): Required<Entry> {
  return {
    event_id: eventId,
    code,
    nonce: `offline-${String(++nonces).padStart(6, '0')}`,
    scanned_at: new Date(Date.now() - 10 * 60_000).toISOString(),
    direction: 'in',
    offline_result: 'OK',
    ...extra,
  }
}

function upload(checkins: unknown[], token = door1) {
  return t.request<UploadResult & ErrorEnvelope>('POST', '/api/v1/checkins/upload', {
    json: { checkins },
    token,
  })
}

async function uploaded(checkins: unknown[], token = door1): Promise<UploadResult['results']> {
  const answer = await upload(checkins, token)
  expect(answer.status, answer.text).toBe(200)
  return answer.body.results
}

async function sell(quantity = 1, event = eventId): Promise<TicketView[]> {
  const sale = await http.assign({
    event_id: event,
    customer: { name: 'Ann Example', email: 'ann@example.com' },
    quantity,
  })
  return sale.tickets
}

function ticketRow(id: number) {
  return t.sqlite.prepare('SELECT * FROM ticket WHERE id = ?').get(id) as Record<string, unknown>
}

function checkinRows(ticketId: number) {
  return t.sqlite.prepare('SELECT * FROM checkin WHERE ticket_id = ? ORDER BY id').all(ticketId) as Array<
    Record<string, unknown>
  >
}

/** Everything the live stream tells the stations from now on, as the hub hands it to them. */
function listen(): LiveChange[] {
  const heard: LiveChange[] = []
  const stop = t.host.core.live.onChanges((changes) => heard.push(...changes))
  onTestFinished(stop)
  return heard
}

function doorCounts() {
  return t.ok<OutputOf<'doorCounts'>>('GET', `/api/v1/reports/door-counts?event_id=${eventId}`)
}

describe('POST /api/v1/checkins/upload', () => {
  it('admits an assigned ticket as of when the door scanned it, by the station that uploads', async () => {
    const [ticket] = await sell()
    const scannedAt = '2026-12-01T20:05:07.250Z'
    const before = Date.now()
    const results = await uploaded([
      entry(ticket!.short_code!, { nonce: 'door1-0001', scanned_at: scannedAt }),
    ])
    expect(results).toEqual([{ nonce: 'door1-0001', result: 'OK', conflict: false }])
    expect(ticketRow(ticket!.id)).toMatchObject({
      status: 'checked_in',
      inside: 1,
      checked_in_at: scannedAt,
      checked_in_by: 'Door 1',
    })
    const [row] = checkinRows(ticket!.id)
    expect(row).toMatchObject({
      result: 'OK',
      offline: 1,
      conflict: 0,
      scanned_at: scannedAt,
      station: 'Door 1',
    })
    expect(Date.parse(row!.uploaded_at as string)).toBeGreaterThanOrEqual(before - 1000)
    expect(row!.uploaded_at).toBe(row!.at)
    expect((await doorCounts()).totals).toMatchObject({ checked_in: 1, inside_now: 1 })
  })

  it('keeps a scan time given with an offset as the same moment in UTC', async () => {
    const [ticket] = await sell()
    await uploaded([entry(ticket!.short_code!, { scanned_at: '2026-12-01T21:05:00+01:00' })])
    expect(ticketRow(ticket!.id).checked_in_at).toBe('2026-12-01T20:05:00.000Z')
  })

  it('answers a nonce sent again from what was stored, and never counts it twice', async () => {
    const [a, b] = await sell(2)
    const first = entry(a!.short_code!)
    const results = await uploaded([first, entry(b!.short_code!), first])
    expect(results.map((r) => [r.result, r.conflict])).toEqual([
      ['OK', false],
      ['OK', false],
      ['OK', false],
    ])
    // The door lost the answer and sends the whole batch again.
    const again = await uploaded([first, entry(b!.short_code!, { nonce: results[1]!.nonce })])
    expect(again).toEqual(results.slice(0, 2))
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin')).toBe(2)
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin WHERE conflict = 1')).toBe(0)
    expect((await doorCounts()).totals.checked_in).toBe(2)
  })

  it('answers a nonce an online check-in used from that check-in', async () => {
    const [ticket] = await sell()
    const online = await http.checkIn(
      { event_id: eventId, code: ticket!.short_code!, nonce: 'door1-0042' },
      door1,
    )
    expect(online.status).toBe(200)
    const results = await uploaded([entry(ticket!.short_code!, { nonce: 'door1-0042' })])
    expect(results).toEqual([{ nonce: 'door1-0042', result: 'OK', conflict: false }])
    expect(checkinRows(ticket!.id)).toHaveLength(1)
  })

  it('refuses the whole upload when a nonce was used for another code, storing nothing of it', async () => {
    const [a, b, c] = await sell(3)
    await uploaded([entry(a!.short_code!, { nonce: 'door1-0007' })])
    const before = fingerprint(t.sqlite)
    const answer = await upload([entry(b!.short_code!), entry(c!.short_code!, { nonce: 'door1-0007' })])
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'checkins.1.nonce', message: expect.stringContaining('different') }],
    })
    expect(fingerprint(t.sqlite)).toEqual(before)
    expect(ticketRow(b!.id).status).toBe('assigned')
  })

  it('keeps both admissions when two offline doors let one ticket in: the first stays the check-in', async () => {
    const [ticket] = await sell()
    const code = ticket!.short_code!
    await uploaded([entry(code, { scanned_at: '2026-12-01T20:10:00.000Z' })], door1)
    const second = await uploaded([entry(code, { scanned_at: '2026-12-01T20:04:00.000Z' })], door2)
    expect(second).toEqual([expect.objectContaining({ result: 'DUPLICATE', conflict: true })])
    expect(ticketRow(ticket!.id)).toMatchObject({
      status: 'checked_in',
      checked_in_at: '2026-12-01T20:10:00.000Z',
      checked_in_by: 'Door 1',
    })
    const rows = checkinRows(ticket!.id)
    expect(rows.map((r) => [r.station, r.result, r.offline, r.conflict, r.scanned_at])).toEqual([
      ['Door 1', 'OK', 1, 0, '2026-12-01T20:10:00.000Z'],
      ['Door 2', 'DUPLICATE', 1, 1, '2026-12-01T20:04:00.000Z'],
    ])
    expect((await doorCounts()).door_conflicts).toBe(1)
    expect((await doorCounts()).totals.checked_in).toBe(1)
  })

  it('marks an offline admission of a ticket let in online as a conflict, and the reverse is a plain DUPLICATE', async () => {
    const [early, late] = await sell(2)
    expect((await http.checkIn({ event_id: eventId, code: early!.short_code! }, door1)).status).toBe(200)
    const firstAt = ticketRow(early!.id).checked_in_at
    const results = await uploaded([entry(early!.short_code!)], door2)
    expect(results).toEqual([expect.objectContaining({ result: 'DUPLICATE', conflict: true })])
    expect(ticketRow(early!.id)).toMatchObject({ checked_in_at: firstAt, checked_in_by: 'Door 1' })

    // Let in offline first: the door that is online is told it is a duplicate, as always.
    await uploaded([entry(late!.short_code!)], door2)
    const online = await http.checkIn({ event_id: eventId, code: late!.short_code! }, door1)
    expect(online.status).toBe(409)
    expect(online.body).toMatchObject({ code: 'DUPLICATE', details: { first_station: 'Door 2' } })
    expect((await doorCounts()).door_conflicts).toBe(1)
  })

  it('keeps an offline admission of a voided or unknown code as a conflict, changing no ticket', async () => {
    const [ticket] = await sell()
    t.sqlite.prepare("UPDATE ticket SET status = 'void' WHERE id = ?").run(ticket!.id)
    const results = await uploaded([entry(ticket!.short_code!), entry('999')])
    expect(results.map((r) => [r.result, r.conflict])).toEqual([
      ['VOID', true],
      ['UNKNOWN', true],
    ])
    expect(ticketRow(ticket!.id).status).toBe('void')
    expect((await doorCounts()).door_conflicts).toBe(2)
  })

  it('logs what the door refused offline as it answered, leaving the ticket as it is', async () => {
    const [ticket] = await sell()
    const refusals: OfflineResult[] = ['DUPLICATE', 'UNKNOWN', 'VOID', 'NOT_ASSIGNED', 'WRONG_EVENT']
    const results = await uploaded(refusals.map((r) => entry(ticket!.short_code!, { offline_result: r })))
    expect(results.map((r) => [r.result, r.conflict])).toEqual(refusals.map((r) => [r, false]))
    expect(ticketRow(ticket!.id)).toMatchObject({ status: 'assigned', inside: 0, checked_in_at: null })
    expect(checkinRows(ticket!.id).map((r) => r.result)).toEqual(refusals)
    expect((await doorCounts()).door_conflicts).toBe(0)
  })

  it('admits a scanned ticket uuid too, and never tells the live stream the uuid', async () => {
    const [ticket] = await sell()
    const heard = listen()
    const results = await uploaded([entry(ticket!.uuid.toUpperCase())])
    expect(results).toEqual([expect.objectContaining({ result: 'OK', conflict: false })])
    expect(ticketRow(ticket!.id).status).toBe('checked_in')
    await expect.poll(() => heard.filter((c) => c.type === 'checkin').length).toBe(1)
    expect(heard.find((c) => c.type === 'checkin')!.data).toMatchObject({
      code: ticket!.short_code,
      scanned: true,
    })
    expect(JSON.stringify(heard).toLowerCase()).not.toContain(ticket!.uuid)
  })

  it('runs a batch in scan order: in, out and in again at a re-entry event', async () => {
    const reentry = await seededEvent(t, 5, { name: 'Late Show', allow_reentry: true })
    const [ticket] = await sell(1, reentry.eventId)
    const code = ticket!.short_code!
    const at = (m: number) => `2026-12-01T21:0${m}:00.000Z`
    const results = await uploaded([
      entry(code, { event_id: reentry.eventId, scanned_at: at(1) }),
      entry(code, { event_id: reentry.eventId, scanned_at: at(2), direction: 'out' }),
      entry(code, { event_id: reentry.eventId, scanned_at: at(3) }),
      entry(code, { event_id: reentry.eventId, scanned_at: at(4), direction: 'out' }),
    ])
    expect(results.map((r) => [r.result, r.conflict])).toEqual([
      ['OK', false],
      ['OK', false],
      ['OK', false],
      ['OK', false],
    ])
    expect(ticketRow(ticket!.id)).toMatchObject({ status: 'checked_in', inside: 0, checked_in_at: at(1) })
    expect(checkinRows(ticket!.id).map((r) => [r.direction, r.scanned_at])).toEqual([
      ['in', at(1)],
      ['out', at(2)],
      ['in', at(3)],
      ['out', at(4)],
    ])
  })

  it('tells the live stream of every stored row as it tells of online check-ins, and moves the counts', async () => {
    const [a, b] = await sell(2)
    const heard = listen()
    await uploaded([
      entry(a!.short_code!),
      entry('998', { offline_result: 'UNKNOWN' }),
      entry(b!.short_code!),
    ])
    await expect.poll(() => heard.filter((c) => c.type === 'checkin').length).toBe(3)
    expect(heard.filter((c) => c.type === 'checkin').map((c) => c.data)).toEqual([
      expect.objectContaining({ code: a!.short_code, result: 'OK', station: 'Door 1', offline: true }),
      expect.objectContaining({ code: '998', result: 'UNKNOWN', offline: true, conflict: false }),
      expect.objectContaining({ code: b!.short_code, result: 'OK', ticket_id: b!.id }),
    ])
    await expect.poll(() => heard.filter((c) => c.type === 'counts').length).toBeGreaterThan(0)
    const counts = heard.find((c) => c.type === 'counts')!.data
    expect(counts).toMatchObject({ totals: { checked_in: 2 }, door_conflicts: 0 })
  })

  it('never holds a door up for the misses it uploads, but warns of them', async () => {
    const [ticket] = await sell()
    const misses = ['901', '902', '903', '904', '905', '906', '907'].map((code) =>
      entry(code, { offline_result: 'UNKNOWN' }),
    )
    await uploaded(misses, door2)
    const online = await http.checkIn({ event_id: eventId, code: ticket!.short_code! }, door2)
    expect(online.status).toBe(200)
    expect((await doorCounts()).guessing).toEqual([expect.objectContaining({ station: 'Door 2', misses: 7 })])
  })

  it('takes a batch of 500 at once', async () => {
    ;({ eventId } = await seededEvent(t, 600, { name: 'Big Night', capacity: 5000, code_length: 4 }))
    const tickets: TicketView[] = []
    for (let sold = 0; sold < 500; sold += 100) tickets.push(...(await sell(100)))
    const results = await uploaded(tickets.map((x) => entry(x.short_code!)))
    expect(results).toHaveLength(500)
    expect(results.every((r) => r.result === 'OK' && !r.conflict)).toBe(true)
    expect((await doorCounts()).totals.checked_in).toBe(500)
  }, 60_000)

  it('takes 2,000 check-ins in 4 batches, each counted once even when a batch is sent twice', async () => {
    ;({ eventId } = await seededEvent(t, 2000, { name: 'Big Night', capacity: 5000, code_length: 4 }))
    const tickets: TicketView[] = []
    for (let sold = 0; sold < 2000; sold += 100) tickets.push(...(await sell(100)))
    const entries = tickets.map((x) => entry(x.short_code!))
    for (let batch = 0; batch < 4; batch++) {
      const results = await uploaded(entries.slice(batch * 500, batch * 500 + 500))
      expect(results.map((r) => r.nonce)).toEqual(
        entries.slice(batch * 500, batch * 500 + 500).map((e) => e.nonce),
      )
    }
    await uploaded(entries.slice(1000, 1500))
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin WHERE event_id = ? AND offline = 1', eventId)).toBe(
      2000,
    )
    expect((await doorCounts()).totals).toMatchObject({ checked_in: 2000, inside_now: 2000 })
  }, 120_000)
})

describe('an upload with bad input', () => {
  const now = () => Date.now()
  const cases: Array<[string, (code: string) => unknown]> = [
    ['no check-ins', () => ({ checkins: [] })],
    ['501 check-ins', (code) => ({ checkins: Array.from({ length: 501 }, () => entry(code)) })],
    ['a short nonce', (code) => ({ checkins: [entry(code, { nonce: 'short' })] })],
    ['no nonce', (code) => ({ checkins: [{ ...entry(code), nonce: undefined }] })],
    [
      'a scan time without a zone',
      (code) => ({ checkins: [entry(code, { scanned_at: '2026-12-01T20:00:00' })] }),
    ],
    [
      'a scan time 10 minutes ahead of the host',
      (code) => ({
        checkins: [entry(code), entry(code, { scanned_at: new Date(now() + 600_000).toISOString() })],
      }),
    ],
    [
      'a result the door cannot have shown',
      (code) => ({ checkins: [entry(code, { offline_result: 'THROTTLED' as OfflineResult })] }),
    ],
    [
      'a direction that is not in or out',
      (code) => ({ checkins: [{ ...entry(code), direction: 'sideways' }] }),
    ],
    ['an unknown field', (code) => ({ checkins: [{ ...entry(code), station: 'Door 9' }] })],
    ['a list instead of an object', (code) => [entry(code)]],
  ]

  it.each(cases)('%s is 400 VALIDATION and changes nothing', async (_name, body) => {
    const [ticket] = await sell()
    const before = fingerprint(t.sqlite)
    const answer = await t.request<ErrorEnvelope>('POST', '/api/v1/checkins/upload', {
      json: body(ticket!.short_code!),
      token: door1,
    })
    expect(answer.status, answer.text).toBe(400)
    expect(answer.body.code).toBe('VALIDATION')
    expect(fingerprint(t.sqlite)).toEqual(before)
    expect(t.loggedErrors).toEqual([])
  })

  it('a scan a few minutes ahead of the host’s clock is taken', async () => {
    const [ticket] = await sell()
    const ahead = new Date(Date.now() + 3 * 60_000).toISOString()
    expect(await uploaded([entry(ticket!.short_code!, { scanned_at: ahead })])).toEqual([
      expect.objectContaining({ result: 'OK' }),
    ])
  })

  it('an event that does not exist is 404 and stores nothing', async () => {
    const [ticket] = await sell()
    const before = fingerprint(t.sqlite)
    const answer = await upload([entry(ticket!.short_code!), entry('123', { event_id: 999 })])
    expect(answer.status).toBe(404)
    expect(fingerprint(t.sqlite)).toEqual(before)
  })
})

describe('POST /api/v1/tickets/{id}/undo-checkin with a nonce', () => {
  it('undoes once: the same nonce again answers the same and leaves the ticket as it is now', async () => {
    const [ticket] = await sell()
    const code = ticket!.short_code!
    const undo = (nonce: string, id = ticket!.id) =>
      t.request('POST', `/api/v1/tickets/${id}/undo-checkin`, {
        json: { reason: 'let in by mistake', nonce },
        token: door1,
      })
    expect((await http.checkIn({ event_id: eventId, code }, door1)).status).toBe(200)
    const first = await undo('undo-000001')
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ ticket_id: ticket!.id, status: 'assigned' })
    expect((await http.checkIn({ event_id: eventId, code }, door1)).status).toBe(200)

    const again = await undo('undo-000001')
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(ticketRow(ticket!.id).status).toBe('checked_in')
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin_undo WHERE ticket_id = ?', ticket!.id)).toBe(1)

    // A new nonce undoes again; one undone already for another ticket is refused.
    expect((await undo('undo-000002')).status).toBe(200)
    const [other] = await sell()
    const before = fingerprint(t.sqlite)
    const reused = await undo('undo-000002', other!.id)
    expect(reused.status).toBe(400)
    expect(reused.body).toMatchObject({ code: 'VALIDATION', details: [{ path: 'nonce' }] })
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('answers 409 CONFLICT for a ticket no longer checked in, as without a nonce', async () => {
    const [ticket] = await sell()
    const answer = await t.request('POST', `/api/v1/tickets/${ticket!.id}/undo-checkin`, {
      json: { reason: 'queued offline', nonce: 'undo-000003' },
      token: door1,
    })
    expect(answer.status).toBe(409)
    expect(answer.body).toMatchObject({ code: 'CONFLICT' })
  })

  it('refuses a nonce shorter than 8 characters', async () => {
    const [ticket] = await sell()
    const answer = await t.request('POST', `/api/v1/tickets/${ticket!.id}/undo-checkin`, {
      json: { reason: 'oops', nonce: 'short' },
      token: door1,
    })
    expect(answer.status).toBe(400)
  })
})
