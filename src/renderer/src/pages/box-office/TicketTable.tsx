// The tickets a search found, with what the seller needs to answer a customer.
import type { EmailStatus, TicketStatus, TicketView } from '../../../../shared/views'
import { Badge, Button, formatDateTime } from '../../components/ui'
import type { TicketChange } from './TicketDialogs'

const STATUS: Record<TicketStatus, { label: string; tone: 'neutral' | 'good' | 'info' | 'bad' }> = {
  available: { label: 'available', tone: 'neutral' },
  assigned: { label: 'sold', tone: 'info' },
  checked_in: { label: 'checked in', tone: 'good' },
  void: { label: 'void', tone: 'bad' },
}

const EMAIL: Record<EmailStatus, { label: string; tone: 'neutral' | 'good' | 'warn' | 'bad' }> = {
  delivered: { label: 'delivered', tone: 'good' },
  pending: { label: 'pending', tone: 'warn' },
  failed: { label: 'failed', tone: 'bad' },
  none: { label: 'no email', tone: 'neutral' },
}

const th = 'px-3 pb-2 font-medium'
const td = 'px-3 py-2.5 align-middle'
// Big enough to hit with a finger on a touch screen.
const action = 'min-h-10 px-3 py-1 text-xs whitespace-nowrap'

export function TicketTable({
  tickets,
  resending,
  onResend,
  onChange,
}: {
  tickets: TicketView[]
  resending: boolean
  onResend(ticketId: number): void
  /** Opens the void, transfer or refund dialog of a ticket. */
  onChange(ticket: TicketView, change: TicketChange): void
}) {
  if (tickets.length === 0) return null
  return (
    <div className="-mx-3 overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs tracking-wide text-slate-400 uppercase">
            <th className={th}>Code</th>
            <th className={th}>Customer</th>
            <th className={th}>Ticket type</th>
            <th className={th}>Status</th>
            <th className={th}>Email</th>
            <th className={th}>Checked in</th>
            <th className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-edge">
          {tickets.map((t) => (
            <tr key={t.id} data-testid="ticket-row">
              <td className={`${td} font-mono text-lg font-semibold tracking-wider`}>
                {t.short_code ?? '—'}
              </td>
              <td className={td}>
                <p>{t.customer?.name ?? '—'}</p>
                <p className="text-xs text-slate-400">
                  {[
                    t.holder_name && t.holder_name !== t.customer?.name && `for ${t.holder_name}`,
                    t.customer?.email,
                    t.customer?.phone,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </td>
              <td className={td}>{t.ticket_type_name ?? '—'}</td>
              <td className={td}>
                <Badge tone={STATUS[t.status].tone}>{STATUS[t.status].label}</Badge>
                {t.status === 'void' && (
                  <span className="mt-1 block max-w-56 text-xs text-slate-400" data-testid="void-note">
                    {[t.void_reason, t.voided_at && formatDateTime(t.voided_at)].filter(Boolean).join(' · ')}
                  </span>
                )}
              </td>
              <td className={td}>
                <Badge tone={EMAIL[t.email_status].tone}>{EMAIL[t.email_status].label}</Badge>
              </td>
              <td className={`${td} text-slate-300`}>
                {t.checked_in_at ? (
                  <>
                    {formatDateTime(t.checked_in_at)}
                    {t.checked_in_by && (
                      <span className="block text-xs text-slate-400">{t.checked_in_by}</span>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className={`${td} text-right`}>
                <div className="flex flex-wrap justify-end gap-1.5">
                  {(t.status === 'assigned' || t.status === 'checked_in') && t.customer?.email && (
                    <Button
                      tone="secondary"
                      className={action}
                      disabled={resending}
                      aria-label={`Resend code ${t.short_code} to ${t.customer.email}`}
                      onClick={() => onResend(t.id)}
                    >
                      Resend
                    </Button>
                  )}
                  {t.status === 'assigned' && (
                    <Button
                      tone="secondary"
                      className={action}
                      aria-label={`Transfer ticket ${t.short_code}`}
                      onClick={() => onChange(t, 'transfer')}
                    >
                      Transfer…
                    </Button>
                  )}
                  {/* Money can go back on a sale whose ticket was voided first. */}
                  {t.sale_id !== null && t.refund_id === null && t.replaced_by === null && (
                    <Button
                      tone="secondary"
                      className={action}
                      aria-label={`Refund ticket ${t.short_code}`}
                      onClick={() => onChange(t, 'refund')}
                    >
                      Refund…
                    </Button>
                  )}
                  {t.status !== 'void' && (
                    <Button
                      tone="secondary"
                      className={`${action} hover:border-red-400`}
                      aria-label={`Void ticket ${t.short_code ?? t.id}`}
                      onClick={() => onChange(t, 'void')}
                    >
                      Void…
                    </Button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
