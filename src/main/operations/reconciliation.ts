// Reconciliation: the counts an organizer signs off at the end of the night,
// straight from the database in one read transaction, so they always agree.
import Papa from 'papaparse'
import type { PaymentMethod, Reconciliation, ReconciliationCounts } from '../../shared/views'
import { PAYMENT_METHODS } from '../../shared/views'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import { findEvent } from './events'

interface TypeRow extends Omit<ReconciliationCounts, 'capacity' | 'no_show'> {
  ticket_type_id: number | null
}

// Email status per sale is computed once for the event's sales, then joined,
// rather than per ticket. The tickets are first counted per (status, type,
// inside, sale) straight from the covering index ticket_event_status, in its
// order (no sort, no table rows), so the join and the FILTERs run over about one
// row per sale instead of one per ticket (SPEC §6: 20 ms; see BENCHMARKS.md).
const COUNTS_SQL = `
  WITH mail AS (
    SELECT o.sale_id,
           CASE WHEN max(o.status = 'sent') THEN 'delivered'
                WHEN max(o.status IN ('queued', 'sending')) THEN 'pending'
                WHEN max(o.status = 'failed') THEN 'failed' END AS status
      FROM email_outbox o JOIN sale s ON s.id = o.sale_id
     WHERE s.event_id = @event GROUP BY o.sale_id),
  grouped AS (
    SELECT status, ticket_type_id, inside, sale_id, count(*) AS n, sum(price_cents) AS price_cents
      FROM ticket WHERE event_id = @event
     GROUP BY status, ticket_type_id, inside, sale_id)
  SELECT t.ticket_type_id,
         coalesce(sum(t.n) FILTER (WHERE t.status = 'available'), 0) AS available,
         coalesce(sum(t.n) FILTER (WHERE t.status IN ('assigned', 'checked_in')), 0) AS assigned,
         coalesce(sum(t.n) FILTER (WHERE t.status IN ('assigned', 'checked_in') AND mail.status = 'delivered'), 0) AS delivered,
         coalesce(sum(t.n) FILTER (WHERE t.status IN ('assigned', 'checked_in') AND mail.status = 'pending'), 0) AS email_pending,
         coalesce(sum(t.n) FILTER (WHERE t.status IN ('assigned', 'checked_in') AND mail.status = 'failed'), 0) AS email_failed,
         coalesce(sum(t.n) FILTER (WHERE t.status = 'checked_in'), 0) AS checked_in,
         coalesce(sum(t.n) FILTER (WHERE t.inside = 1), 0) AS inside_now,
         coalesce(sum(t.n) FILTER (WHERE t.status = 'void'), 0) AS void,
         coalesce(sum(t.price_cents), 0) AS revenue_cents
    FROM grouped t LEFT JOIN mail ON mail.sale_id = t.sale_id
   GROUP BY t.ticket_type_id`

const COUNT_FIELDS = [
  'available',
  'assigned',
  'delivered',
  'email_pending',
  'email_failed',
  'checked_in',
  'inside_now',
  'void',
  'revenue_cents',
] as const

function withDerived(row: Omit<ReconciliationCounts, 'no_show'>): ReconciliationCounts {
  return { ...row, no_show: row.assigned - row.checked_in }
}

function emptyCounts(capacity: number | null): Omit<ReconciliationCounts, 'no_show'> {
  const counts = { capacity } as Omit<ReconciliationCounts, 'no_show'>
  for (const field of COUNT_FIELDS) counts[field] = 0
  return counts
}

interface ReconciledEvent {
  id: number
  name: string
  venue: string
  startsAt: string
  capacity: number
}

