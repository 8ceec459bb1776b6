// The email outbox of the event: what went out, what waits, what failed and
// why, and a way to send a sale's codes again, or to a corrected address.
import { Fragment, useState } from 'react'
import type { EmailOutboxStatus } from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import { Badge, Button, Card, ErrorNote, formatDateTime } from '../../components/ui'
import { EmailCodes } from './EmailCodes'

const STATUS: Record<EmailOutboxStatus, { label: string; tone: 'good' | 'warn' | 'info' | 'bad' }> = {
  queued: { label: 'waiting', tone: 'warn' },
  sending: { label: 'sending', tone: 'info' },
  sent: { label: 'sent', tone: 'good' },
  failed: { label: 'failed', tone: 'bad' },
}

const PAGE_SIZE = 100
const th = 'px-3 pb-2 font-medium'
const td = 'px-3 py-2.5 align-top'

export function EmailOutbox({ eventId }: { eventId: number }) {
  const outbox = useQuery('listEmails', { event_id: eventId, limit: PAGE_SIZE }, { refreshEveryMs: 5000 })
  const resend = useAction('emailSale')
  const [resentTo, setResentTo] = useState<string | null>(null)
  const [correcting, setCorrecting] = useState<number | null>(null)

  async function resendCodes(saleId: number) {
    setResentTo(null)
    const answer = await resend.run({ sale_id: saleId })
    if (answer) {
      setResentTo(answer.recipient)
      outbox.refresh()
    }
  }

  const page = outbox.data
  return (
    <Card title="Emails">
      <div className="space-y-3">
        <ErrorNote>{outbox.error ?? resend.error}</ErrorNote>
        {resentTo && (
          <p role="status" className="text-sm text-emerald-300">
            The codes email is queued again for {resentTo}.
          </p>
        )}
        {page?.total === 0 && (
          <p className="text-sm text-slate-400">
            No email for this event yet: each sale with an email address queues one here.
          </p>
        )}
        {page && page.emails.length > 0 && (
          <div className="-mx-3 overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-xs tracking-wide text-slate-400 uppercase">
                  <th className={th}>To</th>
                  <th className={th}>Status</th>
                  <th className={th}>Attempts</th>
                  <th className={th}>Last error</th>
                  <th className={th}>When</th>
                  <th className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-edge">
                {page.emails.map((email) => (
                  <Fragment key={email.id}>
                    <tr data-testid="email-row">
                      <td className={td}>
                        <p>{email.recipient}</p>
                        <p className="text-xs text-slate-400">{email.subject}</p>
                      </td>
                      <td className={td}>
                        <Badge tone={STATUS[email.status].tone}>{STATUS[email.status].label}</Badge>
                      </td>
                      <td className={`${td} tabular-nums`}>{email.attempts}</td>
                      <td
                        className={`${td} max-w-72 ${email.last_error ? 'text-red-200' : 'text-slate-400'}`}
                      >
                        {email.last_error ?? '—'}
                      </td>
                      <td className={`${td} text-slate-300`}>
                        {email.sent_at
                          ? `sent ${formatDateTime(email.sent_at)}`
                          : email.status === 'failed'
                            ? `queued ${formatDateTime(email.created_at)}`
                            : email.status === 'sending'
                              ? 'sending now'
                              : `next try ${formatDateTime(email.next_attempt_at)}`}
                      </td>
                      <td className={`${td} space-y-1 text-right`}>
                        {email.sale_id !== null && (
                          <Button
                            tone="secondary"
                            className="py-1 text-xs whitespace-nowrap"
                            disabled={resend.busy}
                            aria-label={`Resend the codes emailed to ${email.recipient}`}
                            onClick={() => void resendCodes(email.sale_id!)}
                          >
                            Resend
                          </Button>
                        )}
                        {/* A refused address is most often a typo: send to the corrected one instead. */}
                        {email.sale_id !== null && email.status === 'failed' && (
                          <Button
                            tone="secondary"
                            className="block w-full py-1 text-xs whitespace-nowrap"
                            aria-expanded={correcting === email.id}
                            aria-label={`Send to another address than ${email.recipient}`}
                            onClick={() => setCorrecting(correcting === email.id ? null : email.id)}
                          >
                            Other address
                          </Button>
                        )}
                      </td>
                    </tr>
                    {correcting === email.id && email.sale_id !== null && (
                      <tr>
                        <td colSpan={6} className="px-3 pb-3">
                          <EmailCodes
                            saleId={email.sale_id}
                            onSent={({ recipient }) => {
                              setCorrecting(null)
                              setResentTo(recipient)
                              outbox.refresh()
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page && page.total > page.emails.length && (
          <p className="text-xs text-slate-400">
            Showing the newest {page.emails.length} of {page.total} emails.
          </p>
        )}
      </div>
    </Card>
  )
}
