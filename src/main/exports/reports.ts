// What each export holds, read from the database a page at a time: the attendee
// list from the one ticket read model, the payments from the sales, and the
// reconciliation from the same counts the Reports page shows.
import type { ExportReport } from '../../shared/exports'
import { stationLabel } from '../../shared/stations'
import type { Store } from '../db/open'
import { prepared } from '../db/prepared'
import { countTickets } from '../operations/ticket-counts'
import { findEvent } from '../operations/events'
import {
  money,
  reconcile,
  RECONCILIATION_HEADER,
  reconciliationTable,
  type Cell,
} from '../operations/reconciliation'
import { CHECKIN_LOG_HEADER, checkinLogPage } from '../operations/checkin-log'
import { TICKET_SELECT_SQL } from '../operations/ticket-read-model'
import type { TicketRow } from '../operations/ticket-view'

/** How many rows one step reads and writes before the door gets its turn again (about STEP_TARGET_MS). */
export const PAGE_ROWS = 2_000

// Pages walk the rows in id order: "+event_id" keeps SQLite on the rowid range
// instead of an event index it would then sort for every page.

/**
 * The most ids one page walks. The rows of an event lie among every other event's, so an
 * unbounded page read every row after the event's last one to find that none was left (55 ms
 * past a 300,000-ticket event in the night bench), or every row before its first one.
 */
export const WALK_IDS = 20_000

export interface ReportDefinition {
  /** The file name's first word: attendees-jazz-night-2026-12-01.csv */
  file: string
  header: string[]
  /** Rows to expect, for the progress bar. */
  count(store: Store, eventId: number): number
  /**
   * Up to `limit` rows after the key `after` (0 first), the key the next page starts after,
   * and whether this page was the last. A page may hold fewer rows and not be the last.
   */
  page(store: Store, eventId: number, after: number, limit: number, now: string): Page
}

export interface Page {
  rows: Cell[][]
  last: number
  done: boolean
}

const on = (at: string | null) => at ?? null

/**
 * A page of the rows of `table` walked by id, at most WALK_IDS of them: `sql` takes the id to
 * start after, the id to end at, the event and the page size (in that order), and `cells`
 * makes one row of the file from each.
 */
function pageById<R extends { id: number }>(
  table: 'ticket' | 'sale' | 'refund',
  sql: string,
  cells: (row: R) => Cell[],
): ReportDefinition['page'] {
  return ({ sqlite }, eventId, after, limit) => {
    const end = after + WALK_IDS
    const found = prepared(sqlite, sql).all(after, end, eventId, limit) as R[]
    // A full page may end anywhere; a short one walked every id up to `end`.
    if (found.length === limit) return { rows: found.map(cells), last: found.at(-1)!.id, done: false }
    const highest = prepared(sqlite, `SELECT max(id) FROM ${table}`).pluck().get() as number | null
    return { rows: found.map(cells), last: end, done: end >= (highest ?? 0) }
  }
}

const attendees: ReportDefinition = {
  file: 'attendees',
  header: [
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
  ],
  // Every ticket in or waiting to come in is sold (ticket_count), and so are the void ones with
  // a sale, few and in an index of their own: counted without walking the event's tickets.
  count: ({ sqlite }, eventId) =>
    countTickets(sqlite, { eventId, status: 'assigned' }) +
    countTickets(sqlite, { eventId, status: 'checked_in' }) +
    (prepared(
      sqlite,
      `SELECT count(*) FROM ticket INDEXED BY ticket_void
        WHERE event_id = ? AND status = 'void' AND sale_id IS NOT NULL`,
    )
      .pluck()
      .get(eventId) as number),
  page: pageById<TicketRow>(
    'ticket',
    `${TICKET_SELECT_SQL} WHERE t.id > +? AND t.id <= +? AND +t.event_id = +? AND t.sale_id IS NOT NULL ORDER BY t.id LIMIT +?`,
    (t) => [
      t.short_code,
      t.holder_name,
      t.customer_name,
      t.customer_email,
      t.customer_phone,
      t.ticket_type_name,
      t.status,
      on(t.checked_in_at),
      t.checked_in_by === null ? null : stationLabel(t.checked_in_by),
      on(t.assigned_at),
      t.id,
    ],
  ),
}

