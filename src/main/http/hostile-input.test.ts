// Bad input of any kind (SPEC §6): a 4xx with the error envelope, never a 5xx,
// and not one row changed anywhere in the database.
import { connect } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_STATUS, type ErrorCode } from '../../shared/errors'
import {
  api,
  fingerprint,
  seededEvent,
  startTestHost,
  type RequestOptions,
  type TestHost,
} from '../../../test/support/host'

interface Ids {
  eventId: number
  typeId: number
  otherTypeId: number
  ticketId: number
  code: string
}

interface HostileCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: (ids: Ids) => string
  request?: (ids: Ids) => RequestOptions
  code: ErrorCode
}

const raw =
  (body: string | Uint8Array<ArrayBuffer>, contentType = 'application/json') =>
  () => ({
    raw: body,
    headers: { 'content-type': contentType },
  })
const json = (body: (ids: Ids) => unknown) => (ids: Ids) => ({ json: body(ids) })

const EVENT = { name: 'Blues Night', starts_at: '2026-12-02T20:00:00Z', capacity: 100 }
const CUSTOMER = { name: 'Mallory', email: 'mallory@example.com' }
const events = () => '/api/v1/events'
const assign = () => '/api/v1/assign'
const checkin = () => '/api/v1/checkin'
const seed = (ids: Ids) => `/api/v1/events/${ids.eventId}/seed`
const tickets = (ids: Ids) => `/api/v1/events/${ids.eventId}/tickets`
const reconciliation = () => '/api/v1/reports/reconciliation'

