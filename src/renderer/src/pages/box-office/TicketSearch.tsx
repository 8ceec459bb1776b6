// Finding a sold ticket again: by the buyer's or holder's name, email, phone,
// or the code itself; and sending a customer their codes once more.
import { useDeferredValue, useState } from 'react'
import { TICKET_STATUSES, type TicketStatus, type TicketView } from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import { Card, ErrorNote, Field, Select } from '../../components/ui'
import { TicketChangeDialog, type TicketChange } from './TicketDialogs'
import { TicketTable } from './TicketTable'

const STATUS_LABELS: Record<TicketStatus, string> = {
  available: 'Available (unsold)',
  assigned: 'Sold, not yet in',
  checked_in: 'Checked in',
  void: 'Void',
}

const PAGE_SIZE = 50

export function TicketSearch({ eventId }: { eventId: number }) {
  const [q, setQ] = useState('')
  const [status, setStatus] = useState<TicketStatus | ''>('')
  // Typing stays quick; the search follows a moment later.
  const query = useDeferredValue(q.trim())
  const found = useQuery(
    'listTickets',
    query || status
      ? { event_id: eventId, q: query || undefined, status: status || undefined, limit: PAGE_SIZE }
      : null,
  )
  const resend = useAction('resend')
  const [resentTo, setResentTo] = useState<string | null>(null)
  const [changing, setChanging] = useState<{ ticket: TicketView; change: TicketChange } | null>(null)
  const [changed, setChanged] = useState<string | null>(null)

  async function resendCodes(ticketId: number) {
    setResentTo(null)
    const answer = await resend.run({ ticket_id: ticketId })
    if (answer) setResentTo(answer.recipient)
  }

  const page = found.data
  return (
    <Card title="Find tickets">
      <form
        className="mb-4 grid grid-cols-[1fr_14rem] gap-4"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          found.refresh()
        }}
      >
        <Field
          label="Search"
          type="search"
          placeholder="Name, email, phone or code"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Select
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as TicketStatus | '')}
        >
          <option value="">Any status</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </form>
      <div className="space-y-3">
        <ErrorNote>{found.error ?? resend.error}</ErrorNote>
        {changed && (
          <p role="status" className="text-sm text-emerald-300" data-testid="ticket-change-done">
            {changed}
          </p>
        )}
        {resentTo && (
          <p role="status" className="text-sm text-emerald-300">
            The codes email is queued again for {resentTo}.
          </p>
        )}
        {!query && !status && (
          <p className="text-sm text-slate-400">
            Type a name, email, phone number or code, or choose a status to list tickets.
          </p>
        )}
        {page && (query || status) && (
          <>
            <TicketTable
              tickets={page.tickets}
              resending={resend.busy}
              onResend={(id) => void resendCodes(id)}
              onChange={(ticket, change) => {
                setChanged(null)
                setChanging({ ticket, change })
              }}
            />
            <p className="text-xs text-slate-400">
              {page.total === 0
                ? 'No tickets match.'
                : page.more
                  ? `Showing ${page.tickets.length} of more than ${page.total} tickets: narrow the search to see the rest.`
                  : page.total > page.tickets.length
                    ? `Showing ${page.tickets.length} of ${page.total} tickets: narrow the search to see the rest.`
                    : `${page.total} ${page.total === 1 ? 'ticket' : 'tickets'}.`}
            </p>
          </>
        )}
      </div>
      {changing && (
        <TicketChangeDialog
          change={changing.change}
          ticket={changing.ticket}
          onClose={() => setChanging(null)}
          onDone={(message) => {
            setChanging(null)
            setChanged(message)
          }}
        />
      )}
    </Card>
  )
}
