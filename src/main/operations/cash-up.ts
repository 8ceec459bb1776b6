// Cash-up: what one operator or station took and gave back over a shift, by
// payment method, and so the cash the drawer should hold beyond its float.
import type { CashUpLine, PaymentMethod } from '../../shared/views'
import { PAYMENT_METHODS } from '../../shared/views'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import { findEvent } from './events'

interface MethodSum {
  payment_method: PaymentMethod
  n: number
  cents: number
}

/** The shift's filter: every bound left out matches everything. Times are ISO strings, so they sort. */
const SHIFT = `event_id = @event_id
  AND (@from IS NULL OR created_at >= @from) AND (@to IS NULL OR created_at < @to)
  AND (@operator IS NULL OR operator = @operator) AND (@station IS NULL OR station = @station)`

const SALES_SQL = `SELECT payment_method, count(*) AS n, sum(amount_cents) AS cents
  FROM sale WHERE ${SHIFT} GROUP BY payment_method`
const REFUNDS_SQL = `SELECT payment_method, count(*) AS n, sum(amount_cents) AS cents
  FROM refund WHERE ${SHIFT} GROUP BY payment_method`

/** Stored times are UTC with milliseconds ("...T20:00:00.000Z"); a bound given with an offset is made so too. */
function utc(time: string | undefined): string | null {
  return time === undefined ? null : new Date(time).toISOString()
}

export const cashUpOperations: Pick<Handlers, 'cashUp'> = {
  cashUp({ event_id, from, to, operator, station }, { store: { db, sqlite }, now }) {
    const ev = findEvent(db, event_id)
    const params = {
      event_id,
      from: utc(from),
      to: utc(to),
      operator: operator ?? null,
      station: station ?? null,
    }
    const sales = new Map(
      (prepared(sqlite, SALES_SQL).all(params) as MethodSum[]).map((s) => [s.payment_method, s]),
    )
    const refunds = new Map(
      (prepared(sqlite, REFUNDS_SQL).all(params) as MethodSum[]).map((r) => [r.payment_method, r]),
    )
    const lines: CashUpLine[] = PAYMENT_METHODS.map((method) => {
      const sold = sales.get(method)
      const back = refunds.get(method)
      const salesCents = sold?.cents ?? 0
      const refundsCents = back?.cents ?? 0
      return {
        payment_method: method,
        sales: sold?.n ?? 0,
        sales_cents: salesCents,
        refunds: back?.n ?? 0,
        refunds_cents: refundsCents,
        net_cents: salesCents - refundsCents,
      }
    })
    const sum = (pick: (l: CashUpLine) => number) => lines.reduce((total, l) => total + pick(l), 0)
    const currency =
      (prepared(sqlite, 'SELECT currency FROM ticket_type WHERE event_id = ? ORDER BY id LIMIT 1')
        .pluck()
        .get(event_id) as string | undefined) ?? 'EUR'
    return {
      event: { id: ev.id, name: ev.name },
      currency,
      from: params.from,
      to: params.to,
      operator: params.operator,
      station: params.station,
      generated_at: now,
      lines,
      totals: {
        sales: sum((l) => l.sales),
        sales_cents: sum((l) => l.sales_cents),
        refunds: sum((l) => l.refunds),
        refunds_cents: sum((l) => l.refunds_cents),
        net_cents: sum((l) => l.net_cents),
      },
      cash_expected_cents: lines.find((l) => l.payment_method === 'cash')!.net_cents,
    }
  },
}