const cases: Record<string, HostileCase> = {
  // The body is not JSON, or not a JSON object.
  'malformed JSON': {
    method: 'POST',
    path: events,
    request: raw('{"name": "Blues Night", '),
    code: 'VALIDATION',
  },
  'JSON with a comment': {
    method: 'POST',
    path: events,
    request: raw('{"capacity": 10 /* tickets */}'),
    code: 'VALIDATION',
  },
  'an empty JSON body': { method: 'POST', path: events, request: raw(''), code: 'VALIDATION' },
  'a JSON array body': { method: 'POST', path: events, request: json(() => [EVENT]), code: 'VALIDATION' },
  'a JSON string body': {
    method: 'POST',
    path: events,
    request: json(() => 'Blues Night'),
    code: 'VALIDATION',
  },
  'a JSON number body': { method: 'POST', path: assign, request: json(() => 42), code: 'VALIDATION' },
  'a JSON null body': { method: 'POST', path: checkin, request: raw('null'), code: 'VALIDATION' },
  'a JSON boolean body': { method: 'POST', path: seed, request: raw('true'), code: 'VALIDATION' },
  'bytes that are not UTF-8': {
    method: 'POST',
    path: events,
    request: raw(new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0xc3])),
    code: 'VALIDATION',
  },
  'JSON nested 20,000 levels deep': {
    method: 'POST',
    path: events,
    request: raw('['.repeat(20_000) + ']'.repeat(20_000)),
    code: 'VALIDATION',
  },
  'a body over 64 KiB': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, venue: 'x'.repeat(70 * 1024) })),
    code: 'PAYLOAD_TOO_LARGE',
  },
  'a 1 MiB body': {
    method: 'POST',
    path: assign,
    request: raw(`{"event_id": 1, "padding": "${'x'.repeat(1024 * 1024)}"}`),
    code: 'PAYLOAD_TOO_LARGE',
  },
  'a body over 64 KiB of another content type': {
    method: 'POST',
    path: events,
    request: raw('x'.repeat(70 * 1024), 'text/plain'),
    code: 'PAYLOAD_TOO_LARGE',
  },

  // The wrong content type.
  'an XML body': {
    method: 'POST',
    path: events,
    request: raw('<event name="x"/>', 'application/xml'),
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  'a form body': {
    method: 'POST',
    path: events,
    request: raw('name=Blues+Night&capacity=100', 'application/x-www-form-urlencoded'),
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  'a multipart body': {
    method: 'POST',
    path: events,
    request: raw('--x\r\n\r\nhi\r\n--x--', 'multipart/form-data; boundary=x'),
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  'JSON sent as text/plain': {
    method: 'POST',
    path: events,
    request: raw(JSON.stringify(EVENT), 'text/plain'),
    code: 'VALIDATION',
  },
  'a body with no content type': {
    method: 'POST',
    path: events,
    request: () => ({ raw: new TextEncoder().encode(JSON.stringify(EVENT)) }),
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },

  // Prototype pollution.
  'a __proto__ key': {
    method: 'POST',
    path: events,
    request: raw(`{"__proto__": {"role": "admin"}, ${JSON.stringify(EVENT).slice(1)}`),
    code: 'VALIDATION',
  },
  'a nested __proto__ key': {
    method: 'POST',
    path: assign,
    request: (ids) =>
      raw(
        `{"event_id": ${ids.eventId}, "customer": {"__proto__": {"email": "x@example.com"}, "name": "M"}}`,
      )(),
    code: 'VALIDATION',
  },
  'a constructor.prototype key': {
    method: 'POST',
    path: events,
    request: raw(`{"constructor": {"prototype": {"isAdmin": true}}, ${JSON.stringify(EVENT).slice(1)}`),
    code: 'VALIDATION',
  },

  // Wrong types and out-of-range values.
  'capacity as a string': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, capacity: '100' })),
    code: 'VALIDATION',
  },
  'capacity as a float': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, capacity: 10.5 })),
    code: 'VALIDATION',
  },
  'capacity of zero': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, capacity: 0 })),
    code: 'VALIDATION',
  },
  'capacity of 1e400 (Infinity)': {
    method: 'POST',
    path: events,
    request: raw('{"name": "x", "starts_at": "2026-12-02T20:00:00Z", "capacity": 1e400}'),
    code: 'VALIDATION',
  },
  'capacity beyond the code space': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, capacity: 1001 })),
    code: 'VALIDATION',
  },
  'code_length of 7': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, code_length: 7 })),
    code: 'VALIDATION',
  },
  'allow_reentry as "yes"': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, allow_reentry: 'yes' })),
    code: 'VALIDATION',
  },
  'a date that does not exist': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, starts_at: '2026-02-30T20:00:00Z' })),
    code: 'VALIDATION',
  },
  'a date without a time zone': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, starts_at: '2026-12-02 20:00' })),
    code: 'VALIDATION',
  },
  'an end before the start': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, ends_at: '2026-12-01T20:00:00Z' })),
    code: 'VALIDATION',
  },
  'a blank name': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, name: '   ' })),
    code: 'VALIDATION',
  },
  'a negative seed count': {
    method: 'POST',
    path: seed,
    request: json(() => ({ count: -5 })),
    code: 'VALIDATION',
  },
  'a seed count as a string': {
    method: 'POST',
    path: seed,
    request: json(() => ({ count: '5' })),
    code: 'VALIDATION',
  },
  'a seed count over the event capacity': {
    method: 'POST',
    path: seed,
    request: json(() => ({ count: 2000 })),
    code: 'CAPACITY',
  },
  "a seed into another event's ticket type": {
    method: 'POST',
    path: seed,
    request: json((ids) => ({ count: 1, ticket_type_id: ids.otherTypeId })),
    code: 'NOT_FOUND',
  },
  'a float event_id': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId + 0.5, customer: CUSTOMER })),
    code: 'VALIDATION',
  },
  'an event_id as a string': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: String(ids.eventId), customer: CUSTOMER })),
    code: 'VALIDATION',
  },
  'an event_id beyond the safe integers': {
    method: 'POST',
    path: assign,
    request: raw('{"event_id": 9007199254740993, "customer": {"name": "M", "email": "m@example.com"}}'),
    code: 'VALIDATION',
  },
  'a negative event_id': {
    method: 'POST',
    path: assign,
    request: json(() => ({ event_id: -1, customer: CUSTOMER })),
    code: 'VALIDATION',
  },
  'a quantity of 0': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: CUSTOMER, quantity: 0 })),
    code: 'VALIDATION',
  },
  'a quantity of 101': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: CUSTOMER, quantity: 101 })),
    code: 'VALIDATION',
  },
  'more tickets than are left': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: CUSTOMER, quantity: 50 })),
    code: 'SOLD_OUT',
  },
  'an unknown payment method': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: CUSTOMER, payment_method: 'bitcoin' })),
    code: 'VALIDATION',
  },
  'a customer with an email but no name': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: { email: 'mallory@example.com' } })),
    code: 'VALIDATION',
  },
  'a customer email that is no address': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: { name: 'M', email: 'nobody@' } })),
    code: 'VALIDATION',
  },
  'a customer phone with letters': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: { name: 'M', phone: 'call me maybe' } })),
    code: 'VALIDATION',
  },
  'a customer as a string': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: 'Mallory <m@example.com>' })),
    code: 'VALIDATION',
  },
  'a code as a number': {
    method: 'POST',
    path: checkin,
    request: json((ids) => ({ event_id: ids.eventId, code: Number(ids.code) })),
    code: 'VALIDATION',
  },
  'an empty code': {
    method: 'POST',
    path: checkin,
    request: json((ids) => ({ event_id: ids.eventId, code: '  ' })),
    code: 'VALIDATION',
  },
  'a nonce that is too short': {
    method: 'POST',
    path: checkin,
    request: json((ids) => ({ event_id: ids.eventId, code: ids.code, nonce: 'abc' })),
    code: 'VALIDATION',
  },
  'a direction that is neither in nor out': {
    method: 'POST',
    path: checkin,
    request: json((ids) => ({ event_id: ids.eventId, code: ids.code, direction: 'sideways' })),
    code: 'VALIDATION',
  },
  'a station role that does not exist': {
    method: 'POST',
    path: () => '/api/v1/stations',
    request: json(() => ({ name: 'Root', role: 'superuser' })),
    code: 'VALIDATION',
  },

  // Fields the operation does not have.
  'an unknown field on an event': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, is_admin: true })),
    code: 'VALIDATION',
  },
  'a price smuggled into an assign': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: CUSTOMER, price_cents: 0 })),
    code: 'VALIDATION',
  },
  'an unknown field on the customer': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: { ...CUSTOMER, vip: true } })),
    code: 'VALIDATION',
  },
  'a status smuggled into a check-in': {
    method: 'POST',
    path: checkin,
    request: json((ids) => ({ event_id: ids.eventId, code: ids.code, status: 'checked_in' })),
    code: 'VALIDATION',
  },
  'an unknown field on a status change': {
    method: 'PATCH',
    path: (ids) => `/api/v1/events/${ids.eventId}`,
    request: json(() => ({ status: 'closed', deleted: true })),
    code: 'VALIDATION',
  },

  // Very long strings.
  'a 60,000-character event name': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, name: 'x'.repeat(60_000) })),
    code: 'VALIDATION',
  },
  'a 300-character venue': {
    method: 'POST',
    path: events,
    request: json(() => ({ ...EVENT, venue: 'v'.repeat(300) })),
    code: 'VALIDATION',
  },
  'a 10,000-character customer name': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId, customer: { ...CUSTOMER, name: 'n'.repeat(10_000) } })),
    code: 'VALIDATION',
  },
  'a 10,000-character door code': {
    method: 'POST',
    path: checkin,
    request: json((ids) => ({ event_id: ids.eventId, code: '1'.repeat(10_000) })),
    code: 'VALIDATION',
  },
  'a 10,000-character search': {
    method: 'GET',
    path: (ids) => `${tickets(ids)}?q=${'q'.repeat(10_000)}`,
    code: 'VALIDATION',
  },
  'a 20,000-character address': {
    method: 'GET',
    path: (ids) => `${tickets(ids)}?q=${'q'.repeat(20_000)}`,
    code: 'VALIDATION',
  },

  // Required fields left out.
  'an event with no fields': { method: 'POST', path: events, request: json(() => ({})), code: 'VALIDATION' },
  'an event with only a name': {
    method: 'POST',
    path: events,
    request: json(() => ({ name: 'x' })),
    code: 'VALIDATION',
  },
  'an assign with no fields': { method: 'POST', path: assign, request: json(() => ({})), code: 'VALIDATION' },
  'an assign without a customer': {
    method: 'POST',
    path: assign,
    request: json((ids) => ({ event_id: ids.eventId })),
    code: 'VALIDATION',
  },
  'a check-in without a code': {
    method: 'POST',
    path: checkin,
    request: json((ids) => ({ event_id: ids.eventId })),
    code: 'VALIDATION',
  },
  'a ticket type without a price': {
    method: 'POST',
    path: (ids) => `/api/v1/events/${ids.eventId}/ticket-types`,
    request: json(() => ({ name: 'VIP' })),
    code: 'VALIDATION',
  },
  'a seed without a count': { method: 'POST', path: seed, request: json(() => ({})), code: 'VALIDATION' },
  'an undo without a reason': {
    method: 'POST',
    path: (ids) => `/api/v1/tickets/${ids.ticketId}/undo-checkin`,
    request: json(() => ({})),
    code: 'VALIDATION',
  },
  'a resend without a ticket': {
    method: 'POST',
    path: () => '/api/v1/resend',
    request: json(() => ({})),
    code: 'VALIDATION',
  },

  // Ids in the path that are not ids.
  'event id "abc" in the path': { method: 'GET', path: () => '/api/v1/events/abc', code: 'VALIDATION' },
  'event id "1.5" in the path': { method: 'GET', path: () => '/api/v1/events/1.5', code: 'VALIDATION' },
  'event id "-1" in the path': { method: 'GET', path: () => '/api/v1/events/-1', code: 'VALIDATION' },
  'event id "0" in the path': { method: 'GET', path: () => '/api/v1/events/0', code: 'VALIDATION' },
  'event id "1e3" in the path': { method: 'GET', path: () => '/api/v1/events/1e3', code: 'VALIDATION' },
  'a 20-digit event id in the path': {
    method: 'GET',
    path: () => '/api/v1/events/99999999999999999999',
    code: 'VALIDATION',
  },
  'a NUL byte as the event id': { method: 'GET', path: () => '/api/v1/events/%00', code: 'VALIDATION' },
  'a broken percent escape in the path': {
    method: 'GET',
    path: () => '/api/v1/events/%E0%A4%A',
    code: 'VALIDATION',
  },
  'a 300-character id in the path': {
    method: 'GET',
    path: () => `/api/v1/events/${'9'.repeat(300)}`,
    code: 'VALIDATION',
  },
  'an event that does not exist': { method: 'GET', path: () => '/api/v1/events/4242', code: 'NOT_FOUND' },
  'a seed into "abc"': {
    method: 'POST',
    path: () => '/api/v1/events/abc/seed',
    request: json(() => ({ count: 1 })),
    code: 'VALIDATION',
  },
  'a seed into an event that does not exist': {
    method: 'POST',
    path: () => '/api/v1/events/4242/seed',
    request: json(() => ({ count: 1 })),
    code: 'NOT_FOUND',
  },
  'a status change of event "abc"': {
    method: 'PATCH',
    path: () => '/api/v1/events/abc',
    request: json(() => ({ status: 'closed' })),
    code: 'VALIDATION',
  },
  'an undo of ticket "abc"': {
    method: 'POST',
    path: () => '/api/v1/tickets/abc/undo-checkin',
    request: json(() => ({ reason: 'x' })),
    code: 'VALIDATION',
  },
  'an undo of a ticket not checked in': {
    method: 'POST',
    path: (ids) => `/api/v1/tickets/${ids.ticketId}/undo-checkin`,
    request: json(() => ({ reason: 'x' })),
    code: 'CONFLICT',
  },
  'a revoke of station "abc"': {
    method: 'POST',
    path: () => '/api/v1/stations/abc/revoke',
    code: 'VALIDATION',
  },
  'a revoke of a station that does not exist': {
    method: 'POST',
    path: () => '/api/v1/stations/4242/revoke',
    code: 'NOT_FOUND',
  },

  // Query parameters.
  'event_id=abc': { method: 'GET', path: () => `${reconciliation()}?event_id=abc`, code: 'VALIDATION' },
  'no event_id': { method: 'GET', path: () => reconciliation(), code: 'VALIDATION' },
  'an empty event_id': { method: 'GET', path: () => `${reconciliation()}?event_id=`, code: 'VALIDATION' },
  'event_id=1.5': { method: 'GET', path: () => `${reconciliation()}?event_id=1.5`, code: 'VALIDATION' },
  'event_id=-1': { method: 'GET', path: () => `${reconciliation()}?event_id=-1`, code: 'VALIDATION' },
  'event_id given twice': {
    method: 'GET',
    path: (ids) => `${reconciliation()}?event_id=${ids.eventId}&event_id=${ids.eventId}`,
    code: 'VALIDATION',
  },
  'event_id as an object': {
    method: 'GET',
    path: () => `${reconciliation()}?event_id[id]=1`,
    code: 'VALIDATION',
  },
  'a __proto__ query parameter': {
    method: 'GET',
    path: () => `${reconciliation()}?__proto__[event_id]=1`,
    code: 'VALIDATION',
  },
  'event_id=abc on the CSV': {
    method: 'GET',
    path: () => `${reconciliation()}.csv?event_id=abc`,
    code: 'VALIDATION',
  },
  'a ticket status that does not exist': {
    method: 'GET',
    path: (ids) => `${tickets(ids)}?status=sold`,
    code: 'VALIDATION',
  },
  'limit=abc': { method: 'GET', path: (ids) => `${tickets(ids)}?limit=abc`, code: 'VALIDATION' },
  'limit=0': { method: 'GET', path: (ids) => `${tickets(ids)}?limit=0`, code: 'VALIDATION' },
  'limit=1000000': { method: 'GET', path: (ids) => `${tickets(ids)}?limit=1000000`, code: 'VALIDATION' },
  'offset=-1': { method: 'GET', path: (ids) => `${tickets(ids)}?offset=-1`, code: 'VALIDATION' },

  // Routes that do not exist.
  'an unknown route': { method: 'GET', path: () => '/api/v1/tickets', code: 'NOT_FOUND' },
  'an unknown method': {
    method: 'DELETE',
    path: (ids) => `/api/v1/events/${ids.eventId}`,
    code: 'NOT_FOUND',
  },
  'an unknown API version': {
    method: 'POST',
    path: () => '/api/v2/events',
    request: json(() => EVENT),
    code: 'NOT_FOUND',
  },
}

