// Reconciliation: the counts an organizer signs off at the end of the night,
// straight from the database in one read transaction, so they always agree.
import { csvLines } from '../exports/csv'
import type {
  DoorCounts,
  GuessingWarning,
  PaymentMethod,
  Reconciliation,
  ReconciliationCounts,
  RefundLine,
  RevenueLine,
} from '../../shared/views'
import { PAYMENT_METHODS } from '../../shared/views'
import type { Store } from '../db/open'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import { countDoorConflicts } from './door-conflicts'
import { findEvent } from './events'
import { guessWatch } from './guessing'
import { ticketGroups, type TicketGroup } from './ticket-counts'

/** The stations that look like they guess codes at this event now. */
function guessingAt(store: Store, eventId: number, now: string): GuessingWarning[] {
  const at = Date.parse(now)
  return guessWatch(store, at).warnings(eventId, at)
}

type Counts = Omit<ReconciliationCounts, 'no_show'>

// The money by payment method, from money_total (kept by triggers on sale and refund): a
// few rows, however many sales the night made.
const REVENUE_SQL = `
  SELECT payment_method, count AS sales, tickets, amount_cents FROM money_total
   WHERE event_id = ? AND kind = 'sale' AND count > 0`

// Refunds by the method the money went back by.
const REFUNDS_SQL = `
  SELECT payment_method, count AS refunds, tickets, amount_cents FROM money_total
   WHERE event_id = ? AND kind = 'refund' AND count > 0`

// Only the sold tickets without an email are read from the table, to tell their sales apart.
const SALES_WITHOUT_EMAIL_SQL = `
  SELECT count(DISTINCT sale_id) FROM ticket
   WHERE event_id = ? AND status IN ('assigned', 'checked_in') AND email_status = 'none'`

function emptyCounts(capacity: number | null): Counts {
  return {
    capacity,
    available: 0,
    assigned: 0,
    delivered: 0,
    email_pending: 0,
    email_failed: 0,
    checked_in: 0,
    inside_now: 0,
    void: 0,
    revenue_cents: 0,
  }
}

const EMAIL_COUNT = { delivered: 'delivered', pending: 'email_pending', failed: 'email_failed' } as const

function tally(counts: Counts, { status, inside, email_status, n, price_cents }: TicketGroup): void {
  if (status === 'available') counts.available += n
  if (status === 'void') counts.void += n
  if (status === 'assigned' || status === 'checked_in') {
    // "assigned" counts every ticket sold, including those already checked in.
    counts.assigned += n
    if (email_status !== 'none') counts[EMAIL_COUNT[email_status]] += n
  }
  if (status === 'checked_in') counts.checked_in += n
  if (inside) counts.inside_now += n
  counts.revenue_cents += price_cents
}

function withDerived(counts: Counts): ReconciliationCounts {
  return { ...counts, no_show: counts.assigned - counts.checked_in }
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
  {
    guessing = [],
    salesWithoutEmail = false,
  }: {
    guessing?: GuessingWarning[]
    /**
     * Counted only for the report that shows it: it reads every sold ticket without an email
     * (20 ms beside 300,000 walk-ins), too much for the door counters every 250 ms.
     */
    salesWithoutEmail?: boolean
  } = {},
): Reconciliation {
  const eventId = ev.id
  const types = prepared(
    sqlite,
    'SELECT id, name, capacity, currency FROM ticket_type WHERE event_id = ? ORDER BY id',
  ).all(eventId) as Array<{ id: number; name: string; capacity: number | null; currency: string }>
  const byType = new Map<number | null, Counts>(types.map((t) => [t.id, emptyCounts(t.capacity)]))
  const totals = emptyCounts(ev.capacity)
  let soldWithoutEmail = 0
  for (const group of ticketGroups(sqlite, eventId)) {
    if (!byType.has(group.ticket_type_id)) byType.set(group.ticket_type_id, emptyCounts(null))
    tally(byType.get(group.ticket_type_id)!, group)
    tally(totals, group)
    if (group.email_status === 'none' && (group.status === 'assigned' || group.status === 'checked_in')) {
      soldWithoutEmail += group.n
    }
  }
  const names = new Map(types.map((t) => [t.id, t.name]))
  const lines = [...byType].map(([id, counts]) => ({
    ticket_type_id: id,
    name: id === null ? 'No ticket type' : names.get(id)!,
    ...withDerived(counts),
  }))
  const revenue = prepared(sqlite, REVENUE_SQL).all(eventId) as Array<
    Omit<RevenueLine, 'refunded_cents' | 'net_cents'>
  >
  const byMethod = new Map(revenue.map((r) => [r.payment_method, r]))
  const refunds = prepared(sqlite, REFUNDS_SQL).all(eventId) as RefundLine[]
  const refundsByMethod = new Map(refunds.map((r) => [r.payment_method, r]))
  const refundLines = PAYMENT_METHODS.map(
    (method) =>
      refundsByMethod.get(method) ?? { payment_method: method, refunds: 0, tickets: 0, amount_cents: 0 },
  )
  const revenueLines = PAYMENT_METHODS.map((method: PaymentMethod): RevenueLine => {
    const sold = byMethod.get(method) ?? { payment_method: method, sales: 0, tickets: 0, amount_cents: 0 }
    const refunded = refundsByMethod.get(method)?.amount_cents ?? 0
    return { ...sold, refunded_cents: refunded, net_cents: sold.amount_cents - refunded }
  })
  const refundedCents = refundLines.reduce((sum, r) => sum + r.amount_cents, 0)

  return {
    event: { id: ev.id, name: ev.name, venue: ev.venue, starts_at: ev.startsAt, capacity: ev.capacity },
    currency: types[0]?.currency ?? 'EUR',
    generated_at: now,
    totals: withDerived(totals),
    ticket_types: lines,
    revenue: revenueLines,
    refunds: refundLines,
    refunded_cents: refundedCents,
    net_revenue_cents: revenueLines.reduce((sum, r) => sum + r.amount_cents, 0) - refundedCents,
    // Where every sold ticket has an email (the usual night), no ticket row needs reading.
    sales_without_email:
      soldWithoutEmail === 0 || !salesWithoutEmail
        ? 0
        : (prepared(sqlite, SALES_WITHOUT_EMAIL_SQL).pluck().get(eventId) as number),
    guessing,
  }
}

