// Cash-up at the end of a shift: what one station or operator sold and refunded
// between two times, by payment method, and the cash the drawer should hold.
// Printable: the print style sheet shows this card alone, in black on white.
import { useState } from 'react'
import type { InputOf } from '../../../../shared/contract'
import { useQuery } from '../../api/hooks'
import { Button, Card, ErrorNote, Field, formatDateTime, formatMoney } from '../../components/ui'
import { METHOD_LABELS } from './RevenueTable'

const cell = 'py-2 text-right tabular-nums'

/** A datetime-local value ("2026-12-01T20:00") as an ISO time in this computer's zone. */
function isoOf(local: string): string | undefined {
  if (!local) return undefined
  const at = new Date(local)
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString()
}

export function CashUp({ eventId, eventName }: { eventId: number; eventName: string }) {
  const [station, setStation] = useState('')
  const [operator, setOperator] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const input: InputOf<'cashUp'> = {
    event_id: eventId,
    station: station.trim() || undefined,
    operator: operator.trim() || undefined,
    from: isoOf(from),
    to: isoOf(to),
  }
  const cashUp = useQuery('cashUp', input)
  const data = cashUp.data
  return (
    <Card title="Cash-up" className="print-area">
      <div className="mb-4 grid grid-cols-4 gap-3 print:hidden">
        <Field
          label="Station"
          placeholder="Every station"
          value={station}
          onChange={(e) => setStation(e.target.value)}
        />
        <Field
          label="Operator"
          placeholder="Every operator"
          value={operator}
          onChange={(e) => setOperator(e.target.value)}
        />
        <Field
          label="Shift from"
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <Field label="Shift to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <ErrorNote>{cashUp.error}</ErrorNote>
      {data && (
        <div className="space-y-4">
          <p className="text-sm text-slate-300" data-testid="cash-up-scope">
            {eventName} · {data.station ?? 'every station'} · {data.operator ?? 'every operator'} ·{' '}
            {data.from ? formatDateTime(data.from) : 'from the first sale'} –{' '}
            {data.to ? formatDateTime(data.to) : 'until now'}
          </p>
          <table className="w-full text-sm">
            <thead>
              <tr className="text-xs tracking-wide text-slate-400 uppercase">
                <th className="pb-2 text-left font-medium">Payment</th>
                <th className="pb-2 text-right font-medium">Sales</th>
                <th className="pb-2 text-right font-medium">Taken</th>
                <th className="pb-2 text-right font-medium">Refunds</th>
                <th className="pb-2 text-right font-medium">Given back</th>
                <th className="pb-2 text-right font-medium">Net</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-edge">
              {data.lines.map((l) => (
                <tr key={l.payment_method} data-testid="cash-up-line" data-method={l.payment_method}>
                  <th scope="row" className="py-2 text-left font-medium">
                    {METHOD_LABELS[l.payment_method]}
                  </th>
                  <td className={cell}>{l.sales}</td>
                  <td className={cell}>{formatMoney(l.sales_cents, data.currency)}</td>
                  <td className={cell}>{l.refunds}</td>
                  <td className={cell}>{formatMoney(l.refunds_cents, data.currency)}</td>
                  <td className={cell}>{formatMoney(l.net_cents, data.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-edge font-semibold">
              <tr>
                <th scope="row" className="py-2 text-left">
                  Total
                </th>
                <td className={cell}>{data.totals.sales}</td>
                <td className={cell}>{formatMoney(data.totals.sales_cents, data.currency)}</td>
                <td className={cell}>{data.totals.refunds}</td>
                <td className={cell}>{formatMoney(data.totals.refunds_cents, data.currency)}</td>
                <td className={cell}>{formatMoney(data.totals.net_cents, data.currency)}</td>
              </tr>
            </tfoot>
          </table>
          <div className="flex items-end justify-between gap-4">
            <p className="text-lg">
              Cash expected in the drawer, beyond its float:{' '}
              <strong className="text-2xl tabular-nums" data-testid="cash-expected">
                {formatMoney(data.cash_expected_cents, data.currency)}
              </strong>
            </p>
            <Button tone="secondary" className="h-12 print:hidden" onClick={() => window.print()}>
              Print
            </Button>
          </div>
          <p className="hidden text-xs print:block">
            Printed {formatDateTime(data.generated_at)}. Counted by: ____________
          </p>
        </div>
      )}
    </Card>
  )
}
