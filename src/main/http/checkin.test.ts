// The door over HTTP (SPEC §4-5): every answer of POST /api/v1/checkin, its HTTP
// status from ERROR_STATUS, races between stations, and retried nonces.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ERROR_STATUS, type ErrorEnvelope } from '../../shared/errors'
import type { CheckInAnswer, TicketView } from '../../shared/views'
import {
  ADMIN_TOKEN,
  api,
  count,
  fingerprint,
  seededEvent,
  startTestHost,
  type HttpAnswer,
  type TestHost,
} from '../../../test/support/host'

type DoorAnswer = HttpAnswer<CheckInAnswer & ErrorEnvelope & { details: CheckInAnswer }>

let t: TestHost
let http: ReturnType<typeof api>
let doorToken: string
let eventId: number

beforeEach(async () => {
  t = await startTestHost()
  http = api(t)
  ;({ eventId } = await seededEvent(t, 50))
  doorToken = (await http.createStation({ name: 'Door 1', role: 'door' })).token
})
afterEach(() => t.dispose())

async function sellOne(event = eventId, name = 'Ann Example'): Promise<TicketView> {
  const sale = await http.assign({ event_id: event, customer: { name, email: 'ann@example.com' } })
  return sale.tickets[0]!
}

function checkIn(code: string, extra: { nonce?: string; event_id?: number } = {}, token = doorToken) {
  return t.request('POST', '/api/v1/checkin', {
    json: { event_id: eventId, code, ...extra },
    token,
  }) as Promise<DoorAnswer>
}

function ticketRow(id: number) {
  return t.sqlite.prepare('SELECT * FROM ticket WHERE id = ?').get(id)
}

/** A refusal is the error envelope with the status ERROR_STATUS gives its code. */
function expectRefusal(answer: DoorAnswer, code: keyof typeof ERROR_STATUS) {
  expect(answer.body.code).toBe(code)
  expect(answer.status).toBe(ERROR_STATUS[code])
  expect(answer.body.error).toBeTypeOf('string')
  expect(answer.body.error.length).toBeGreaterThan(0)
}

/** A 3-digit code no ticket of any event holds. */
function unusedCode(): string {
  const used = new Set(
    t.sqlite.prepare('SELECT short_code FROM ticket WHERE short_code IS NOT NULL').pluck().all() as string[],
  )
  for (let value = 0; ; value++) {
    const code = String(value).padStart(3, '0')
    if (!used.has(code)) return code
  }
}

