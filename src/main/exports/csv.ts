// Rows as spreadsheet-safe CSV, for every CSV file Ticketi writes: quoted the
// way papaparse's unparse quotes them, but built with Array.join. unparse grows
// one string by `+=`, a chain of pieces that keeps every cell alive until the
// whole 10 MB file is joined, which makes the garbage collector hold the event
// loop for tens of milliseconds at a time.
import type { Cell } from '../operations/reconciliation'

/**
 * A cell a spreadsheet would run as a formula: it starts with = + - @, a tab or a CR. Only the
 * first character counts: papaparse's own pattern (/^[=+\-@\t\r].*$/) lets "=1\n2" through.
 */
const FORMULA = /^[=+\-@\t\r]/
/** What makes papaparse quote a cell: a quote, a separator, a line break, a BOM, a space at either end. */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/
const QUOTES = /"/g

function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return String(cell)
  if (FORMULA.test(cell)) return `"'${cell.replace(QUOTES, '""')}"`
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(QUOTES, '""')}"` : cell
}

/** Rows as CSV lines, each ending in CRLF; one flat string, none of its cells kept. */
export function csvLines(rows: Cell[][]): string {
  const lines = new Array<string>(rows.length + 1)
  for (let i = 0; i < rows.length; i++) lines[i] = rows[i]!.map(csvCell).join(',')
  lines[rows.length] = ''
  return rows.length === 0 ? '' : lines.join('\r\n')
}
