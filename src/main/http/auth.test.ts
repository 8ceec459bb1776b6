// Who may call what over the LAN (SPEC §5): every route but health needs a valid
// Bearer token, and a station token only opens the operations of its role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operations } from '../../shared/contract'
import type { Role } from '../../shared/views'
import { setUpOperators } from '../operators'
import { routes, type Route } from './routes'
import {
  ADMIN_TOKEN,
  api,
  fingerprint,
  seededEvent,
  startTestHost,
  type TestHost,
} from '../../../test/support/host'

interface Ids {
  eventId: number
  /** A backup of the database, for restore. */
  backupName: string
  /** Assigned and checked in: the one undo-checkin undoes. */
  checkedInTicketId: number
  /** Assigned, with an email: the one resend and checkin use. */
  assignedTicketId: number
  assignedCode: string
  /** The sale of those two tickets. */
  saleId: number
  /** A station nobody uses, for revoke. */
  spareStationId: number
  /** The door operator, whose PIN the admin changes. */
  doorOperatorId: number
  /** An event that is over, so it may be archived. */
  pastEventId: number
  /** A ticket type without tickets, so it may be edited and deleted. */
  spareTicketTypeId: number
  /** Sold tickets of their own for void and transfer, so the other samples keep theirs. */
  voidTicketId: number
  transferTicketId: number
}

interface Sample {
  path: string
  json?: unknown
}

const routeKey = (route: Pick<Route, 'method' | 'url'>) => `${route.method} ${route.url}`

