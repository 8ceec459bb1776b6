// The organizer's numbers over HTTP (SPEC §4-6): the reconciliation after a
// night of mixed selling and scanning matches the database count for count, and
// the CSV download says the same and opens safely in Excel and Sheets.
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Reconciliation, ReconciliationCounts } from '../../shared/views'
import { api, count, startTestHost, type TestHost } from '../../../test/support/host'

let t: TestHost
let http: ReturnType<typeof api>

beforeEach(async () => {
  t = await startTestHost()
  http = api(t)
})
afterEach(() => t.dispose())

/** One door scan that must get `status`. */
async function scan(eventId: number, code: string, status: number) {
  const answer = await http.checkIn({ event_id: eventId, code })
  expect(answer.status, answer.text).toBe(status)
}

/** The reconciliation counts of section 4, counted straight from the tables. */
function countsInDatabase(
  eventId: number,
  typeId: number | null | 'all',
): Omit<ReconciliationCounts, 'capacity'> {
  const where = typeId === 'all' ? 't.event_id = ?' : 't.event_id = ? AND t.ticket_type_id IS ?'
  const params = typeId === 'all' ? [eventId] : [eventId, typeId]
  const tickets = (condition: string) =>
    count(t.sqlite, `SELECT count(*) FROM ticket t WHERE ${where} AND ${condition}`, ...params)
  const sold = "t.status IN ('assigned', 'checked_in')"
  const mail = (statuses: string) =>
    `EXISTS (SELECT 1 FROM email_outbox o WHERE o.sale_id = t.sale_id AND o.status IN (${statuses}))`
  const assigned = tickets(sold)
  const checkedIn = tickets("t.status = 'checked_in'")
  return {
    available: tickets("t.status = 'available'"),
    assigned,
    delivered: tickets(`${sold} AND ${mail("'sent'")}`),
    email_pending: tickets(`${sold} AND NOT ${mail("'sent'")} AND ${mail("'queued', 'sending'")}`),
    email_failed: tickets(`${sold} AND NOT ${mail("'sent', 'queued', 'sending'")} AND ${mail("'failed'")}`),
    checked_in: checkedIn,
    inside_now: tickets('t.inside = 1'),
    no_show: assigned - checkedIn,
    void: tickets("t.status = 'void'"),
    revenue_cents: count(
      t.sqlite,
      `SELECT coalesce(sum(t.price_cents), 0) FROM ticket t WHERE ${where}`,
      ...params,
    ),
  }
}

/** A night at the Jazz Night: three ticket types, four payment methods, every door answer. */
async function mixedNight() {
  const event = await http.createEvent({
    name: 'Jazz Night',
    starts_at: '2026-12-01T20:00:00Z',
    capacity: 300,
  })
  const standard = await http.addTicketType(event.id, { name: 'Standard', price_cents: 1500 })
  const vip = await http.addTicketType(event.id, { name: 'VIP', price_cents: 4000, capacity: 20 })
  const empty = await http.addTicketType(event.id, { name: 'Student', price_cents: 800 })
  await http.seed(event.id, 40, standard.id)
  await http.seed(event.id, 10, vip.id)
  await http.seed(event.id, 5)

  const ann = await http.assign({
    event_id: event.id,
    customer: { name: 'Ann', email: 'ann@example.com' },
    ticket_type_id: standard.id,
    quantity: 3,
  })
  const bob = await http.assign({
    event_id: event.id,
    customer: { name: 'Bob', email: 'bob@example.com' },
    ticket_type_id: vip.id,
    quantity: 2,
    payment_method: 'card',
  })
  const cat = await http.assign({
    event_id: event.id,
    customer: { name: 'Cat', phone: '+31 20 555 0101' },
    ticket_type_id: standard.id,
    quantity: 2,
    payment_method: 'comp',
  })
  const dan = await http.assign({
    event_id: event.id,
    customer: { name: 'Dan', email: 'dan@example.com' },
    ticket_type_id: vip.id,
    payment_method: 'other',
  })
  const eve = await http.assign({
    event_id: event.id,
    customer: { name: 'Eve', email: 'eve@example.com' },
    quantity: 4,
    payment_method: 'card',
  })
  // No mailer runs in these tests: play its part on the outbox.
  t.sqlite
    .prepare("UPDATE email_outbox SET status = 'sent', sent_at = ? WHERE sale_id = ?")
    .run('2026-12-01T18:00:00.000Z', bob.sale_id)
  t.sqlite
    .prepare("UPDATE email_outbox SET status = 'failed', attempts = 5 WHERE sale_id = ?")
    .run(dan.sale_id)

  await scan(event.id, ann.tickets[0]!.short_code!, 200)
  await scan(event.id, ann.tickets[1]!.uuid, 200)
  await scan(event.id, bob.tickets[0]!.short_code!, 200)
  await scan(event.id, cat.tickets[0]!.short_code!, 200)
  await scan(event.id, eve.tickets[0]!.short_code!, 200)
  await scan(event.id, ann.tickets[0]!.short_code!, 409)
  // There is no void operation yet: void Ann's third ticket the way one would.
  t.sqlite.prepare("UPDATE ticket SET status = 'void' WHERE id = ?").run(ann.tickets[2]!.id)
  await scan(event.id, ann.tickets[2]!.short_code!, 409)

  return { eventId: event.id, types: [standard, vip, empty] }
}

