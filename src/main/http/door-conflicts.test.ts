// The organizer's view of offline doors over HTTP (SPEC §5.2, §5.3): door conflicts with every
// admission, their count on the door counters, and the check-in log as a spreadsheet.
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DoorConflicts, DoorCounts, TicketView } from '../../shared/views'
import { api, seededEvent, startTestHost, type HttpAnswer, type TestHost } from '../../../test/support/host'

let t: TestHost
let http: ReturnType<typeof api>
let door1: string
let door2: string
let eventId: number

beforeEach(async () => {
  t = await startTestHost()
  http = api(t)
  ;({ eventId } = await seededEvent(t, 20))
  door1 = (await http.createStation({ name: 'Door 1', role: 'door' })).token
  door2 = (await http.createStation({ name: 'Door 2', role: 'door' })).token
})
afterEach(() => t.dispose())

async function sell(name = 'Ada Lovelace'): Promise<TicketView> {
  const sale = await http.assign({ event_id: eventId, customer: { name, email: 'ada@example.com' } })
  return sale.tickets[0]!
}

let nonces = 0
async function uploadAdmission(code: string, scannedAt: string, token: string) {
  const nonce = `offline-${String(++nonces).padStart(6, '0')}`
  const checkins = [
    { event_id: eventId, code, nonce, scanned_at: scannedAt, direction: 'in', offline_result: 'OK' },
  ]
  await t.ok('POST', '/api/v1/checkins/upload', { checkins }, 200, token)
}

function conflicts(token?: string) {
  return t.ok<DoorConflicts>(
    'GET',
    `/api/v1/reports/door-conflicts?event_id=${eventId}`,
    undefined,
    200,
    token,
  )
}

