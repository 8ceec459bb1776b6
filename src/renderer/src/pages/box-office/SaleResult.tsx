// The codes just sold, large enough to read out across the counter.
import { useState } from 'react'
import type { AssignResult } from '../../../../shared/views'
import { useAction } from '../../api/hooks'
import { Button, Card, CopyButton, ErrorNote, formatMoney } from '../../components/ui'

export function SaleResult({ sale, currency }: { sale: AssignResult | null; currency?: string }) {
  const resend = useAction('resend')
  const [resentTo, setResentTo] = useState<string | null>(null)
  if (!sale) {
    return (
      <Card title="Codes" className="h-full">
        <p className="text-sm text-slate-400">
          The door codes of each sale appear here, large enough to read out to the customer.
        </p>
      </Card>
    )
  }
  const { customer, tickets } = sale
  const allCodes = tickets.map((t) => t.short_code).join(', ')
  return (
    <Card title={`Sold to ${customer.name}`} className="h-full">
      <ul className="space-y-3" aria-label="Codes sold">
        {tickets.map((t) => (
          <li
            key={t.id}
            className="flex items-center justify-between gap-4 rounded-lg border border-edge bg-ink px-4 py-3"
          >
            <div>
              <p
                className="font-mono text-6xl font-bold tracking-widest text-accent select-all"
                data-testid="sold-code"
              >
                {t.short_code}
              </p>
              <p className="mt-1 text-sm text-slate-400">
                {[t.ticket_type_name, t.holder_name].filter(Boolean).join(' · ') || 'Ticket'}
              </p>
            </div>
            <CopyButton text={t.short_code ?? ''} what={`code ${t.short_code}`} />
          </li>
        ))}
      </ul>
      <div className="mt-4 space-y-3 text-sm">
        <p className="text-slate-300">
          {formatMoney(sale.amount_cents, currency)} paid by {sale.payment_method}.
        </p>
        <p
          data-testid="sale-email-status"
          className={sale.email_queued ? 'text-emerald-300' : 'text-amber-200'}
        >
          {sale.email_queued
            ? `The codes are on their way to ${customer.email}.`
            : 'No email address: read the codes out or write them down for the customer.'}
        </p>
        <div className="flex flex-wrap gap-2">
          {tickets.length > 1 && <CopyButton text={allCodes} label="Copy all" what="codes" />}
          {customer.email && (
            <Button
              tone="secondary"
              className="py-1 text-sm"
              disabled={resend.busy}
              onClick={async () =>
                setResentTo((await resend.run({ ticket_id: tickets[0]!.id }))?.recipient ?? null)
              }
            >
              {resend.busy ? 'Sending…' : 'Send the email again'}
            </Button>
          )}
        </div>
        {resentTo && (
          <p role="status" className="text-emerald-300">
            Queued again for {resentTo}.
          </p>
        )}
        <ErrorNote>{resend.error}</ErrorNote>
      </div>
    </Card>
  )
}
