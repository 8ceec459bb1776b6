import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportFormat } from '../../shared/exports'
import type { AssignResult, ExportProgress } from '../../shared/views'
import { BOX_OFFICE, DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'
import { spreadsheetCsvStart } from '../operations/reconciliation'
import { csvLines } from './csv'
import { buildExport } from './build'
import { PAGE_ROWS, REPORTS, WALK_IDS } from './reports'
import { giveWayToTheDoor } from '../step-turns'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

describe('building an export', () => {
  it('reads a page at a time, lets other work in between, reports its progress and writes each ticket once', async () => {
    const { eventId } = seededEvent(core, 25)
    for (let i = 0; i < 5; i++) {
      core.call('assign', { event_id: eventId, customer: { name: `Guest ${i}` }, quantity: 5 }, BOX_OFFICE)
    }
    const progress: ExportProgress[] = []
    let othersRan = 0
    const other = setInterval(() => othersRan++, 0)
    const file = await buildExport({
      store: core.store,
      eventId,
      report: 'attendees',
      format: 'csv',
      now: '2026-12-01T23:00:00.000Z',
      pageRows: 4,
      onProgress: (p) => {
        progress.push(p)
      },
    })
    clearInterval(other)
    expect(file).toMatchObject({
      filename: 'attendees-jazz-night-2026-12-01.csv',
      rows: 25,
      encoding: 'utf-8',
    })
    // One piece a page, besides the byte order mark and the header.
    expect(file.content.pieces).toHaveLength(1 + 7)
    const ids = file.content
      .joined()
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',').at(-1))
    expect(new Set(ids).size).toBe(25)
    expect(progress.map((p) => p.rows_done)).toEqual([0, 4, 8, 12, 16, 20, 24, 25, 25])
    expect(progress.at(-1)).toEqual({ rows_done: 25, rows_total: 25, done: true })
    expect(othersRan).toBeGreaterThan(0)
  })

  it('follows the progress of an export through exportProgress while it is built', async () => {
    const { eventId } = seededEvent(core, 10)
    core.call('assign', { event_id: eventId, customer: { name: 'Ann' }, quantity: 10 }, BOX_OFFICE)
    const file = await core.dispatchAsync(
      'exportReport',
      { event_id: eventId, report: 'sales', format: 'xlsx', progress_id: 'export-0001' },
      BOX_OFFICE,
    )
    expect(file).toMatchObject({ ok: true, value: { encoding: 'base64', rows: 1 } })
    const progress = await core.dispatchAsync('exportProgress', { progress_id: 'export-0001' }, BOX_OFFICE)
    expect(progress).toEqual({ ok: true, value: { rows_done: 1, rows_total: 1, done: true } })
  })

  /** A sold-out event of `tickets`, sold 100 at a time; returns the door codes. */
  function soldOut(tickets: number): { eventId: number; codes: string[] } {
    const { eventId } = seededEvent(core, tickets, { capacity: tickets, code_length: 5 })
    const sales = core.dispatchTogether(
      Array.from({ length: tickets / 100 }, (_, i) => ({
        name: 'assign',
        input: { event_id: eventId, customer: { name: `Guest ${i}` }, quantity: 100 },
        who: BOX_OFFICE,
      })),
    )
    const codes = sales.flatMap((sale) => (sale.ok ? (sale.value as AssignResult).tickets : []))
    return { eventId, codes: codes.map((t) => t.short_code!) }
  }

  for (const format of ['csv', 'xlsx'] as const satisfies ExportFormat[]) {
    it(`serves a check-in that arrives while a ${format.toUpperCase()} export of several pages is built, before the file is done`, async () => {
      const tickets = PAGE_ROWS * 2 + 500
      const { eventId, codes } = soldOut(tickets)
      const order: string[] = []
      let doneAtCheckIn = -1
      let latest: ExportProgress | null = null
      const exported = buildExport({
        store: core.store,
        eventId,
        report: 'attendees',
        format,
        now: '2026-12-01T23:00:00.000Z',
        onProgress: (p) => (latest = p),
      }).then((file) => {
        order.push('export')
        return file
      })
      // The door's request comes in just after the export started.
      const checkedIn = new Promise((resolve) => setImmediate(resolve))
        .then(() => core.dispatchAsync('checkIn', { event_id: eventId, code: codes[0]! }, DOOR))
        .then((answer) => {
          doneAtCheckIn = latest?.rows_done ?? 0
          order.push('check-in')
          return answer
        })
      const [file, answer] = await Promise.all([exported, checkedIn])
      expect(answer).toMatchObject({ ok: true, value: { result: 'OK' } })
      expect(file.rows).toBe(tickets)
      expect(order).toEqual(['check-in', 'export'])
      expect(doneAtCheckIn).toBeLessThan(tickets)
    })
  }

  it('writes the same CSV as papaparse did, and an XLSX with the same cells', async () => {
    const { eventId } = seededEvent(core, 40)
    for (const name of ['=HYPERLINK("http://x")', 'Zoë "Z" O’Brien, <b>', ' lead']) {
      core.call('assign', { event_id: eventId, customer: { name, email: 'z@example.com' }, quantity: 10 })
    }
    const options = { store: core.store, eventId, now: '2026-12-01T23:00:00.000Z', pageRows: 7 }
    const csv = await buildExport({ ...options, report: 'attendees', format: 'csv' })
    const { rows } = REPORTS.attendees.page(core.store, eventId, 0, 10_000, options.now)
    expect(csv.content.joined()).toBe(spreadsheetCsvStart(REPORTS.attendees.header) + csvLines(rows))

    const xlsx = await buildExport({ ...options, report: 'attendees', format: 'xlsx' })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(xlsx.content.joined(), 'base64').buffer as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect(sheet.name).toBe('Attendee list')
    expect(sheet.rowCount).toBe(rows.length + 1)
    expect(sheet.getRow(1).values).toEqual([undefined, ...REPORTS.attendees.header])
    rows.forEach((row, i) => {
      const read = sheet.getRow(i + 2)
      expect(row.map((_, c) => read.getCell(c + 1).value ?? null)).toEqual(row)
    })
  })

  it('reads smaller pages while a door is busy', async () => {
    const { eventId } = seededEvent(core, 25)
    core.call('assign', { event_id: eventId, customer: { name: 'Guest' }, quantity: 25 }, BOX_OFFICE)
    const pagesOf = async () => {
      const done: number[] = []
      await buildExport({
        store: core.store,
        eventId,
        report: 'attendees',
        format: 'csv',
        now: '2026-12-01T23:00:00.000Z',
        pageRows: 10,
        onProgress: (p) => void done.push(p.rows_done),
      })
      return done.slice(1, -1)
    }
    expect(await pagesOf()).toEqual([10, 20, 25])
    const stop = giveWayToTheDoor(() => true)
    try {
      // 10 rows sized for STEP_TARGET_MS, 4 for GIVING_WAY_TARGET_MS.
      expect((await pagesOf()).slice(0, 3)).toEqual([4, 8, 12])
    } finally {
      stop()
    }
  })

  it('walks at most WALK_IDS ids a page, so an event among big ones never reads theirs in one step', async () => {
    const sold = (id: number) =>
      core.call('assign', { event_id: id, customer: { name: 'Guest' }, quantity: 3 })
    const before = seededEvent(core, 3).eventId
    sold(before)
    // 2.5 walks of another event's tickets between the two.
    seededEvent(core, Math.round(WALK_IDS * 2.5), { capacity: WALK_IDS * 3, code_length: 6 })
    const after = seededEvent(core, 3).eventId
    sold(after)
    const now = '2026-12-01T23:00:00.000Z'
    const { page } = REPORTS.attendees

    const last = page(core.store, before, 0, PAGE_ROWS, now)
    expect(last.rows).toHaveLength(3)
    expect(last).toMatchObject({ last: WALK_IDS, done: false })
    const first = page(core.store, after, 0, PAGE_ROWS, now)
    expect(first).toMatchObject({ rows: [], last: WALK_IDS, done: false })

    for (const eventId of [before, after]) {
      const file = await buildExport({ store: core.store, eventId, report: 'attendees', format: 'csv', now })
      expect(file.rows).toBe(3)
      const codes = core
        .call('listTickets', { event_id: eventId, status: 'assigned' })
        .tickets.map((t) => t.short_code)
      for (const code of codes) expect(file.content.joined()).toContain(`${code},`)
    }
  })
})