describe('POST /api/v1/checkin answers', () => {
  it('OK (200) for a first check-in, setting checked_in_at and the station on the ticket', async () => {
    const ticket = await sellOne()
    const answer = await checkIn(ticket.short_code!)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      result: 'OK',
      direction: 'in',
      ticket: {
        id: ticket.id,
        short_code: ticket.short_code,
        holder_name: 'Ann Example',
        status: 'checked_in',
      },
    })
    expect(answer.body.ticket?.ticket_type_name).toBe('Standard')
    expect(ticketRow(ticket.id)).toMatchObject({
      status: 'checked_in',
      checked_in_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      checked_in_by: 'Door 1',
      inside: 1,
    })
  })

  it('DUPLICATE (409) for a second check-in, naming the first time and station, with no state change', async () => {
    const ticket = await sellOne()
    expect((await checkIn(ticket.short_code!)).status).toBe(200)
    const first = ticketRow(ticket.id) as { checked_in_at: string }

    const admin = await checkIn(ticket.short_code!, {}, ADMIN_TOKEN)
    expectRefusal(admin, 'DUPLICATE')
    expect(admin.body.details).toMatchObject({
      result: 'DUPLICATE',
      first_checked_in_at: first.checked_in_at,
      first_station: 'Door 1',
      ticket: null,
    })
    expect(admin.body.error).toContain('Door 1')
    expect(admin.text).not.toContain('Ann Example')
    expect(admin.text).not.toContain(ticket.uuid)
    expect(ticketRow(ticket.id)).toEqual(first)
    expect(
      count(t.sqlite, "SELECT count(*) FROM checkin WHERE ticket_id = ? AND result = 'OK'", ticket.id),
    ).toBe(1)
  })

  it('UNKNOWN (404) for a code no ticket of any event holds, and the attempt is logged', async () => {
    await sellOne()
    const code = unusedCode()
    const answer = await checkIn(code)
    expectRefusal(answer, 'UNKNOWN')
    expect(answer.body.error).toContain(code)
    expect(answer.body.details).toMatchObject({ result: 'UNKNOWN', ticket: null })
    expect(
      count(t.sqlite, "SELECT count(*) FROM checkin WHERE code_typed = ? AND result = 'UNKNOWN'", code),
    ).toBe(1)
  })

  it('UNKNOWN (404) for typed text that is no code of this event', async () => {
    const answer = await checkIn('not-a-code')
    expectRefusal(answer, 'UNKNOWN')
  })

  it('WRONG_EVENT (422) for a code or a uuid of another event, naming that event', async () => {
    const blues = await seededEvent(t, 10, { name: 'Blues Night', starts_at: '2026-12-02T20:00:00Z' })
    const sale = await http.assign({
      event_id: blues.eventId,
      customer: { name: 'Bo Diddley', email: 'bo@example.com' },
      quantity: 5,
    })
    await sellOne()
    const jazzCodes = new Set(
      t.sqlite.prepare('SELECT short_code FROM ticket WHERE event_id = ?').pluck().all(eventId) as string[],
    )
    const bluesTicket = sale.tickets.find((ticket) => !jazzCodes.has(ticket.short_code!))!

    for (const code of [bluesTicket.short_code!, bluesTicket.uuid, bluesTicket.uuid.toUpperCase()]) {
      const before = ticketRow(bluesTicket.id)
      const answer = await checkIn(code)
      expectRefusal(answer, 'WRONG_EVENT')
      expect(answer.body.error).toContain('Blues Night')
      expect(answer.body.details.other_event).toEqual({
        id: blues.eventId,
        name: 'Blues Night',
        starts_at: '2026-12-02T20:00:00.000Z',
      })
      expect(ticketRow(bluesTicket.id)).toEqual(before)
    }
  })

  it('VOID (409) for a voided ticket, by code and by uuid, which stays void', async () => {
    const ticket = await sellOne()
    // There is no void operation yet: void the ticket the way one would.
    t.sqlite.prepare("UPDATE ticket SET status = 'void' WHERE id = ?").run(ticket.id)
    for (const code of [ticket.short_code!, ticket.uuid]) {
      const answer = await checkIn(code)
      expectRefusal(answer, 'VOID')
      expect(answer.body.details).toMatchObject({ result: 'VOID', ticket: null })
      expect(answer.text).not.toContain('Ann Example')
    }
    expect(ticketRow(ticket.id)).toMatchObject({ status: 'void', checked_in_at: null })
  })

  it('NOT_ASSIGNED (409) for the scanned uuid of a ticket still available', async () => {
    const available = t.sqlite
      .prepare("SELECT id, uuid FROM ticket WHERE event_id = ? AND status = 'available' LIMIT 1")
      .get(eventId) as { id: number; uuid: string }
    const before = ticketRow(available.id)
    const answer = await checkIn(available.uuid)
    expectRefusal(answer, 'NOT_ASSIGNED')
    expect(answer.body.details).toMatchObject({ ticket: null })
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin WHERE ticket_id = ?', available.id)).toBe(1)
    expect(ticketRow(available.id)).toEqual(before)
  })

  it('NOT_FOUND (404) for an event that does not exist, logging nothing', async () => {
    const before = fingerprint(t.sqlite)
    const answer = await checkIn('123', { event_id: 9999 })
    expectRefusal(answer, 'NOT_FOUND')
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('THROTTLED (429, Retry-After) while a station that typed an unknown code waits', async () => {
    const guesser = (await http.createStation({ name: 'Door 2', role: 'door' })).token
    expectRefusal(await checkIn(unusedCode(), {}, guesser), 'UNKNOWN')
    const throttled = await checkIn(unusedCode(), {}, guesser)
    expectRefusal(throttled, 'THROTTLED')
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(throttled.body.details.retry_after_s).toBe(Number(throttled.headers.get('retry-after')))

    // Another station is not held up by the guesser.
    const ticket = await sellOne()
    expect((await checkIn(ticket.short_code!)).status).toBe(200)
  })
})

