// The files an organizer takes home, over the LAN: a guest list in, the attendee
// list, payments and reconciliation out, as spreadsheet-safe CSV and as XLSX.
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportFile, ImportResult } from '../../shared/views'
import { count, fingerprint, seededEvent, startTestHost, type TestHost } from '../../../test/support/host'

let t: TestHost
beforeEach(async () => (t = await startTestHost()))
afterEach(() => t.dispose())

const guests = 'Name,Email,Phone\r\nAnn Lee,ann@example.com,\r\n=HYPERLINK("http://x"),,+31 6 1234 5678\r\n'

async function night() {
  const { eventId } = await seededEvent(t, 20)
  await t.ok('POST', `/api/v1/events/${eventId}/imports`, { csv: guests })
  const [ann] = t.sqlite
    .prepare("SELECT short_code FROM ticket WHERE status = 'assigned' ORDER BY id")
    .pluck()
    .all() as string[]
  await t.request('POST', '/api/v1/checkin', { json: { event_id: eventId, code: ann } })
  return eventId
}

describe('guest-list import over HTTP', () => {
  it('imports at POST /events/{id}/imports and answers rows, created and errors', async () => {
    const { eventId } = await seededEvent(t, 5)
    const dry = await t.ok<ImportResult>('POST', `/api/v1/events/${eventId}/imports`, {
      csv: guests,
      dry_run: true,
    })
    expect(dry).toMatchObject({ rows: 2, created: 0, errors: [] })
    const done = await t.ok<ImportResult>('POST', `/api/v1/events/${eventId}/imports`, { csv: guests })
    expect(done).toMatchObject({ rows: 2, created: 2, errors: [] })
  })

  it('refuses a file over the stated size with 413 and a clear message, changing nothing', async () => {
    const { eventId } = await seededEvent(t, 5)
    const before = fingerprint(t.sqlite)
    const huge = 'Name\n' + 'A guest with a long name\n'.repeat(300_000)
    const answer = await t.request<{ code: string; error: string }>(
      'POST',
      `/api/v1/events/${eventId}/imports`,
      {
        json: { csv_base64: Buffer.from(huge).toString('base64') },
      },
    )
    expect(answer.status).toBe(413)
    expect(answer.body.error).toContain('at most 5 MB')
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('takes a guest list larger than the usual body limit through the web UI transport too', async () => {
    const { eventId } = await seededEvent(t, 5)
    const big = 'Name,Notes\n' + `Ann,${'x'.repeat(100_000)}\n`
    const answer = await t.ok<ImportResult>('POST', '/api/v1/operations/importGuestList', {
      event_id: eventId,
      csv: big,
      dry_run: true,
    })
    expect(answer.rows).toBe(1)
  })
})

describe('exports over HTTP', () => {
  it('serves the attendee list as Excel-safe CSV: BOM, CRLF, header, every sold ticket, formulas neutralised', async () => {
    const eventId = await night()
    const answer = await t.request('GET', `/api/v1/reports/attendees.csv?event_id=${eventId}`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-disposition')).toMatch(
      /attachment; filename="attendees-jazz-night-\d{4}-\d\d-\d\d\.csv"/,
    )
    expect(answer.text.startsWith('\uFEFFcode,holder,buyer,')).toBe(true)
    expect(answer.text).toContain('\r\n')
    const [header, ...rows] = Papa.parse<string[]>(answer.text.slice(1), { skipEmptyLines: true }).data
    expect(header).toEqual([
      'code',
      'holder',
      'buyer',
      'buyer_email',
      'buyer_phone',
      'ticket_type',
      'status',
      'checked_in_at',
      'checked_in_by',
      'sold_at',
      'ticket_id',
    ])
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ 1: 'Ann Lee', 5: 'Standard', 6: 'checked_in', 8: 'Admin' })
    expect(rows[0]![7]).toMatch(/^\d{4}-/)
    expect(rows[1]![1]).toBe(`'=HYPERLINK("http://x")`)
  })

  it('serves payments and reconciliation as CSV and every report as XLSX with the same rows', async () => {
    const eventId = await night()
    const payments = await t.request('GET', `/api/v1/reports/sales.csv?event_id=${eventId}`)
    expect(payments.text).toContain('comp,0.00,EUR')
    for (const report of ['attendees', 'sales', 'reconciliation']) {
      const answer = await t.request('GET', `/api/v1/reports/${report}.xlsx?event_id=${eventId}`)
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toContain('spreadsheetml')
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(answer.bytes.slice().buffer)
      const sheet = book.worksheets[0]!
      const csv = await t.request('GET', `/api/v1/reports/${report}.csv?event_id=${eventId}`)
      const csvRows = Papa.parse<string[]>(csv.text.slice(1), { skipEmptyLines: true }).data
      expect(sheet.rowCount).toBe(csvRows.length)
      expect(sheet.getRow(1).values).toEqual([undefined, ...csvRows[0]!])
    }
    const attendees = new ExcelJS.Workbook()
    await attendees.xlsx.load(
      (await t.request('GET', `/api/v1/reports/attendees.xlsx?event_id=${eventId}`)).bytes.slice().buffer,
    )
    // Text stays text in XLSX: the formula a guest typed as their name is not a formula there.
    const cell = attendees.worksheets[0]!.getRow(3).getCell(2)
    expect(cell.value).toBe('=HYPERLINK("http://x")')
    expect(cell.formula).toBeUndefined()
  })

  it('serves the refunds, and the check-in log as XLSX with the same rows as its CSV', async () => {
    const { eventId } = await seededEvent(t, 10)
    const sale = await t.ok<{ sale_id: number; tickets: Array<{ id: number; short_code: string }> }>(
      'POST',
      '/api/v1/operations/assign',
      { event_id: eventId, customer: { name: 'Cleo Park', email: 'cleo@example.com' }, quantity: 2 },
    )
    await t.ok('POST', '/api/v1/operations/refundSale', {
      sale_id: sale.sale_id,
      amount_cents: 1250,
      payment_method: 'cash',
      reason: 'Could not come',
      ticket_ids: [sale.tickets[1]!.id],
    })
    const refunds = await t.request('GET', `/api/v1/reports/refunds.csv?event_id=${eventId}`)
    const [header, ...rows] = Papa.parse<string[]>(refunds.text.slice(1), { skipEmptyLines: true }).data
    expect(header).toEqual([
      'refund_id',
      'refunded_at',
      'sale_id',
      'buyer',
      'buyer_email',
      'tickets',
      'payment_method',
      'amount',
      'currency',
      'reason',
      'operator',
      'station',
    ])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ 2: String(sale.sale_id), 3: 'Cleo Park', 5: '1', 6: 'cash', 7: '12.50' })
    expect(rows[0]![9]).toBe('Could not come')

    // Late uploads come first when they were scanned first: the log is in scan order.
    const first = sale.tickets[0]!.short_code
    await t.request('POST', '/api/v1/checkin', { json: { event_id: eventId, code: first } })
    await t.request('POST', '/api/v1/checkin', { json: { event_id: eventId, code: '999' } })
    const upload = { event_id: eventId, code: first, direction: 'in', offline_result: 'OK' }
    await t.ok('POST', '/api/v1/checkins/upload', {
      checkins: [{ ...upload, nonce: crypto.randomUUID(), scanned_at: '2026-01-01T10:00:00.000Z' }],
    })
    const csv = await t.request('GET', `/api/v1/reports/checkins.csv?event_id=${eventId}`)
    const csvRows = Papa.parse<string[]>(csv.text.slice(1), { skipEmptyLines: true }).data
    expect(csvRows).toHaveLength(4)
    expect(csvRows[1]![0]).toBe('2026-01-01T10:00:00.000Z')
    const xlsx = await t.request('GET', `/api/v1/reports/checkins.xlsx?event_id=${eventId}`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes.slice().buffer)
    const sheet = book.worksheets[0]!
    const cells = (n: number) => csvRows[0]!.map((_, i) => String(sheet.getRow(n).getCell(i + 1).value ?? ''))
    expect([1, 2, 3, 4].map(cells)).toEqual(csvRows)
  })

  it('answers an export through the web UI transport as the same file in JSON', async () => {
    const eventId = await night()
    const csv = await t.request('GET', `/api/v1/reports/attendees.csv?event_id=${eventId}`)
    for (const format of ['csv', 'xlsx'] as const) {
      const answer = await t.request<ExportFile>('POST', '/api/v1/operations/exportReport', {
        json: { event_id: eventId, report: 'attendees', format },
      })
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toContain('application/json')
      expect(answer.body).toMatchObject({
        rows: 2,
        filename: expect.stringMatching(`attendees-jazz-night-.*\\.${format}$`),
      })
      if (format === 'csv') expect(answer.body.content).toBe(csv.text)
      else expect(Buffer.from(answer.body.content, 'base64').subarray(0, 2).toString()).toBe('PK')
    }
    const log = await t.request('GET', `/api/v1/reports/checkins.csv?event_id=${eventId}`)
    const checkins = await t.ok<Record<string, unknown>>('POST', '/api/v1/operations/checkinsCsv', {
      event_id: eventId,
    })
    expect(checkins).toEqual({
      filename: expect.stringMatching(/^checkins-jazz-night-.*\.csv$/),
      content: log.text,
    })
  })

  it('keeps the reconciliation CSV as it was, and refuses a door station and an unknown event', async () => {
    const eventId = await night()
    const old = await t.request('GET', `/api/v1/reports/reconciliation.csv?event_id=${eventId}`)
    expect(old.text.startsWith('\uFEFFevent,ticket_type,capacity')).toBe(true)
    const door = await t.ok<{ token: string }>(
      'POST',
      '/api/v1/stations',
      { name: 'Door 1', role: 'door' },
      201,
    )
    const refused = await t.request('GET', `/api/v1/reports/attendees.csv?event_id=${eventId}`, {
      token: door.token,
    })
    expect(refused.status).toBe(403)
    expect((await t.request('GET', '/api/v1/reports/attendees.xlsx?event_id=999')).status).toBe(404)
    expect((await t.request('GET', '/api/v1/reports/attendees.csv?event_id=x')).status).toBe(400)
    expect(count(t.sqlite, 'SELECT count(*) FROM sale')).toBe(2)
  })
})