describe('GET /api/v1/reports/reconciliation', () => {
  it('matches the database count for count after a mixed night of selling and scanning', async () => {
    const { eventId, types } = await mixedNight()
    const report = await http.reconciliation(eventId)

    expect(report.event).toMatchObject({ id: eventId, name: 'Jazz Night', capacity: 300 })
    expect(report.currency).toBe('EUR')
    expect(report.totals).toEqual({ capacity: 300, ...countsInDatabase(eventId, 'all') })
    // The database numbers are not all zero: this is the night mixedNight() played.
    expect(report.totals).toMatchObject({
      available: 43,
      assigned: 11,
      checked_in: 5,
      inside_now: 5,
      no_show: 6,
      void: 1,
      delivered: 2,
      email_failed: 1,
      email_pending: 6,
    })

    const lines = new Map(report.ticket_types.map((line) => [line.ticket_type_id, line]))
    expect([...lines.keys()]).toEqual([...types.map((type) => type.id), null])
    for (const type of types) {
      expect(lines.get(type.id)).toEqual({
        ticket_type_id: type.id,
        name: type.name,
        capacity: type.capacity,
        ...countsInDatabase(eventId, type.id),
      })
    }
    expect(lines.get(null)).toEqual({
      ticket_type_id: null,
      name: 'No ticket type',
      capacity: null,
      ...countsInDatabase(eventId, null),
    })
    const sumOf = (field: keyof ReconciliationCounts) =>
      report.ticket_types.reduce((sum, line) => sum + (line[field] ?? 0), 0)
    for (const field of ['available', 'assigned', 'checked_in', 'void', 'revenue_cents'] as const) {
      expect(sumOf(field)).toBe(report.totals[field])
    }

    const sales = t.sqlite
      .prepare(
        `SELECT s.payment_method, count(DISTINCT s.id) AS sales,
                (SELECT count(*) FROM ticket t JOIN sale x ON x.id = t.sale_id
                  WHERE x.event_id = s.event_id AND x.payment_method = s.payment_method) AS tickets,
                sum(s.amount_cents) AS amount_cents
           FROM sale s WHERE s.event_id = ? GROUP BY s.payment_method`,
      )
      .all(eventId) as Reconciliation['revenue']
    const revenue = new Map(report.revenue.map((line) => [line.payment_method, line]))
    expect([...revenue.keys()]).toEqual(['cash', 'card', 'comp', 'other'])
    // A night without refunds: every method nets what it took.
    for (const line of sales) {
      expect(revenue.get(line.payment_method)).toEqual({
        ...line,
        refunded_cents: 0,
        net_cents: line.amount_cents,
      })
    }
    expect(revenue.get('comp')).toEqual({
      payment_method: 'comp',
      sales: 1,
      tickets: 2,
      amount_cents: 0,
      refunded_cents: 0,
      net_cents: 0,
    })
    expect(report.revenue.reduce((sum, line) => sum + line.amount_cents, 0)).toBe(report.totals.revenue_cents)
    expect(t.loggedErrors).toEqual([])
  })

  it('counts the sales that had no email to send', async () => {
    const { eventId } = await mixedNight()
    // Cat bought by phone only: her two tickets are in no email count.
    const report = await http.reconciliation(eventId)
    expect(report.sales_without_email).toBe(1)
    const { totals } = report
    expect(totals.assigned - totals.delivered - totals.email_pending - totals.email_failed).toBe(2)
  })

  it('is refused to a door station, which gets the counts without any money instead', async () => {
    const { eventId } = await mixedNight()
    const door = await http.createStation({ name: 'Door 1', role: 'door' })
    for (const path of ['reconciliation', 'reconciliation.csv']) {
      const refused = await t.request('GET', `/api/v1/reports/${path}?event_id=${eventId}`, {
        token: door.token,
      })
      expect(refused.status, path).toBe(403)
      expect(refused.body).toEqual({ error: expect.stringContaining('door'), code: 'FORBIDDEN' })
    }

    const counts = await t.request<Record<string, unknown>>(
      'GET',
      `/api/v1/reports/door-counts?event_id=${eventId}`,
      { token: door.token },
    )
    expect(counts.status).toBe(200)
    const { revenue_cents: _money, ...expected } = (await http.reconciliation(eventId)).totals
    expect(counts.body).toEqual({
      event_id: eventId,
      generated_at: expect.any(String),
      totals: expected,
      guessing: [],
      door_conflicts: 0,
    })
    expect(counts.text).not.toMatch(/revenue|amount|cents|price/)
  })

  it('of an event that does not exist is 404 NOT_FOUND', async () => {
    const answer = await t.request('GET', '/api/v1/reports/reconciliation?event_id=4242')
    expect(answer.status).toBe(404)
    expect(answer.body).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('GET /api/v1/reports/reconciliation.csv', () => {
  const HEADER = [
    'event',
    'ticket_type',
    'capacity',
    'available',
    'assigned',
    'delivered',
    'email_pending',
    'email_failed',
    'checked_in',
    'inside_now',
    'no_show',
    'void',
    'currency',
    'revenue',
  ]

  async function hostileNight() {
    const event = await http.createEvent({
      name: '=HYPERLINK("http://evil.example","x")',
      starts_at: '2026-12-01T20:00:00Z',
      capacity: 100,
    })
    const names = ['+SUM(A1:A9)', '-2+3', '@cmd', 'Plain, "quoted" standard']
    for (const [i, name] of names.entries()) {
      const type = await http.addTicketType(event.id, { name, price_cents: 1000 + i * 250 })
      await http.seed(event.id, 10, type.id)
      const sale = await http.assign({
        event_id: event.id,
        customer: { name: `Buyer ${i}`, email: `buyer${i}@example.com` },
        ticket_type_id: type.id,
        quantity: i + 1,
        payment_method: i % 2 ? 'card' : 'cash',
      })
      await scan(event.id, sale.tickets[0]!.short_code!, 200)
    }
    return { eventId: event.id }
  }

  it('is an attachment of UTF-8 CSV with a BOM, CRLF line ends and a header row', async () => {
    const { eventId } = await hostileNight()
    const csv = await t.request('GET', `/api/v1/reports/reconciliation.csv?event_id=${eventId}`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="reconciliation-hyperlink-http-evil-example-x-\d{4}-\d\d-\d\d\.csv"$/,
    )
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.text.endsWith('\r\n')).toBe(true)
    expect(csv.text).not.toMatch(/[^\r]\n|\r(?!\n)/)
    const [header] = csv.text.slice(1).split('\r\n')
    expect(header).toBe(HEADER.join(','))
  })

  it('neutralises event and ticket type names that begin with = + - @', async () => {
    const { eventId } = await hostileNight()
    const csv = await t.request('GET', `/api/v1/reports/reconciliation.csv?event_id=${eventId}`)
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
    const rows = Papa.parse<string[]>(csv.text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data
    const body = rows.slice(1)
    expect(body.every((row) => row[0] === `'=HYPERLINK("http://evil.example","x")`)).toBe(true)
    const typeCells = body.map((row) => row[1]!)
    expect(typeCells).toEqual(
      expect.arrayContaining(["'+SUM(A1:A9)", "'-2+3", "'@cmd", 'Plain, "quoted" standard']),
    )
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('holds the same numbers as the JSON reconciliation', async () => {
    const { eventId } = await hostileNight()
    const report = await http.reconciliation(eventId)
    const csv = await t.request('GET', `/api/v1/reports/reconciliation.csv?event_id=${eventId}`)
    const [header, ...rows] = Papa.parse<string[]>(csv.text.slice(1), {
      newline: '\r\n',
      skipEmptyLines: true,
    }).data
    expect(header).toEqual(HEADER)
    const byName = new Map(
      rows.map((row) => [row[1]!.replace(/^'/, ''), Object.fromEntries(HEADER.map((h, i) => [h, row[i]]))]),
    )

    const expectRow = (name: string, counts: ReconciliationCounts) =>
      expect(byName.get(name)).toMatchObject({
        capacity: counts.capacity === null ? '' : String(counts.capacity),
        available: String(counts.available),
        assigned: String(counts.assigned),
        delivered: String(counts.delivered),
        email_pending: String(counts.email_pending),
        email_failed: String(counts.email_failed),
        checked_in: String(counts.checked_in),
        inside_now: String(counts.inside_now),
        no_show: String(counts.no_show),
        void: String(counts.void),
        currency: report.currency,
        revenue: (counts.revenue_cents / 100).toFixed(2),
      })
    for (const line of report.ticket_types) expectRow(line.name, line)
    expectRow('All ticket types', report.totals)
    expect(byName.get('All ticket types')).toMatchObject({
      assigned: '10',
      checked_in: '4',
      revenue: '150.00',
    })
    for (const line of report.revenue) {
      expect(byName.get(`Paid by ${line.payment_method}`)).toMatchObject({
        assigned: String(line.tickets),
        revenue: (line.amount_cents / 100).toFixed(2),
      })
    }
    for (const line of report.revenue) {
      expect(byName.get(`Net ${line.payment_method} after refunds`)).toMatchObject({
        revenue: (line.net_cents / 100).toFixed(2),
      })
    }
    // The types, the total, then by payment method what was paid and what is left net of refunds.
    expect(rows).toHaveLength(report.ticket_types.length + 1 + 2 * report.revenue.length)
  })

  it('of an event that does not exist is a 404 NOT_FOUND JSON envelope, not a CSV', async () => {
    const answer = await t.request('GET', '/api/v1/reports/reconciliation.csv?event_id=4242')
    expect(answer.status).toBe(404)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.body).toMatchObject({ code: 'NOT_FOUND' })
  })
})