describe('simultaneous check-ins of one code', () => {
  it.each([2, 20])('exactly one of %i at once is OK, the rest DUPLICATE', async (stations) => {
    const ticket = await sellOne()
    const tokens = [doorToken, ADMIN_TOKEN]
    const answers = await Promise.all(
      Array.from({ length: stations }, (_, i) => checkIn(ticket.short_code!, {}, tokens[i % 2]!)),
    )
    const ok = answers.filter((answer) => answer.status === 200)
    expect(ok).toHaveLength(1)
    expect(ok[0]!.body.result).toBe('OK')
    const rest = answers.filter((answer) => answer.status !== 200)
    expect(rest.map((answer) => [answer.status, answer.body.code])).toEqual(
      Array(stations - 1).fill([409, 'DUPLICATE']),
    )
    expect(
      count(t.sqlite, "SELECT count(*) FROM checkin WHERE ticket_id = ? AND result = 'OK'", ticket.id),
    ).toBe(1)
    expect(
      count(t.sqlite, "SELECT count(*) FROM checkin WHERE ticket_id = ? AND result = 'DUPLICATE'", ticket.id),
    ).toBe(stations - 1)
    expect(ticketRow(ticket.id)).toMatchObject({ status: 'checked_in' })
  })
})

describe('check-in nonces', () => {
  it('the same nonce twice gets the same answer and counts one check-in', async () => {
    const ticket = await sellOne()
    const nonce = 'door1-0000000001'
    const first = await checkIn(ticket.short_code!, { nonce })
    const afterFirst = fingerprint(t.sqlite)
    const retry = await checkIn(ticket.short_code!, { nonce })
    expect(first.status).toBe(200)
    expect(retry.status).toBe(200)
    expect(retry.body).toEqual(first.body)
    expect(fingerprint(t.sqlite)).toEqual(afterFirst)
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin WHERE ticket_id = ?', ticket.id)).toBe(1)
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin WHERE nonce = ?', nonce)).toBe(1)
    expect((await http.reconciliation(eventId)).totals.checked_in).toBe(1)
  })

  it('a retried nonce sent at the same moment as the original still counts once', async () => {
    const ticket = await sellOne()
    const nonce = 'door1-0000000002'
    const answers = await Promise.all([1, 2, 3].map(() => checkIn(ticket.short_code!, { nonce })))
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(answers[1]!.body).toEqual(answers[0]!.body)
    expect(answers[2]!.body).toEqual(answers[0]!.body)
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin WHERE ticket_id = ?', ticket.id)).toBe(1)
  })

  it('a retried nonce of a refused check-in gets the same refusal again', async () => {
    const ticket = await sellOne()
    expect((await checkIn(ticket.short_code!)).status).toBe(200)
    const nonce = 'door1-0000000003'
    const first = await checkIn(ticket.short_code!, { nonce })
    const retry = await checkIn(ticket.short_code!, { nonce })
    expectRefusal(first, 'DUPLICATE')
    expect(retry.status).toBe(first.status)
    expect(retry.body).toEqual(first.body)
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin WHERE ticket_id = ?', ticket.id)).toBe(2)
  })

  it('the same nonce with a different code is 400 VALIDATION and changes nothing', async () => {
    const [one, two] = [await sellOne(), await sellOne(eventId, 'Bob Other')]
    const nonce = 'door1-0000000004'
    expect((await checkIn(one.short_code!, { nonce })).status).toBe(200)
    const before = fingerprint(t.sqlite)
    const reused = await checkIn(two.short_code!, { nonce })
    expectRefusal(reused, 'VALIDATION')
    expect(reused.body.error).toContain('nonce')
    expect(fingerprint(t.sqlite)).toEqual(before)
    expect(ticketRow(two.id)).toMatchObject({ status: 'assigned', checked_in_at: null })
  })
})