/** How many rows of `table` the event has: for the progress bar. */
const rowsOfEvent =
  (table: 'sale' | 'refund' | 'checkin') =>
  ({ sqlite }: Store, eventId: number): number =>
    prepared(sqlite, `SELECT count(*) FROM ${table} WHERE event_id = ?`).pluck().get(eventId) as number

/** The currency of the money in row `alias`: its event's first ticket type's, or EUR. */
const currencyOf = (alias: string) =>
  `coalesce((SELECT tt.currency FROM ticket_type tt WHERE tt.event_id = ${alias}.event_id ORDER BY tt.id LIMIT 1), 'EUR')`

interface SaleRow {
  id: number
  created_at: string
  name: string
  email: string | null
  phone: string | null
  ticket_count: number
  payment_method: string
  amount_cents: number
  currency: string
  operator: string | null
  station: string | null
}

const sales: ReportDefinition = {
  file: 'payments',
  header: [
    'sale_id',
    'sold_at',
    'buyer',
    'buyer_email',
    'buyer_phone',
    'tickets',
    'payment_method',
    'amount',
    'currency',
    'operator',
    'station',
  ],
  count: rowsOfEvent('sale'),
  page: pageById<SaleRow>(
    'sale',
    `SELECT s.id, s.created_at, c.name, c.email, c.phone, s.ticket_count, s.payment_method, s.amount_cents,
            ${currencyOf('s')} AS currency,
            s.operator, s.station
       FROM sale s JOIN customer c ON c.id = s.customer_id
      WHERE s.id > +? AND s.id <= +? AND +s.event_id = +? ORDER BY s.id LIMIT +?`,
    (s) => [
      s.id,
      s.created_at,
      s.name,
      s.email,
      s.phone,
      s.ticket_count,
      s.payment_method,
      money(s.amount_cents),
      s.currency,
      s.operator,
      s.station === null ? null : stationLabel(s.station),
    ],
  ),
}

interface RefundRow {
  id: number
  created_at: string
  sale_id: number
  name: string
  email: string | null
  ticket_count: number
  payment_method: string
  amount_cents: number
  currency: string
  reason: string
  operator: string
  station: string
}

const refunds: ReportDefinition = {
  file: 'refunds',
  header: [
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
  ],
  count: rowsOfEvent('refund'),
  page: pageById<RefundRow>(
    'refund',
    `SELECT r.id, r.created_at, r.sale_id, c.name, c.email, r.ticket_count, r.payment_method, r.amount_cents,
            ${currencyOf('r')} AS currency,
            r.reason, r.operator, r.station
       FROM refund r JOIN sale s ON s.id = r.sale_id JOIN customer c ON c.id = s.customer_id
      WHERE r.id > +? AND r.id <= +? AND +r.event_id = +? ORDER BY r.id LIMIT +?`,
    (r) => [
      r.id,
      r.created_at,
      r.sale_id,
      r.name,
      r.email,
      r.ticket_count,
      r.payment_method,
      money(r.amount_cents),
      r.currency,
      r.reason,
      r.operator,
      stationLabel(r.station),
    ],
  ),
}

// In the order the doors scanned them, as the check-in log CSV: keyed by how many rows came before.
const checkins: ReportDefinition = {
  file: 'checkins',
  header: CHECKIN_LOG_HEADER,
  count: rowsOfEvent('checkin'),
  page({ sqlite }, eventId, after, limit) {
    const rows = checkinLogPage(sqlite, eventId, after, limit)
    return { rows, last: after + rows.length, done: rows.length < limit }
  },
}

// A few dozen rows at most: one page, from the same reconcile() the screen shows.
const reconciliation: ReportDefinition = {
  file: 'reconciliation',
  header: RECONCILIATION_HEADER,
  count: () => 1,
  page({ sqlite, db }, eventId, after, _limit, now) {
    const ev = findEvent(db, eventId)
    return { rows: reconciliationTable(reconcile(sqlite, ev, now)).rows, last: 1, done: true }
  },
}

/** The reports by name; adding one here (and its name in src/shared/exports.ts) adds it everywhere. */
export const REPORTS: Record<ExportReport, ReportDefinition> = {
  attendees,
  sales,
  refunds,
  checkins,
  reconciliation,
}