/** A request each route would carry out with the admin token, so a refusal comes from the token alone. */
const samples: Record<string, (ids: Ids) => Sample> = {
  'GET /me': () => ({ path: '/me' }),
  'POST /events': () => ({
    path: '/events',
    json: { name: 'Blues Night', starts_at: '2026-12-02T20:00:00Z', capacity: 100 },
  }),
  'GET /events': () => ({ path: '/events' }),
  'GET /events/:id': (ids) => ({ path: `/events/${ids.eventId}` }),
  'PATCH /events/:id': (ids) => ({ path: `/events/${ids.eventId}`, json: { name: 'Renamed Night' } }),
  'POST /events/:id/archive': (ids) => ({ path: `/events/${ids.pastEventId}/archive` }),
  'POST /events/:id/unarchive': (ids) => ({ path: `/events/${ids.pastEventId}/unarchive` }),
  'PATCH /ticket-types/:id': (ids) => ({
    path: `/ticket-types/${ids.spareTicketTypeId}`,
    json: { name: 'Spare (renamed)', price_cents: 900 },
  }),
  'DELETE /ticket-types/:id': (ids) => ({ path: `/ticket-types/${ids.spareTicketTypeId}` }),
  'POST /events/:id/ticket-types': (ids) => ({
    path: `/events/${ids.eventId}/ticket-types`,
    json: { name: 'VIP', price_cents: 4000 },
  }),
  'POST /events/:id/seed': (ids) => ({ path: `/events/${ids.eventId}/seed`, json: { count: 1 } }),
  'GET /events/:id/tickets': (ids) => ({ path: `/events/${ids.eventId}/tickets?status=assigned` }),
  'POST /assign': (ids) => ({
    path: '/assign',
    json: { event_id: ids.eventId, customer: { name: 'Mallory', email: 'mallory@example.com' } },
  }),
  'POST /resend': (ids) => ({ path: '/resend', json: { ticket_id: ids.assignedTicketId } }),
  'POST /sales/:id/email': (ids) => ({
    path: `/sales/${ids.saleId}/email`,
    json: { email: 'ann@example.com' },
  }),
  'POST /checkin': (ids) => ({ path: '/checkin', json: { event_id: ids.eventId, code: ids.assignedCode } }),
  'POST /checkins/upload': (ids) => ({
    path: '/checkins/upload',
    json: {
      checkins: [
        {
          event_id: ids.eventId,
          code: ids.assignedCode,
          nonce: 'offline-0001',
          scanned_at: '2026-12-01T20:05:00Z',
          direction: 'in',
          offline_result: 'OK',
        },
      ],
    },
  }),
  'GET /events/:id/door-list': (ids) => ({ path: `/events/${ids.eventId}/door-list?since=0` }),
  'POST /tickets/:id/undo-checkin': (ids) => ({
    path: `/tickets/${ids.checkedInTicketId}/undo-checkin`,
    json: { reason: 'scanned by mistake' },
  }),
  'POST /tickets/:id/void': (ids) => ({
    path: `/tickets/${ids.voidTicketId}/void`,
    json: { reason: 'Paid twice' },
  }),
  'POST /tickets/:id/transfer': (ids) => ({
    path: `/tickets/${ids.transferTicketId}/transfer`,
    json: { holder: { name: 'Bea' } },
  }),
  'GET /sales/:id': (ids) => ({ path: `/sales/${ids.saleId}` }),
  'POST /sales/:id/refund': (ids) => ({
    path: `/sales/${ids.saleId}/refund`,
    json: { amount_cents: 100, payment_method: 'cash', reason: 'Goodwill' },
  }),
  'GET /reports/cash-up': (ids) => ({ path: `/reports/cash-up?event_id=${ids.eventId}&station=Till%201` }),
  'GET /reports/reconciliation': (ids) => ({ path: `/reports/reconciliation?event_id=${ids.eventId}` }),
  'GET /reports/reconciliation.csv': (ids) => ({
    path: `/reports/reconciliation.csv?event_id=${ids.eventId}`,
  }),
  'GET /reports/door-counts': (ids) => ({ path: `/reports/door-counts?event_id=${ids.eventId}` }),
  'GET /reports/door-conflicts': (ids) => ({ path: `/reports/door-conflicts?event_id=${ids.eventId}` }),
  'GET /reports/door-conflicts.csv': (ids) => ({
    path: `/reports/door-conflicts.csv?event_id=${ids.eventId}`,
  }),
  'GET /reports/checkins.csv': (ids) => ({ path: `/reports/checkins.csv?event_id=${ids.eventId}` }),
  'POST /events/:id/imports': (ids) => ({
    path: `/events/${ids.eventId}/imports`,
    json: { csv: 'name,email\nAda Guest,ada.guest@example.com\n', dry_run: true },
  }),
  'GET /reports/attendees.csv': (ids) => ({ path: `/reports/attendees.csv?event_id=${ids.eventId}` }),
  'GET /reports/attendees.xlsx': (ids) => ({ path: `/reports/attendees.xlsx?event_id=${ids.eventId}` }),
  'GET /reports/sales.csv': (ids) => ({ path: `/reports/sales.csv?event_id=${ids.eventId}` }),
  'GET /reports/sales.xlsx': (ids) => ({ path: `/reports/sales.xlsx?event_id=${ids.eventId}` }),
  'GET /reports/refunds.csv': (ids) => ({ path: `/reports/refunds.csv?event_id=${ids.eventId}` }),
  'GET /reports/refunds.xlsx': (ids) => ({ path: `/reports/refunds.xlsx?event_id=${ids.eventId}` }),
  'GET /reports/checkins.xlsx': (ids) => ({ path: `/reports/checkins.xlsx?event_id=${ids.eventId}` }),
  'GET /reports/reconciliation.xlsx': (ids) => ({
    path: `/reports/reconciliation.xlsx?event_id=${ids.eventId}`,
  }),
  'POST /stations': () => ({ path: '/stations', json: { name: 'Door 7', role: 'door' } }),
  'GET /stations': () => ({ path: '/stations' }),
  'POST /stations/:id/revoke': (ids) => ({ path: `/stations/${ids.spareStationId}/revoke` }),
  'PATCH /stations/:id': (ids) => ({ path: `/stations/${ids.spareStationId}`, json: { name: 'Spare 2' } }),
  'POST /pairings': () => ({ path: '/pairings', json: { name: 'Door 9', role: 'door' } }),
  'GET /settings/mail': () => ({ path: '/settings/mail' }),
  'PUT /settings/mail': () => ({
    path: '/settings/mail',
    json: { transport: 'file', from_name: 'Jazz Club' },
  }),
  'POST /settings/mail/test': () => ({ path: '/settings/mail/test', json: { to: 'ann@example.com' } }),
  'GET /settings/venue': () => ({ path: '/settings/venue' }),
  'PUT /settings/venue': () => ({
    path: '/settings/venue',
    json: { locale: 'fr-FR', time_zone: 'Europe/Paris' },
  }),
  'GET /emails': (ids) => ({ path: `/emails?event_id=${ids.eventId}&status=queued` }),
  'GET /operators': () => ({ path: '/operators' }),
  'GET /reports/timeline': (ids) => ({ path: `/reports/timeline?event_id=${ids.eventId}` }),
  'POST /backups': () => ({ path: '/backups' }),
  'GET /backups': () => ({ path: '/backups' }),
  'POST /backups/:name/restore': (ids) => ({ path: `/backups/${ids.backupName}/restore` }),
  'DELETE /backups/pending-restore': () => ({ path: '/backups/pending-restore' }),
  'POST /sample-event': () => ({ path: '/sample-event' }),
  'POST /operators/:id/pin': (ids) => ({
    path: `/operators/${ids.doorOperatorId}/pin`,
    json: { pin: '8642' },
  }),
}