function rowsOf(csv: HttpAnswer): string[][] {
  return Papa.parse<string[]>(csv.text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data
}

function expectSpreadsheet(csv: HttpAnswer, filename: RegExp) {
  expect(csv.status).toBe(200)
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  expect(csv.headers.get('content-disposition')).toMatch(filename)
  expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(csv.text.endsWith('\r\n')).toBe(true)
  expect(csv.text).not.toMatch(/[^\r]\n|\r(?!\n)/)
}

describe('GET /api/v1/reports/door-conflicts', () => {
  it('lists a ticket two offline doors let in, with both admissions and the one that counted marked', async () => {
    const ticket = await sell()
    const alone = await sell('Bob Example')
    await uploadAdmission(ticket.short_code!, '2026-12-01T20:10:00.000Z', door1)
    await uploadAdmission(ticket.short_code!, '2026-12-01T20:04:00.000Z', door2)
    await uploadAdmission(alone.short_code!, '2026-12-01T20:06:00.000Z', door2)
    const report = await conflicts()
    expect(report).toEqual({
      event_id: eventId,
      tickets: [
        {
          ticket_id: ticket.id,
          short_code: ticket.short_code,
          holder_name: 'Ada Lovelace',
          ticket_type_name: 'Standard',
          admissions: [
            {
              checkin_id: expect.any(Number),
              station: 'Door 2',
              scanned_at: '2026-12-01T20:04:00.000Z',
              uploaded_at: expect.any(String),
              offline: true,
              result: 'DUPLICATE',
              first: false,
            },
            {
              checkin_id: expect.any(Number),
              station: 'Door 1',
              scanned_at: '2026-12-01T20:10:00.000Z',
              uploaded_at: expect.any(String),
              offline: true,
              result: 'OK',
              first: true,
            },
          ],
        },
      ],
    })
    expect(JSON.stringify(report)).not.toContain(ticket.uuid)
  })

  it('lists an online admission beside the offline one, and a code the host does not know', async () => {
    const ticket = await sell()
    expect((await http.checkIn({ event_id: eventId, code: ticket.short_code! }, door1)).status).toBe(200)
    await uploadAdmission(ticket.short_code!, '2026-12-01T19:59:00.000Z', door2)
    await uploadAdmission('999', '2026-12-01T20:01:00.000Z', door2)
    const report = await conflicts()
    expect(
      report.tickets.map((x) => [x.short_code, x.admissions.map((a) => [a.station, a.offline, a.first])]),
    ).toEqual([
      [
        ticket.short_code,
        [
          ['Door 2', true, false],
          ['Door 1', false, true],
        ],
      ],
      ['999', [['Door 2', true, false]]],
    ])
    expect(report.tickets[1]).toMatchObject({ ticket_id: null, holder_name: null })
    const counts = await t.ok<DoorCounts>(
      'GET',
      `/api/v1/reports/door-counts?event_id=${eventId}`,
      undefined,
      200,
      door1,
    )
    expect(counts.door_conflicts).toBe(2)
  })

  it('is empty on a night without offline doors, even with duplicates and a re-admission after an undo', async () => {
    const ticket = await sell()
    await http.checkIn({ event_id: eventId, code: ticket.short_code! }, door1)
    await http.checkIn({ event_id: eventId, code: ticket.short_code! }, door2)
    await t.ok('POST', `/api/v1/tickets/${ticket.id}/undo-checkin`, { reason: 'wrong guest' })
    await http.checkIn({ event_id: eventId, code: ticket.short_code! }, door1)
    expect((await conflicts()).tickets).toEqual([])
  })

  it('is for the box office and the organizer: a door station gets 403', async () => {
    const boxOffice = (await http.createStation({ name: 'Box office 2', role: 'boxoffice' })).token
    expect((await conflicts(boxOffice)).tickets).toEqual([])
    for (const path of ['door-conflicts', 'door-conflicts.csv', 'checkins.csv']) {
      const answer = await t.request('GET', `/api/v1/reports/${path}?event_id=${eventId}`, { token: door1 })
      expect(answer.status, path).toBe(403)
    }
  })

  it('answers 404 for an event that does not exist and 400 for a bad event id', async () => {
    for (const path of ['door-conflicts', 'door-conflicts.csv', 'checkins.csv']) {
      expect((await t.request('GET', `/api/v1/reports/${path}?event_id=4242`)).status).toBe(404)
      expect((await t.request('GET', `/api/v1/reports/${path}?event_id=x`)).status).toBe(400)
    }
  })
})

describe('GET /api/v1/reports/door-conflicts.csv', () => {
  it('has one Excel-safe line per admission', async () => {
    const ticket = await sell('=HYPERLINK("http://evil.example","x")')
    await uploadAdmission(ticket.short_code!, '2026-12-01T20:10:00.000Z', door1)
    await uploadAdmission(ticket.short_code!, '2026-12-01T20:04:00.000Z', door2)
    const csv = await t.request('GET', `/api/v1/reports/door-conflicts.csv?event_id=${eventId}`)
    expectSpreadsheet(csv, /^attachment; filename="door-conflicts-jazz-night-\d{4}-\d\d-\d\d\.csv"$/)
    const [header, ...rows] = rowsOf(csv)
    expect(header).toEqual([
      'code',
      'holder',
      'ticket_type',
      'station',
      'scanned_at',
      'uploaded_at',
      'offline',
      'result',
      'first',
    ])
    expect(rows.map((r) => [r[0], r[1], r[3], r[4], r[6], r[7], r[8]])).toEqual([
      [
        ticket.short_code,
        `'=HYPERLINK("http://evil.example","x")`,
        'Door 2',
        '2026-12-01T20:04:00.000Z',
        'offline',
        'DUPLICATE',
        'no',
      ],
      [
        ticket.short_code,
        `'=HYPERLINK("http://evil.example","x")`,
        'Door 1',
        '2026-12-01T20:10:00.000Z',
        'offline',
        'OK',
        'yes',
      ],
    ])
  })
})

describe('GET /api/v1/reports/checkins.csv', () => {
  it('lists every attempt in scan order, online and uploaded, never a scanned uuid', async () => {
    const ada = await sell()
    const bob = await sell('Bob Example')
    await http.checkIn({ event_id: eventId, code: ada.uuid }, door1)
    await http.checkIn({ event_id: eventId, code: '=1+1' }, door1)
    await uploadAdmission(bob.short_code!, '2026-12-01T20:04:00.000Z', door2)
    await uploadAdmission(ada.short_code!, '2026-12-01T20:05:00.000Z', door2)
    const csv = await t.request('GET', `/api/v1/reports/checkins.csv?event_id=${eventId}`)
    expectSpreadsheet(csv, /^attachment; filename="checkins-jazz-night-\d{4}-\d\d-\d\d\.csv"$/)
    expect(csv.text).not.toContain(ada.uuid)
    const [header, ...rows] = rowsOf(csv)
    expect(header).toEqual([
      'scanned_at',
      'uploaded_at',
      'station',
      'operator',
      'code',
      'direction',
      'result',
      'offline',
      'conflict',
      'ticket_type',
    ])
    // The uploads were scanned last night, before the online check-ins of today.
    expect(rows.map((r) => [r[2], r[4], r[5], r[6], r[7], r[8], r[9]])).toEqual([
      ['Door 2', bob.short_code, 'in', 'OK', 'yes', 'no', 'Standard'],
      ['Door 2', ada.short_code, 'in', 'DUPLICATE', 'yes', 'yes', 'Standard'],
      ['Door 1', `${ada.short_code} (scanned)`, 'in', 'OK', 'no', 'no', 'Standard'],
      ['Door 1', "'=1+1", 'in', 'UNKNOWN', 'no', 'no', ''],
    ])
    expect(rows[0]![0]).toBe('2026-12-01T20:04:00.000Z')
    expect(rows[2]![0]).toBe(rows[2]![1])
  })
})
