// What came in, by how it was paid, and what went back: the net is what the cash drawer
// and card terminal should show. A refund counts under the method the money went back by.
import type { PaymentMethod, Reconciliation } from '../../../../shared/views'
import { formatMoney } from '../../components/ui'

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  comp: 'Complimentary',
  other: 'Other',
}

const cell = 'py-2.5 text-right tabular-nums'

export function RevenueTable({ report }: { report: Reconciliation }) {
  const sum = (pick: (line: Reconciliation['revenue'][number]) => number) =>
    report.revenue.reduce((total, line) => total + pick(line), 0)
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="text-xs tracking-wide text-slate-400 uppercase">
          <th className="pb-2 text-left font-medium">Payment</th>
          <th className="pb-2 text-right font-medium">Sales</th>
          <th className="pb-2 text-right font-medium">Tickets</th>
          <th className="pb-2 text-right font-medium">Amount</th>
          <th className="pb-2 text-right font-medium">Refunded</th>
          <th className="pb-2 text-right font-medium">Net</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-edge">
        {report.revenue.map((line) => (
          <tr key={line.payment_method} data-testid="revenue-line" data-method={line.payment_method}>
            <th scope="row" className="py-2.5 text-left font-medium">
              {METHOD_LABELS[line.payment_method]}
            </th>
            <td className={cell}>{line.sales.toLocaleString()}</td>
            <td className={cell} data-column="tickets">
              {line.tickets.toLocaleString()}
            </td>
            <td className={cell} data-column="amount">
              {formatMoney(line.amount_cents, report.currency)}
            </td>
            <td className={cell} data-column="refunded">
              {formatMoney(line.refunded_cents, report.currency)}
            </td>
            <td className={cell} data-column="net">
              {formatMoney(line.net_cents, report.currency)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t-2 border-edge font-semibold">
        <tr>
          <th scope="row" className="py-2.5 text-left">
            Total
          </th>
          <td className={cell}>{sum((l) => l.sales).toLocaleString()}</td>
          <td className={cell}>{sum((l) => l.tickets).toLocaleString()}</td>
          <td className={cell}>
            {formatMoney(
              sum((l) => l.amount_cents),
              report.currency,
            )}
          </td>
          <td className={cell}>{formatMoney(report.refunded_cents, report.currency)}</td>
          <td className={cell} data-testid="net-revenue">
            {formatMoney(report.net_revenue_cents, report.currency)}
          </td>
        </tr>
      </tfoot>
    </table>
  )
}
