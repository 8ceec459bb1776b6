// Door conflicts (SPEC §5.2): tickets let in more than once by doors that could
// not see each other. Every uploaded admission counts (the guest is inside); the
// ones the host could not count first are kept with conflict = 1 and listed here
// with every admission of their ticket, so the organizer sees who came in where.
import type Database from 'better-sqlite3'
import { stationLabel } from '../../shared/stations'
import type { CheckInResult, DoorAdmission, DoorConflictTicket, DoorConflicts } from '../../shared/views'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import { UUID, type DoorTicket } from './checkin'
import { DOOR_TICKET_BY_ID_SQL } from './ticket-read-model'
import { findEvent } from './events'
import { slug, toSpreadsheetCsv } from './reconciliation'

// Conflict rows are few, and the partial index checkin_conflict holds only them: named, since
// the planner otherwise walks every check-in of the event in the scan-order index (30 ms at
// 20,000, for the door counters every 250 ms). A conflict on a code the host does not know has
// no ticket: each such code is a conflict of its own.
const COUNT_SQL = `
  SELECT count(DISTINCT coalesce(ticket_id, 'code ' || code_typed)) FROM checkin INDEXED BY checkin_conflict
   WHERE event_id = ? AND conflict = 1`

const CONFLICTED_SQL = `
  SELECT ticket_id, min(code_typed) AS code_typed FROM checkin INDEXED BY checkin_conflict
   WHERE event_id = ? AND conflict = 1
   GROUP BY coalesce(ticket_id, 'code ' || code_typed) ORDER BY min(id)`

// An admission: a guest let in (OK, in), or let in by a door offline when the host could not count it.
const ADMISSION_COLUMNS = `id, station, scanned_at, uploaded_at, offline, result`
const TICKET_ADMISSIONS_SQL = `
  SELECT ${ADMISSION_COLUMNS} FROM checkin
   WHERE ticket_id = ? AND event_id = ? AND ((result = 'OK' AND direction = 'in') OR conflict = 1)
   ORDER BY scanned_at, id`
const CODE_ADMISSIONS_SQL = `
  SELECT ${ADMISSION_COLUMNS} FROM checkin
   WHERE ticket_id IS NULL AND event_id = ? AND code_typed = ? AND conflict = 1
   ORDER BY scanned_at, id`

interface AdmissionRow {
  id: number
  station: string
  scanned_at: string
  uploaded_at: string
  offline: number
  result: CheckInResult
}

/** How many tickets of the event were let in more than once: the door counters show it. */
export function countDoorConflicts(sqlite: Database.Database, eventId: number): number {
  return prepared(sqlite, COUNT_SQL).pluck().get(eventId) as number
}

/** The admission that counted is the ticket's check-in: the one at its checked-in time, else the first OK. */
function admissions(rows: AdmissionRow[], ticket: DoorTicket | undefined): DoorAdmission[] {
  const counted = rows.filter((r) => r.result === 'OK')
  const first = counted.find((r) => r.scanned_at === ticket?.checked_in_at) ?? counted[0]
  return rows.map((r) => ({
    checkin_id: r.id,
    station: stationLabel(r.station),
    scanned_at: r.scanned_at,
    uploaded_at: r.uploaded_at,
    offline: r.offline === 1,
    result: r.result,
    first: r === first,
  }))
}

export function doorConflicts(sqlite: Database.Database, eventId: number): DoorConflicts {
  const conflicted = prepared(sqlite, CONFLICTED_SQL).all(eventId) as Array<{
    ticket_id: number | null
    code_typed: string
  }>
  const tickets = conflicted.map(({ ticket_id, code_typed }): DoorConflictTicket => {
    if (ticket_id === null) {
      // No ticket of the host has this code; a scanned uuid is never written out.
      const rows = prepared(sqlite, CODE_ADMISSIONS_SQL).all(eventId, code_typed) as AdmissionRow[]
      const code = UUID.test(code_typed) ? null : code_typed
      return {
        ticket_id,
        short_code: code,
        holder_name: null,
        ticket_type_name: null,
        admissions: admissions(rows, undefined),
      }
    }
    const ticket = prepared(sqlite, DOOR_TICKET_BY_ID_SQL).get(ticket_id) as DoorTicket
    const rows = prepared(sqlite, TICKET_ADMISSIONS_SQL).all(ticket_id, eventId) as AdmissionRow[]
    return {
      ticket_id,
      short_code: ticket.short_code,
      holder_name: ticket.holder_name,
      ticket_type_name: ticket.ticket_type_name,
      admissions: admissions(rows, ticket),
    }
  })
  return { event_id: eventId, tickets }
}

/** One line per admission, Excel-safe like the other exports. */
export function doorConflictsCsv(report: DoorConflicts): string {
  const header = [
    'code',
    'holder',
    'ticket_type',
    'station',
    'scanned_at',
    'uploaded_at',
    'offline',
    'result',
    'first',
  ]
  const rows = report.tickets.flatMap((t) =>
    t.admissions.map((a) => [
      t.short_code,
      t.holder_name,
      t.ticket_type_name,
      a.station,
      a.scanned_at,
      a.uploaded_at,
      a.offline ? 'offline' : 'online',
      a.result,
      a.first ? 'yes' : 'no',
    ]),
  )
  return toSpreadsheetCsv(header, rows)
}

export const doorConflictOperations: Pick<Handlers, 'doorConflicts' | 'doorConflictsCsv'> = {
  doorConflicts({ event_id }, { store: { db, sqlite } }) {
    findEvent(db, event_id)
    return doorConflicts(sqlite, event_id)
  },
  doorConflictsCsv({ event_id }, { store: { db, sqlite }, now }) {
    const ev = findEvent(db, event_id)
    return {
      filename: `door-conflicts-${slug(ev.name)}-${now.slice(0, 10)}.csv`,
      content: doorConflictsCsv(doorConflicts(sqlite, event_id)),
    }
  },
}
