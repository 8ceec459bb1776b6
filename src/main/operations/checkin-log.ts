// The check-in log (SPEC §5.3): every door attempt of an event, accepted or not,
// online or uploaded later, in the order the doors scanned them; an export
// (exports/reports.ts) as CSV and XLSX.
import type Database from 'better-sqlite3'
import { stationLabel } from '../../shared/stations'
import { prepared } from '../db/prepared'
import { UUID } from './checkin'
import type { Cell } from './reconciliation'

// The index on (event_id, scanned_at) walks them in scan order without a sort.
const LOG_SQL = `
  SELECT c.scanned_at, c.uploaded_at, c.station, c.operator, c.code_typed, t.short_code, c.direction,
         c.result, c.offline, c.conflict, tt.name AS ticket_type_name
    FROM checkin c
    LEFT JOIN ticket t ON t.id = c.ticket_id
    LEFT JOIN ticket_type tt ON tt.id = t.ticket_type_id
   WHERE c.event_id = +?
   ORDER BY c.scanned_at, c.id`

interface LogRow {
  scanned_at: string
  uploaded_at: string
  station: string
  operator: string
  code_typed: string
  short_code: string | null
  direction: 'in' | 'out'
  result: string
  offline: number
  conflict: number
  ticket_type_name: string | null
}

/** The code as the door took it: a scanned uuid is the QR code's secret, so it becomes the ticket's code. */
function codeOf(row: LogRow): string {
  if (!UUID.test(row.code_typed)) return row.code_typed
  return row.short_code ? `${row.short_code} (scanned)` : '(scanned)'
}

export const CHECKIN_LOG_HEADER = [
  'scanned_at',
  'uploaded_at',
  'station',
  'operator',
  'code',
  'direction',
  'result',
  'offline',
  'conflict',
  'ticket_type',
]

function logCells(r: LogRow): Cell[] {
  return [
    r.scanned_at,
    r.uploaded_at,
    stationLabel(r.station),
    r.operator,
    codeOf(r),
    r.direction,
    r.result,
    r.offline ? 'yes' : 'no',
    r.conflict ? 'yes' : 'no',
    r.ticket_type_name,
  ]
}

/** `limit` rows of the log after the first `skip`, in scan order. */
export function checkinLogPage(
  sqlite: Database.Database,
  eventId: number,
  skip: number,
  limit: number,
): Cell[][] {
  const rows = prepared(sqlite, `${LOG_SQL} LIMIT +? OFFSET +?`).all(eventId, limit, skip) as LogRow[]
  return rows.map(logCells)
}
