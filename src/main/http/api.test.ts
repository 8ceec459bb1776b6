// The LAN API end to end: real host, real SQLite file, real HTTP on 127.0.0.1.
// Events, inventory and selling (SPEC §4-5); the door is in checkin.test.ts.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventDetails, EventView, TicketPage } from '../../shared/views'
import { tempDir } from '../../../test/support/core'
import { api, count, seededEvent, startTestHost, type TestHost } from '../../../test/support/host'

const JAZZ_NIGHT = {
  name: 'Jazz Night',
  venue: 'The Cellar',
  starts_at: '2026-12-01T20:00:00Z',
  ends_at: '2026-12-01T23:30:00Z',
  capacity: 300,
}

describe('events over HTTP', () => {
  let t: TestHost
  const dir = tempDir('ticketi-http-events-')

  beforeEach(async () => {
    t = await startTestHost(dir.path)
  })
  afterEach(() => t.stop())
  afterAll(() => dir.remove())

  it('GET /api/v1/health answers {"status":"ok"} without a token', async () => {
    const health = await t.request('GET', '/api/v1/health', { token: null })
    expect(health.status).toBe(200)
    expect(health.body).toEqual({ status: 'ok' })
  })

  it('the web UI and the API refuse to be framed by another page, and are never type-sniffed', async () => {
    for (const path of ['/', '/index.html', '/api/v1/health']) {
      const answer = await t.request('GET', path, { token: null })
      expect(answer.status, path).toBe(200)
      expect(answer.headers.get('x-frame-options'), path).toBe('DENY')
      expect(answer.headers.get('content-security-policy'), path).toBe("frame-ancestors 'none'")
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff')
    }
  })

  it('POST /events answers 201 with the event, and the event persists across a host restart', async () => {
    const created = await t.request<EventView>('POST', '/api/v1/events', { json: JAZZ_NIGHT })
    expect(created.status).toBe(201)
    expect(created.headers.get('content-type')).toMatch(/^application\/json/)
    const event = created.body
    expect(event).toMatchObject({
      ...JAZZ_NIGHT,
      starts_at: '2026-12-01T20:00:00.000Z',
      ends_at: '2026-12-01T23:30:00.000Z',
      code_length: 3,
      allow_reentry: false,
      status: 'active',
      counts: { available: 0, assigned: 0, checked_in: 0, void: 0 },
    })
    expect(event.id).toBeTypeOf('number')

    const details = await t.ok<EventDetails>('GET', `/api/v1/events/${event.id}`)
    expect(details).toEqual({ ...event, ticket_types: [] })
    expect(await t.ok<EventView[]>('GET', '/api/v1/events')).toContainEqual(event)
    expect(count(t.sqlite, 'SELECT count(*) FROM event WHERE id = ?', event.id)).toBe(1)

    await t.stop()
    t = await startTestHost(dir.path)
    expect(await t.ok<EventDetails>('GET', `/api/v1/events/${event.id}`)).toEqual(details)
    expect(count(t.sqlite, 'SELECT count(*) FROM event WHERE id = ?', event.id)).toBe(1)
  })

  it('GET /events/{id} of an event that does not exist is 404 NOT_FOUND', async () => {
    const missing = await t.request('GET', '/api/v1/events/4242')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', error: expect.stringContaining('4242') })
  })
})