/** The door's view of the night: every count, and no money at all. */
export function doorCounts(report: Reconciliation, doorConflicts: number): DoorCounts {
  const { revenue_cents: _revenue, ...totals } = report.totals
  return {
    event_id: report.event.id,
    generated_at: report.generated_at,
    totals,
    guessing: report.guessing,
    door_conflicts: doorConflicts,
  }
}

export function money(cents: number): string {
  return (cents / 100).toFixed(2)
}

/** A cell of a spreadsheet row: text, a number, or empty. */
export type Cell = string | number | null

/**
 * Excel- and Sheets-safe CSV: a BOM so Excel reads UTF-8, CRLF line ends, a
 * header row, and cells that begin with = + - @ prefixed with ' so a name like
 * "=HYPERLINK(...)" stays text instead of becoming a formula.
 */
export function toSpreadsheetCsv(header: string[], rows: Cell[][]): string {
  return spreadsheetCsvStart(header) + csvLines(rows)
}

/** The start of a CSV built in steps: the BOM and the header row; csvLines (exports/csv.ts) follows. */
export function spreadsheetCsvStart(header: string[]): string {
  return '\uFEFF' + csvLines([header])
}

export const RECONCILIATION_HEADER = [
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

export function reconciliationTable(report: Reconciliation): { header: string[]; rows: Cell[][] } {
  const header = RECONCILIATION_HEADER
  const row = (name: string, c: ReconciliationCounts): Cell[] => [
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
  const moneyRow = (label: string, tickets: number | null, cents: number) => [
    report.event.name,
    label,
    null,
    null,
    tickets,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    report.currency,
    money(cents),
  ]
  for (const r of report.revenue)
    rows.push(moneyRow(`Paid by ${r.payment_method}`, r.tickets, r.amount_cents))
  // Positive amounts: a cell starting with "-" would be neutralised as a formula.
  for (const r of report.refunds) {
    if (r.refunds > 0) rows.push(moneyRow(`Refunded by ${r.payment_method}`, r.tickets, r.amount_cents))
  }
  for (const r of report.revenue) {
    rows.push(moneyRow(`Net ${r.payment_method} after refunds`, null, r.net_cents))
  }
  return { header, rows }
}

export function reconciliationCsv(report: Reconciliation): string {
  const { header, rows } = reconciliationTable(report)
  return toSpreadsheetCsv(header, rows)
}

export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'event'
  )
}

export const reconciliationOperations: Pick<Handlers, 'reconciliation' | 'reconciliationCsv' | 'doorCounts'> =
  {
    reconciliation({ event_id }, { store, now }) {
      return reconcile(store.sqlite, findEvent(store.db, event_id), now, {
        guessing: guessingAt(store, event_id, now),
        salesWithoutEmail: true,
      })
    },
    doorCounts({ event_id }, { store, now }) {
      return doorCounts(
        reconcile(store.sqlite, findEvent(store.db, event_id), now, {
          guessing: guessingAt(store, event_id, now),
        }),
        countDoorConflicts(store.sqlite, event_id),
      )
    },
    reconciliationCsv({ event_id }, { store: { db, sqlite }, now }) {
      const ev = findEvent(db, event_id)
      return {
        filename: `reconciliation-${slug(ev.name)}-${now.slice(0, 10)}.csv`,
        content: reconciliationCsv(reconcile(sqlite, ev, now)),
      }
    },
  }
