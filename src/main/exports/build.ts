// Builds an export in steps of PAGE_ROWS rows, giving the event loop back
// between steps, so a 100,000-row file never holds a check-in up for long.
// Each step is its own short read; rows are keyed by id, so each appears once.
import { EXPORT_REPORTS, type ExportFormat, type ExportReport } from '../../shared/exports'
import type { ExportFile, ExportProgress } from '../../shared/views'
import type { Store } from '../db/open'
import type { Effects } from '../effects'
import { findEvent } from '../operations/events'
import { slug, spreadsheetCsvStart, type Cell } from '../operations/reconciliation'
import { csvLines } from './csv'
import { TextInPieces, type InPieces } from './text-in-pieces'
import { xlsxWorkbook } from './xlsx'
import { PAGE_ROWS, REPORTS, type ReportDefinition } from './reports'
import { stepTurn } from '../step-turns'
import { STEP_TARGET_MS, stepTargetMs } from '../step-size'

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export interface BuildOptions {
  store: Store
  eventId: number
  report: ExportReport
  format: ExportFormat
  now: string
  onProgress?: (progress: ExportProgress) => void
  pageRows?: number
}

/** Every page of a report, one step per page, the door served in between. */
async function* pages(definition: ReportDefinition, options: BuildOptions): AsyncGenerator<Cell[][]> {
  let after = 0
  const pageRows = options.pageRows ?? PAGE_ROWS
  // The count for the progress bar was this turn's work; the first page waits for the next.
  await stepTurn()
  for (;;) {
    // A page is sized for STEP_TARGET_MS: smaller while a door is busy.
    const limit = Math.max(1, Math.round((pageRows * stepTargetMs()) / STEP_TARGET_MS))
    const { rows, last, done } = definition.page(options.store, options.eventId, after, limit, options.now)
    if (rows.length > 0) yield rows
    if (done) return
    after = last
    await stepTurn()
  }
}

async function buildCsv(definition: ReportDefinition, options: BuildOptions, tick: (n: number) => void) {
  const parts = [spreadsheetCsvStart(definition.header)]
  for await (const rows of pages(definition, options)) {
    parts.push(csvLines(rows))
    tick(rows.length)
  }
  return parts
}

async function buildXlsx(
  definition: ReportDefinition,
  options: BuildOptions,
  tick: (n: number) => void,
  sheetName: string,
) {
  const workbook = xlsxWorkbook(sheetName.slice(0, 31), new Date(options.now))
  await workbook.addRows([definition.header])
  for await (const rows of pages(definition, options)) {
    // A page's XML costs about as much as reading it: each gets a turn of its own.
    await stepTurn()
    await workbook.addRows(rows)
    tick(rows.length)
  }
  const file = await workbook.file()
  await stepTurn()
  return [file.toString('base64')]
}

/** An export as the host holds it: its text (the CSV, or the XLSX in base64) in pieces. */
export type BuiltExport = InPieces<ExportFile>

export async function buildExport(options: BuildOptions): Promise<BuiltExport> {
  const { store, eventId, report, format, now, onProgress } = options
  const ev = findEvent(store.db, eventId)
  const definition = REPORTS[report]
  // The request's checks were this turn's work; counting the rows is the next one's.
  await stepTurn()
  const total = definition.count(store, eventId)
  let done = 0
  onProgress?.({ rows_done: 0, rows_total: total, done: false })
  const tick = (n: number) => {
    done += n
    onProgress?.({ rows_done: done, rows_total: Math.max(total, done), done: false })
  }
  const pieces =
    format === 'csv'
      ? await buildCsv(definition, options, tick)
      : await buildXlsx(definition, options, tick, EXPORT_REPORTS[report].title)
  onProgress?.({ rows_done: done, rows_total: done, done: true })
  return {
    filename: `${definition.file}-${slug(ev.name)}-${now.slice(0, 10)}.${format}`,
    content_type: CONTENT_TYPES[format],
    encoding: format === 'csv' ? 'utf-8' : 'base64',
    content: new TextInPieces(pieces),
    rows: done,
  }
}

/** How long a finished export's progress is kept for a last look. */
const PROGRESS_KEPT_MS = 60_000

export function exportEffects(
  store: Store,
  clock: () => number = Date.now,
): Pick<Effects, 'exportReport' | 'exportProgress' | 'checkinsCsv'> {
  const progress = new Map<string, ExportProgress>()
  return {
    async exportReport({ event_id, report, format, progress_id }) {
      try {
        return await buildExport({
          store,
          eventId: event_id,
          report,
          format,
          now: new Date(clock()).toISOString(),
          onProgress: progress_id ? (p) => progress.set(progress_id, p) : undefined,
        })
      } finally {
        if (progress_id) setTimeout(() => progress.delete(progress_id), PROGRESS_KEPT_MS).unref()
      }
    },
    async checkinsCsv({ event_id }) {
      const now = new Date(clock()).toISOString()
      const file = await buildExport({ store, eventId: event_id, report: 'checkins', format: 'csv', now })
      return { filename: file.filename, content: file.content }
    },
    async exportProgress({ progress_id }) {
      return progress.get(progress_id) ?? { rows_done: 0, rows_total: 0, done: false }
    },
  }
}