describe('inventory and selling over HTTP', () => {
  let t: TestHost
  let http: ReturnType<typeof api>

  beforeEach(async () => {
    t = await startTestHost()
    http = api(t)
  })
  afterEach(() => t.dispose())

  it('seeding N tickets gives N available, in the ticket list and in the reconciliation', async () => {
    const { eventId, typeId } = await seededEvent(t, 0)
    const seeded = await http.seed(eventId, 250, typeId)
    expect(seeded).toEqual({ event_id: eventId, ticket_type_id: typeId, created: 250, available: 250 })

    const page = await t.ok<TicketPage>('GET', `/api/v1/events/${eventId}/tickets?status=available`)
    expect(page.total).toBe(250)
    expect(page.tickets).toHaveLength(100)
    expect(page.tickets.every((ticket) => ticket.status === 'available' && ticket.short_code === null)).toBe(
      true,
    )
    const report = await http.reconciliation(eventId)
    expect(report.totals.available).toBe(250)
    expect(report.totals.assigned).toBe(0)
    expect(report.ticket_types[0]).toMatchObject({ ticket_type_id: typeId, available: 250 })
    expect(
      count(t.sqlite, "SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'available'", eventId),
    ).toBe(250)
  })

  it('the ticket list filters by status, pages with limit/offset and searches with q', async () => {
    const { eventId } = await seededEvent(t, 20)
    const ann = await http.assign({
      event_id: eventId,
      customer: { name: 'Ann Example', email: 'ann@example.com' },
      quantity: 2,
    })
    await http.assign({ event_id: eventId, customer: { name: 'Bob Other', phone: '+44 20 7946 0000' } })
    const list = (query: string) => t.ok<TicketPage>('GET', `/api/v1/events/${eventId}/tickets?${query}`)

    expect((await list('status=assigned')).total).toBe(3)
    expect((await list('status=available')).total).toBe(17)
    expect((await list('status=checked_in')).total).toBe(0)
    expect((await list('status=void')).total).toBe(0)
    expect((await list('')).total).toBe(20)

    const byName = await list('q=ann')
    expect(byName.total).toBe(2)
    expect(byName.tickets.map((ticket) => ticket.customer?.email)).toEqual([
      'ann@example.com',
      'ann@example.com',
    ])
    expect((await list('q=ANN%40EXAMPLE.COM')).total).toBe(2)
    expect((await list('q=7946')).tickets.map((ticket) => ticket.customer?.name)).toEqual(['Bob Other'])

    const code = ann.tickets[0]!.short_code!
    const byCode = await list(`q=${code}`)
    expect(byCode.tickets.map((ticket) => ticket.id)).toEqual([ann.tickets[0]!.id])
    const byUuid = await list(`q=${ann.tickets[1]!.uuid}`)
    expect(byUuid.tickets.map((ticket) => ticket.id)).toEqual([ann.tickets[1]!.id])
    expect((await list('q=nobody-is-called-this')).total).toBe(0)
    // A LIKE wildcard is searched for literally, not as "everything".
    expect((await list('q=%25')).total).toBe(0)

    const second = await list('status=available&limit=5&offset=5')
    const all = await list('status=available&limit=100')
    expect(second.tickets.map((ticket) => ticket.id)).toEqual(
      all.tickets.slice(5, 10).map((ticket) => ticket.id),
    )
    expect(second.total).toBe(17)
  })

  it('POST /assign answers 201 with tickets carrying 3-digit string codes, and the tickets become assigned', async () => {
    const { eventId, typeId } = await seededEvent(t, 10)
    const answer = await t.request<Awaited<ReturnType<typeof http.assign>>>('POST', '/api/v1/assign', {
      json: {
        event_id: eventId,
        customer: { name: 'Ann Example', email: 'Ann@Example.com' },
        quantity: 3,
        payment_method: 'card',
      },
    })
    expect(answer.status).toBe(201)
    const sale = answer.body
    expect(sale).toMatchObject({
      payment_method: 'card',
      amount_cents: 4500,
      email_queued: true,
      customer: { name: 'Ann Example', email: 'ann@example.com' },
    })
    expect(sale.tickets).toHaveLength(3)
    for (const ticket of sale.tickets) {
      expect(ticket.short_code).toMatch(/^\d{3}$/)
      expect(ticket).toMatchObject({ status: 'assigned', event_id: eventId, ticket_type_id: typeId })
      // The raw JSON carries the code as a string, so a leading zero cannot be lost.
      expect(answer.text).toContain(`"short_code":"${ticket.short_code}"`)
    }
    const rows = t.sqlite
      .prepare(
        `SELECT status, short_code, typeof(short_code) AS type FROM ticket WHERE sale_id = ? ORDER BY id`,
      )
      .all(sale.sale_id)
    expect(rows).toEqual(
      sale.tickets.map((ticket) => ({ status: 'assigned', short_code: ticket.short_code, type: 'text' })),
    )
    expect(count(t.sqlite, 'SELECT count(*) FROM email_outbox WHERE sale_id = ?', sale.sale_id)).toBe(1)
  })

  it('a walk-in buys with no email or phone, and POST /sales/{id}/email later sends the codes to a new address', async () => {
    const { eventId } = await seededEvent(t, 10)
    const walkIn = await t.request<Awaited<ReturnType<typeof http.assign>>>('POST', '/api/v1/assign', {
      json: { event_id: eventId, customer: {}, quantity: 2 },
    })
    expect(walkIn.status).toBe(201)
    expect(walkIn.body).toMatchObject({ customer: { name: 'Walk-in', email: null }, email_queued: false })
    const saleId = walkIn.body.sale_id

    const refused = await t.request('POST', `/api/v1/sales/${saleId}/email`, { json: { email: 'nobody@' } })
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({
      code: 'VALIDATION',
      error: 'email: Type an email address like ann@example.com',
      details: [{ path: 'email', message: 'Type an email address like ann@example.com' }],
    })

    const sent = await t.request('POST', `/api/v1/sales/${saleId}/email`, {
      json: { email: 'Wes@Example.com' },
    })
    expect(sent.status).toBe(200)
    expect(sent.body).toEqual({ outbox_id: expect.any(Number), recipient: 'wes@example.com' })
    const outbox = await t.request<{ emails: Array<{ recipient: string; status: string }> }>(
      'GET',
      `/api/v1/emails?sale_id=${saleId}`,
    )
    expect(outbox.body.emails).toEqual([expect.objectContaining({ recipient: 'wes@example.com' })])
    expect((await t.request('POST', '/api/v1/sales/999999/email', { json: {} })).status).toBe(404)
  })

  it('a fully assigned 1000-ticket event uses every code 000-999, leading zeros kept as strings', async () => {
    const { eventId } = await seededEvent(t, 1000, { capacity: 1000 })
    const codes: string[] = []
    for (let sale = 0; sale < 10; sale++) {
      const { tickets } = await http.assign({
        event_id: eventId,
        customer: { name: `Buyer ${sale}`, email: `buyer${sale}@example.com` },
        quantity: 100,
      })
      codes.push(...tickets.map((ticket) => ticket.short_code!))
    }
    expect(codes.every((code) => typeof code === 'string' && /^\d{3}$/.test(code))).toBe(true)
    expect(new Set(codes).size).toBe(1000)
    const lowCodes = codes.filter((code) => code < '100').sort()
    expect(lowCodes).toEqual(Array.from({ length: 100 }, (_, i) => String(i).padStart(3, '0')))
    expect(codes).toContain('000')
    expect(codes).toContain('007')

    const soldOut = await t.request('POST', '/api/v1/assign', {
      json: { event_id: eventId, customer: { name: 'Late', email: 'late@example.com' } },
    })
    expect(soldOut.status).toBe(409)
    expect(soldOut.body).toMatchObject({ code: 'SOLD_OUT' })
    expect(
      count(t.sqlite, "SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'assigned'", eventId),
    ).toBe(1000)
  })

  it('200 concurrent assigns over HTTP all succeed with 200 distinct codes, matching the database', async () => {
    const { eventId } = await seededEvent(t, 250)
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.request<Awaited<ReturnType<typeof http.assign>>>('POST', '/api/v1/assign', {
          json: { event_id: eventId, customer: { name: `Guest ${i}`, email: `guest${i}@example.com` } },
        }),
      ),
    )
    expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(201))
    const codes = answers.map((answer) => answer.body.tickets[0]!.short_code)
    expect(new Set(codes).size).toBe(200)
    const ticketIds = answers.map((answer) => answer.body.tickets[0]!.id)
    expect(new Set(ticketIds).size).toBe(200)

    expect(
      count(t.sqlite, "SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'assigned'", eventId),
    ).toBe(200)
    expect(count(t.sqlite, 'SELECT count(DISTINCT short_code) FROM ticket WHERE event_id = ?', eventId)).toBe(
      200,
    )
    expect(count(t.sqlite, 'SELECT count(*) FROM sale WHERE event_id = ?', eventId)).toBe(200)
    expect((await http.reconciliation(eventId)).totals).toMatchObject({ assigned: 200, available: 50 })
    expect(t.loggedErrors).toEqual([])
  })
})