/** An event with sold tickets, one of them checked in, and a spare station. */
async function setUp(t: TestHost): Promise<Ids> {
  const http = api(t)
  const { eventId } = await seededEvent(t, 20)
  const sale = await http.assign({
    event_id: eventId,
    customer: { name: 'Ann Example', email: 'ann@example.com' },
    quantity: 2,
  })
  const [checkedIn, assigned] = sale.tickets
  const [toVoid, toTransfer] = (
    await http.assign({ event_id: eventId, customer: { name: 'Cleo' }, quantity: 2 })
  ).tickets
  expect((await http.checkIn({ event_id: eventId, code: checkedIn!.short_code! })).status).toBe(200)
  const spare = await http.createStation({ name: 'Spare laptop', role: 'boxoffice' })
  const past = await http.createEvent({ name: 'Last Year', starts_at: '2020-12-01T20:00:00Z', capacity: 10 })
  const spareType = await http.addTicketType(eventId, { name: 'Spare', price_cents: 1000 })
  // The operators the desktop app's first run would create.
  setUpOperators(t.host.core.store, { admin: '918273', boxoffice: '2468', door: '1357' }, new Date(), {
    operator: 'first run',
    station: 'test',
  })
  const door = t.sqlite.prepare("SELECT id FROM operator WHERE role = 'door'").pluck().get() as number
  const backup = await t.ok<{ name: string }>('POST', '/api/v1/backups', undefined, 201)
  return {
    eventId,
    backupName: backup.name,
    checkedInTicketId: checkedIn!.id,
    assignedTicketId: assigned!.id,
    assignedCode: assigned!.short_code!,
    saleId: sale.sale_id,
    spareStationId: spare.id,
    doorOperatorId: door,
    pastEventId: past.id,
    spareTicketTypeId: spareType.id,
    voidTicketId: toVoid!.id,
    transferTicketId: toTransfer!.id,
  }
}

function send(t: TestHost, route: Route, ids: Ids, token: string | null, headers?: Record<string, string>) {
  const sample = samples[routeKey(route)]!(ids)
  return t.request(route.method, `/api/v1${sample.path}`, { json: sample.json, token, headers })
}

const everyRoute = routes.map((route) => [routeKey(route), route] as const)

it('every route of the LAN API has a sample request in this table', () => {
  expect(Object.keys(samples).sort()).toEqual(everyRoute.map(([key]) => key).sort())
})