describe('hostile input to the LAN API', () => {
  let t: TestHost
  let ids: Ids

  beforeAll(async () => {
    t = await startTestHost()
    const http = api(t)
    const { eventId, typeId } = await seededEvent(t, 20)
    const other = await seededEvent(t, 0, { name: 'Blues Night' })
    const sale = await http.assign({ event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' } })
    ids = {
      eventId,
      typeId,
      otherTypeId: other.typeId,
      ticketId: sale.tickets[0]!.id,
      code: sale.tickets[0]!.short_code!,
    }
  })
  afterAll(() => t.dispose())
  afterEach(() => expect(t.loggedErrors).toEqual([]))

  it.each(Object.entries(cases))('%s gets a 4xx envelope and changes nothing', async (_name, hostile) => {
    const before = fingerprint(t.sqlite)
    const answer = await t.request(hostile.method, hostile.path(ids), hostile.request?.(ids) ?? {})
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.body).toMatchObject({ error: expect.any(String), code: expect.any(String) })
    expect(
      Object.keys(answer.body as object).filter((key) => !['error', 'code', 'details'].includes(key)),
    ).toEqual([])
    const envelope = answer.body as { error: string; code: ErrorCode }
    expect(envelope.error.length).toBeGreaterThan(0)
    expect(envelope.code).toBe(hostile.code)
    expect(answer.status).toBe(ERROR_STATUS[hostile.code])
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('a request that is not HTTP at all gets a 400 envelope on the socket', async () => {
    const before = fingerprint(t.sqlite)
    const { port } = new URL(t.url)
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('HELLO /api/v1/events WORLD\r\n\r\n'),
      )
      let received = ''
      socket.on('data', (chunk) => (received += chunk.toString()))
      socket.on('end', () => resolve(received))
      socket.on('error', reject)
    })
    const [head, body] = response.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 400 /)
    expect(JSON.parse(body!)).toEqual({ error: expect.any(String), code: 'VALIDATION' })
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('after all of it the host still serves good requests', async () => {
    const health = await t.request('GET', '/api/v1/health', { token: null })
    expect(health.status).toBe(200)
    const report = await api(t).reconciliation(ids.eventId)
    expect(report.totals).toMatchObject({ available: 19, assigned: 1 })
  })
})
