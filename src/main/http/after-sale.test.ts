// Void, transfer and refund over the LAN (SPEC §5.3), and the box office's cash-up:
// the routes answer as the contract says, refusals are 4xx envelopes that change
// nothing, and the door hears of each change at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OutputOf } from '../../shared/contract'
import { api, fingerprint, seededEvent, startTestHost, type TestHost } from '../../../test/support/host'

let t: TestHost
let http: ReturnType<typeof api>
let eventId: number

beforeEach(async () => {
  t = await startTestHost()
  http = api(t)
  ;({ eventId } = await seededEvent(t, 10))
})
afterEach(() => t.dispose())

const sell = (quantity: number) =>
  http.assign({ event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' }, quantity })

async function refused(method: string, path: string, json: unknown, status: number, code: string) {
  const before = fingerprint(t.sqlite)
  const answer = await t.request<{ code: string; error: string }>(method, path, { json })
  expect(answer.status, answer.text).toBe(status)
  expect(answer.body.code).toBe(code)
  expect(answer.body.error.length).toBeGreaterThan(0)
  expect(fingerprint(t.sqlite)).toEqual(before)
}

describe('POST /api/v1/tickets/{id}/void', () => {
  it('voids the ticket: its code answers VOID at the door from then on', async () => {
    const [ticket] = (await sell(1)).tickets
    const voided = await t.ok<OutputOf<'voidTicket'>>('POST', `/api/v1/tickets/${ticket!.id}/void`, {
      reason: 'Paid twice',
    })
    expect(voided).toMatchObject({ id: ticket!.id, status: 'void', void_reason: 'Paid twice' })
    const door = await http.checkIn({ event_id: eventId, code: ticket!.short_code! })
    expect(door.body).toMatchObject({ code: 'VOID' })
    const listed = await t.ok<OutputOf<'listTickets'>>('GET', `/api/v1/events/${eventId}/tickets?status=void`)
    expect(listed.tickets.map((x) => x.id)).toEqual([ticket!.id])
  })

  it('refuses a missing reason, an unknown ticket, and a second void, changing nothing', async () => {
    const [ticket] = (await sell(1)).tickets
    await refused('POST', `/api/v1/tickets/${ticket!.id}/void`, {}, 400, 'VALIDATION')
    await refused('POST', '/api/v1/tickets/999/void', { reason: 'x' }, 404, 'NOT_FOUND')
    await refused('POST', '/api/v1/tickets/abc/void', { reason: 'x' }, 400, 'VALIDATION')
    await t.ok('POST', `/api/v1/tickets/${ticket!.id}/void`, { reason: 'x' })
    await refused('POST', `/api/v1/tickets/${ticket!.id}/void`, { reason: 'x' }, 409, 'VOID')
  })
})

describe('POST /api/v1/tickets/{id}/transfer', () => {
  it('answers the ticket with a new short code; the old code answers VOID; the new holder is emailed', async () => {
    const [ticket] = (await sell(1)).tickets
    const moved = await t.ok<OutputOf<'transferTicket'>>('POST', `/api/v1/tickets/${ticket!.id}/transfer`, {
      holder: { name: 'Bob', email: 'bob@example.com', phone: '+31 6 1234 5678' },
      reason: 'A gift',
    })
    expect(moved).toMatchObject({ id: ticket!.id, holder_name: 'Bob', status: 'assigned' })
    expect(moved.short_code).not.toBe(ticket!.short_code)
    expect((await http.checkIn({ event_id: eventId, code: ticket!.short_code! })).body).toMatchObject({
      code: 'VOID',
    })
    expect((await http.checkIn({ event_id: eventId, code: moved.short_code! })).body).toMatchObject({
      result: 'OK',
    })
    const emails = await t.ok<OutputOf<'listEmails'>>('GET', `/api/v1/emails?sale_id=${moved.sale_id}`)
    expect(emails.emails.map((e) => e.recipient).sort()).toEqual([
      'ann@example.com',
      'ann@example.com',
      'bob@example.com',
    ])
  })

  it('refuses a holder without a name and a bad email, changing nothing', async () => {
    const [ticket] = (await sell(1)).tickets
    const path = `/api/v1/tickets/${ticket!.id}/transfer`
    await refused('POST', path, { holder: {} }, 400, 'VALIDATION')
    await refused('POST', path, { holder: { name: 'Bob', email: 'not mail' } }, 400, 'VALIDATION')
    await refused('POST', path, { holder: { name: 'Bob' }, extra: 1 }, 400, 'VALIDATION')
  })
})

describe('POST /api/v1/sales/{id}/refund', () => {
  it('refunds in part, then the rest, and the reconciliation reports revenue net of refunds', async () => {
    const sale = await sell(2)
    const path = `/api/v1/sales/${sale.sale_id}/refund`
    const first = await t.ok<OutputOf<'refundSale'>>('POST', path, {
      amount_cents: 1500,
      payment_method: 'cash',
      reason: 'One could not come',
      ticket_ids: [sale.tickets[0]!.id],
    })
    expect(first.sale).toMatchObject({ refunded_cents: 1500, refundable_cents: 1500 })
    await refused(
      'POST',
      path,
      { amount_cents: 1501, payment_method: 'cash', reason: 'x' },
      400,
      'VALIDATION',
    )
    await t.ok('POST', path, { amount_cents: 1500, payment_method: 'cash', reason: 'Second one too' })
    const shown = await t.ok<OutputOf<'getSale'>>('GET', `/api/v1/sales/${sale.sale_id}`)
    expect(shown.refunds.map((r) => r.amount_cents)).toEqual([1500, 1500])
    expect(shown.refundable_cents).toBe(0)
    const report = await http.reconciliation(eventId)
    expect(report.revenue.find((r) => r.payment_method === 'cash')).toMatchObject({
      amount_cents: 3000,
      refunded_cents: 3000,
      net_cents: 0,
    })
    expect(report.net_revenue_cents).toBe(0)
    const csv = await t.request('GET', `/api/v1/reports/reconciliation.csv?event_id=${eventId}`)
    expect(csv.text).toContain('Refunded by cash')
  })

  it('refuses an unknown sale, a ticket of no sale of its, and a payment method it does not know', async () => {
    const sale = await sell(1)
    const other = await sell(1)
    const body = { amount_cents: 100, payment_method: 'cash', reason: 'x' }
    await refused('POST', '/api/v1/sales/999/refund', body, 404, 'NOT_FOUND')
    await refused(
      'POST',
      `/api/v1/sales/${sale.sale_id}/refund`,
      { ...body, ticket_ids: [other.tickets[0]!.id] },
      404,
      'NOT_FOUND',
    )
    await refused(
      'POST',
      `/api/v1/sales/${sale.sale_id}/refund`,
      { ...body, payment_method: 'gold' },
      400,
      'VALIDATION',
    )
  })
})

describe('GET /api/v1/reports/cash-up', () => {
  it('adds up a station’s shift by payment method, with the cash expected in the drawer', async () => {
    const sale = await sell(2)
    await t.ok('POST', `/api/v1/sales/${sale.sale_id}/refund`, {
      amount_cents: 1000,
      payment_method: 'cash',
      reason: 'Late start',
    })
    const from = new Date(Date.now() - 3_600_000).toISOString()
    const to = new Date(Date.now() + 3_600_000).toISOString()
    const cashUp = await t.ok<OutputOf<'cashUp'>>(
      'GET',
      `/api/v1/reports/cash-up?event_id=${eventId}&from=${from}&to=${to}&station=admin%20token`,
    )
    expect(cashUp.cash_expected_cents).toBe(2000)
    expect(cashUp.lines.find((l) => l.payment_method === 'cash')).toMatchObject({
      sales_cents: 3000,
      refunds_cents: 1000,
    })
    const elsewhere = await t.ok<OutputOf<'cashUp'>>(
      'GET',
      `/api/v1/reports/cash-up?event_id=${eventId}&station=Till%202`,
    )
    expect(elsewhere.cash_expected_cents).toBe(0)
    await refused(
      'GET',
      `/api/v1/reports/cash-up?event_id=${eventId}&from=yesterday`,
      undefined,
      400,
      'VALIDATION',
    )
  })
})