export function reconcile(
  sqlite: Parameters<typeof prepared>[0],
  ev: ReconciledEvent,
  now: string,
): Reconciliation {
  const eventId = ev.id
  const types = prepared(
    sqlite,
    'SELECT id, name, capacity, currency FROM ticket_type WHERE event_id = ? ORDER BY id',
  ).all(eventId) as Array<{ id: number; name: string; capacity: number | null; currency: string }>
  const rows = prepared(sqlite, COUNTS_SQL).all({ event: eventId }) as TypeRow[]
  const byType = new Map(rows.map((r) => [r.ticket_type_id, r]))
  const totals = emptyCounts(ev.capacity)
  for (const row of rows) for (const field of COUNT_FIELDS) totals[field] += row[field]

  const lines: Reconciliation['ticket_types'] = types.map((type) => {
    const { ticket_type_id: _, ...counts } = byType.get(type.id) ?? {
      ...emptyCounts(null),
      ticket_type_id: type.id,
    }
    return {
      ticket_type_id: type.id,
      name: type.name,
      ...withDerived({ ...counts, capacity: type.capacity }),
    }
  })
  const untyped = byType.get(null)
  if (untyped) {
    const { ticket_type_id: _, ...counts } = untyped
    lines.push({
      ticket_type_id: null,
      name: 'No ticket type',
      ...withDerived({ ...counts, capacity: null }),
    })
  }

  // Per sale, then per method: each sale's tickets come from the covering index
  // ticket_sale, and only the sales (not every ticket) are sorted by method.
  const revenue = prepared(
    sqlite,
    `SELECT payment_method, count(*) AS sales, sum(tickets) AS tickets, sum(amount_cents) AS amount_cents
       FROM (SELECT s.payment_method,
                    (SELECT count(*) FROM ticket t WHERE t.sale_id = s.id) AS tickets,
                    (SELECT coalesce(sum(t.price_cents), 0) FROM ticket t WHERE t.sale_id = s.id) AS amount_cents
               FROM sale s WHERE s.event_id = ?)
      GROUP BY payment_method`,
  ).all(eventId) as Reconciliation['revenue']
  const byMethod = new Map(revenue.map((r) => [r.payment_method, r]))

  return {
    event: { id: ev.id, name: ev.name, venue: ev.venue, starts_at: ev.startsAt, capacity: ev.capacity },
    currency: types[0]?.currency ?? 'EUR',
    generated_at: now,
    totals: withDerived(totals),
    ticket_types: lines,
    revenue: PAYMENT_METHODS.map(
      (method: PaymentMethod) =>
        byMethod.get(method) ?? { payment_method: method, sales: 0, tickets: 0, amount_cents: 0 },
    ),
  }
}

function money(cents: number): string {
  return (cents / 100).toFixed(2)
}

/**
 * Excel- and Sheets-safe CSV: a BOM so Excel reads UTF-8, CRLF line ends, a
 * header row, and cells that begin with = + - @ prefixed with ' so a name like
 * "=HYPERLINK(...)" stays text instead of becoming a formula.
 */
export function toSpreadsheetCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  return (
    '\uFEFF' +
    Papa.unparse({ fields: header, data: rows }, { newline: '\r\n', escapeFormulae: true }) +
    '\r\n'
  )
}

export function reconciliationCsv(report: Reconciliation): string {
  const header = [
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
  const row = (name: string, c: ReconciliationCounts) => [
    report.event.name,
    name,
    c.capacity,
    c.available,
    c.assigned,
    c.delivered,
    c.email_pending,
    c.email_failed,
    c.checked_in,
    c.inside_now,
    c.no_show,
    c.void,
    report.currency,
    money(c.revenue_cents),
  ]
  const rows = [...report.ticket_types.map((t) => row(t.name, t)), row('All ticket types', report.totals)]
  for (const r of report.revenue) {
    rows.push([
      report.event.name,
      `Paid by ${r.payment_method}`,
      null,
      null,
      r.tickets,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      report.currency,
      money(r.amount_cents),
    ])
  }
  return toSpreadsheetCsv(header, rows)
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'event'
  )
}

export const reconciliationOperations: Pick<Handlers, 'reconciliation' | 'reconciliationCsv'> = {
  reconciliation({ event_id }, { store: { db, sqlite }, now }) {
    return reconcile(sqlite, findEvent(db, event_id), now)
  },
  reconciliationCsv({ event_id }, { store: { db, sqlite }, now }) {
    const ev = findEvent(db, event_id)
    return {
      filename: `reconciliation-${slug(ev.name)}-${now.slice(0, 10)}.csv`,
      content: reconciliationCsv(reconcile(sqlite, ev, now)),
    }
  },
}