describe('without a valid token', () => {
  let t: TestHost
  let ids: Ids
  let revokedToken: string

  beforeAll(async () => {
    t = await startTestHost()
    ids = await setUp(t)
    const http = api(t)
    const revoked = await http.createStation({ name: 'Stolen laptop', role: 'admin' })
    await t.ok('POST', `/api/v1/stations/${revoked.id}/revoke`)
    revokedToken = revoked.token
  })
  afterAll(() => t.dispose())

  const credentials: Array<[string, { token: string | null; headers?: Record<string, string> }]> = [
    ['no Authorization header', { token: null }],
    ['a wrong token', { token: 'not-the-admin-token-0123456789' }],
    ['an empty Bearer token', { token: null, headers: { authorization: 'Bearer ' } }],
    [
      'the admin token under another scheme',
      { token: null, headers: { authorization: `Basic ${ADMIN_TOKEN}` } },
    ],
    ['the admin token with a suffix', { token: `${ADMIN_TOKEN}x` }],
  ]

  describe.each(credentials)('%s', (_name, credential) => {
    it.each(everyRoute)('%s is 401 UNAUTHORIZED and changes nothing', async (_key, route) => {
      const before = fingerprint(t.sqlite)
      const answer = await send(t, route, ids, credential.token, credential.headers)
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual({ error: expect.stringContaining('Bearer'), code: 'UNAUTHORIZED' })
      expect(answer.headers.get('www-authenticate')).toBe('Bearer')
      expect(fingerprint(t.sqlite)).toEqual(before)
    })
  })

  it.each(everyRoute)('%s with a revoked station token is 401 and changes nothing', async (_key, route) => {
    const before = fingerprint(t.sqlite)
    const answer = await send(t, route, ids, revokedToken)
    expect(answer.status).toBe(401)
    expect(answer.body).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it.each(everyRoute)('%s behind a percent-encoded path still needs a token', async (_key, route) => {
    const before = fingerprint(t.sqlite)
    const sample = samples[routeKey(route)]!(ids)
    const answer = await t.request(route.method, `/%61pi/v1${sample.path}`, {
      json: sample.json,
      token: null,
    })
    expect(answer.status).toBe(401)
    expect(answer.body).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('an unknown route under /api is 401 too, so it does not reveal which routes exist', async () => {
    const answer = await t.request('GET', '/api/v1/secrets', { token: null })
    expect(answer.status).toBe(401)
    expect(answer.body).toMatchObject({ code: 'UNAUTHORIZED' })
  })

  it('GET /api/v1/health needs no token', async () => {
    for (const path of ['/api/v1/health', '/api/v1/%68ealth']) {
      const answer = await t.request('GET', path, { token: null })
      expect(answer.status).toBe(200)
      expect(answer.body).toEqual({ status: 'ok' })
    }
  })

  it('the host logged no internal error', () => {
    expect(t.loggedErrors).toEqual([])
  })
})

describe('with the admin token', () => {
  let t: TestHost
  let ids: Ids

  beforeAll(async () => {
    t = await startTestHost()
    ids = await setUp(t)
  })
  afterAll(() => t.dispose())

  it.each(everyRoute)(
    '%s succeeds, so the sample is a request the route carries out',
    async (_key, route) => {
      const answer = await send(t, route, ids, ADMIN_TOKEN)
      expect(answer.status, answer.text).toBe(route.created ? 201 : 200)
    },
  )
})

describe('station roles', () => {
  let t: TestHost
  let ids: Ids
  const tokens: Partial<Record<Role, string>> = {}

  beforeAll(async () => {
    t = await startTestHost()
    ids = await setUp(t)
    const http = api(t)
    tokens.door = (await http.createStation({ name: 'Door 1', role: 'door' })).token
    tokens.boxoffice = (await http.createStation({ name: 'Box office 2', role: 'boxoffice' })).token
  })
  afterAll(() => t.dispose())

  it('POST /stations answers 201 with a token shown once, of which only a hash is stored', async () => {
    const station = await t.request<{ id: number; token: string; role: string }>('POST', '/api/v1/stations', {
      json: { name: 'Door 3', role: 'door' },
    })
    expect(station.status).toBe(201)
    expect(station.body).toMatchObject({ name: 'Door 3', role: 'door', revoked_at: null })
    expect(station.body.token.length).toBeGreaterThanOrEqual(32)
    const stored = t.sqlite.prepare('SELECT * FROM station WHERE id = ?').get(station.body.id)
    expect(JSON.stringify(stored)).not.toContain(station.body.token)
    const listed = await t.ok<unknown[]>('GET', '/api/v1/stations')
    expect(JSON.stringify(listed)).not.toContain(station.body.token)
  })

  it('a door token gets 403 FORBIDDEN on createEvent and nothing is created', async () => {
    const before = fingerprint(t.sqlite)
    const answer = await t.request('POST', '/api/v1/events', {
      json: { name: 'Door Party', starts_at: '2026-12-03T20:00:00Z', capacity: 10 },
      token: tokens.door,
    })
    expect(answer.status).toBe(403)
    expect(answer.body).toEqual({ error: expect.stringContaining('door'), code: 'FORBIDDEN' })
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('a door token may check in, and the check-in names its station', async () => {
    const sale = await api(t).assign({
      event_id: ids.eventId,
      customer: { name: 'Bob', email: 'bob@example.com' },
    })
    const ticket = sale.tickets[0]!
    const answer = await api(t).checkIn({ event_id: ids.eventId, code: ticket.short_code! }, tokens.door)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ result: 'OK' })
    expect(t.sqlite.prepare('SELECT checked_in_by FROM ticket WHERE id = ?').pluck().get(ticket.id)).toBe(
      'Door 1',
    )
  })

  describe.each(['door', 'boxoffice'] as const)('a %s token', (role) => {
    const forbidden = everyRoute.filter(
      ([, route]) => !(operations[route.operation].roles as readonly Role[]).includes(role),
    )
    const allowed = everyRoute.filter(([, route]) =>
      (operations[route.operation].roles as readonly Role[]).includes(role),
    )

    it.each(forbidden)('gets 403 FORBIDDEN on %s and nothing changes', async (_key, route) => {
      const before = fingerprint(t.sqlite)
      const answer = await send(t, route, ids, tokens[role]!)
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({ code: 'FORBIDDEN' })
      expect(fingerprint(t.sqlite)).toEqual(before)
    })

    it.each(allowed)('is let through on %s', async (_key, route) => {
      const answer = await send(t, route, ids, tokens[role]!)
      expect([401, 403]).not.toContain(answer.status)
      expect(answer.status).toBeLessThan(500)
    })
  })

  it('a revoked station token gets 401 on the request after the revoke', async () => {
    const http = api(t)
    const station = await http.createStation({ name: 'Door 9', role: 'door' })
    expect((await t.request('GET', '/api/v1/events', { token: station.token })).status).toBe(200)
    const revoked = await t.ok<{ revoked_at: string | null }>('POST', `/api/v1/stations/${station.id}/revoke`)
    expect(revoked.revoked_at).toEqual(expect.any(String))

    const answer = await http.checkIn({ event_id: ids.eventId, code: ids.assignedCode }, station.token)
    expect(answer.status).toBe(401)
    expect(answer.body).toMatchObject({ code: 'UNAUTHORIZED' })
    expect((await t.request('GET', '/api/v1/events', { token: station.token })).status).toBe(401)
  })
})
