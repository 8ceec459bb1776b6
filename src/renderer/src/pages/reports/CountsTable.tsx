// Reconciliation per ticket type, every count of SPEC §4, with the event's totals underneath.
import type { Reconciliation, ReconciliationCounts } from '../../../../shared/views'
import { formatMoney } from '../../components/ui'

type Column = { key: Exclude<keyof ReconciliationCounts, 'revenue_cents'>; label: string }

export const COUNT_COLUMNS: readonly Column[] = [
  { key: 'capacity', label: 'Capacity' },
  { key: 'available', label: 'Available' },
  { key: 'assigned', label: 'Assigned' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'email_pending', label: 'Email pending' },
  { key: 'email_failed', label: 'Email failed' },
  { key: 'checked_in', label: 'Checked in' },
  { key: 'inside_now', label: 'Inside now' },
  { key: 'no_show', label: 'No-show' },
  { key: 'void', label: 'Void' },
]

const cell = 'px-2 py-2.5 text-right tabular-nums'

function Row({
  name,
  counts,
  currency,
  total = false,
}: {
  name: string
  counts: ReconciliationCounts
  currency: string
  total?: boolean
}) {
  return (
    <tr data-testid={total ? 'counts-total' : 'counts-type'} className={total ? 'font-semibold' : ''}>
      <th scope="row" className="py-2.5 pr-2 text-left font-medium wrap-anywhere">
        {name}
      </th>
      {COUNT_COLUMNS.map((c) => (
        <td key={c.key} data-column={c.key} className={cell}>
          {counts[c.key] === null ? '—' : counts[c.key]!.toLocaleString()}
        </td>
      ))}
      <td data-column="revenue" className={`${cell} pr-0`}>
        {formatMoney(counts.revenue_cents, currency)}
      </td>
    </tr>
  )
}

export function CountsTable({ report }: { report: Reconciliation }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="align-bottom text-xs tracking-wide text-slate-400 uppercase">
            <th className="pr-2 pb-2 text-left font-medium">Ticket type</th>
            {COUNT_COLUMNS.map((c) => (
              <th key={c.key} className="px-2 pb-2 text-right font-medium">
                {c.label}
              </th>
            ))}
            <th className="pb-2 pl-2 text-right font-medium">Revenue</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-edge">
          {report.ticket_types.map((t) => (
            <Row key={t.ticket_type_id ?? 'none'} name={t.name} counts={t} currency={report.currency} />
          ))}
        </tbody>
        <tfoot className="border-t-2 border-edge">
          <Row name="All ticket types" counts={report.totals} currency={report.currency} total />
        </tfoot>
      </table>
    </div>
  )
}
