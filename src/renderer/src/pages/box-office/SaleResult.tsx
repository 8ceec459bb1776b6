// The codes just sold, large enough to read out across the counter, and the
// earlier sales of this session one click away (they survive a reload).
import { useState } from 'react'
import { useAction } from '../../api/hooks'
import { Button, Card, CopyButton, ErrorNote, formatMoney } from '../../components/ui'
import { EmailCodes } from './EmailCodes'
import type { RecentSale } from './recentSales'

export function SaleResult({
  sales,
  shownId,
  currency,
  onShow,
  onEmailed,
}: {
  /** This session's sales of the event, newest first. */
  sales: RecentSale[]
  shownId: number | null
  currency?: string
  onShow(saleId: number): void
  onEmailed(saleId: number, recipient: string): void
}) {
  const sale = sales.find((s) => s.sale_id === shownId) ?? sales[0] ?? null
  if (!sale) {
    return (
      <Card title="Codes" className="h-full">
        <p className="text-sm text-slate-400">
          The door codes of each sale appear here, large enough to read out to the customer.
        </p>
      </Card>
    )
  }
  return (
    <Card title={`Sold to ${sale.customer.name}`} className="h-full">
      <SaleCodes key={sale.sale_id} sale={sale} currency={currency} onEmailed={onEmailed} />
      {sales.length > 1 && <EarlierSales sales={sales} shown={sale.sale_id} onShow={onShow} />}
    </Card>
  )
}

function SaleCodes({
  sale,
  currency,
  onEmailed,
}: {
  sale: RecentSale
  currency?: string
  onEmailed(saleId: number, recipient: string): void
}) {
  const resend = useAction('emailSale')
  const [sentTo, setSentTo] = useState<string | null>(null)
  const { customer, tickets } = sale
  const allCodes = tickets.map((t) => t.short_code).join(', ')
  return (
    <>
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
                setSentTo((await resend.run({ sale_id: sale.sale_id }))?.recipient ?? null)
              }
            >
              {resend.busy ? 'Sending…' : 'Send the email again'}
            </Button>
          )}
        </div>
        {!customer.email && (
          <EmailCodes
            saleId={sale.sale_id}
            onSent={({ recipient }) => {
              setSentTo(recipient)
              onEmailed(sale.sale_id, recipient)
            }}
          />
        )}
        {sentTo && (
          <p role="status" className="text-emerald-300">
            The codes email is queued for {sentTo}.
          </p>
        )}
        <ErrorNote>{resend.error}</ErrorNote>
      </div>
    </>
  )
}

function EarlierSales({
  sales,
  shown,
  onShow,
}: {
  sales: RecentSale[]
  shown: number
  onShow(saleId: number): void
}) {
  return (
    <nav aria-label="This session’s sales" className="mt-5 border-t border-edge pt-4">
      <h3 className="mb-2 text-xs font-medium tracking-wide text-slate-400 uppercase">
        This session’s sales
      </h3>
      <ul className="space-y-1">
        {sales.map((s) => (
          <li key={s.sale_id}>
            <button
              type="button"
              aria-current={s.sale_id === shown ? 'true' : undefined}
              onClick={() => onShow(s.sale_id)}
              className="flex w-full items-center justify-between gap-3 rounded-md px-2 py-1.5 text-left text-sm hover:bg-ink aria-[current]:bg-ink aria-[current]:text-accent"
            >
              <span className="truncate">{s.customer.name}</span>
              <span className="font-mono tracking-wider text-slate-300">
                {s.tickets
                  .slice(0, 4)
                  .map((t) => t.short_code)
                  .join(' ')}
                {s.tickets.length > 4 && ` +${s.tickets.length - 4}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
