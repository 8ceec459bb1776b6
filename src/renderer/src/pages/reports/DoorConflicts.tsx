// Tickets let in more than once by doors that could not reach the host: each
// admission with its station and times, the one that counted marked, so the
// organizer can find out who came in twice. And the night's whole check-in log.
import type { DoorConflictTicket } from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import { Badge, Button, Card, ErrorNote } from '../../components/ui'
import { useVenueFormat } from '../../venue/format'
import { saveCsv } from './download'

const head = 'pb-2 text-left font-medium'
const cell = 'py-2 pr-3 align-top'

function ConflictRows({ ticket }: { ticket: DoorConflictTicket }) {
  const venue = useVenueFormat()
  const span = ticket.admissions.length
  return (
    <>
      {ticket.admissions.map((a, i) => (
        <tr
          key={a.checkin_id}
          data-testid="door-conflict-admission"
          className={i === 0 ? 'border-t border-edge' : undefined}
        >
          {i === 0 && (
            <>
              <th scope="rowgroup" rowSpan={span} className={`${cell} font-mono text-base font-semibold`}>
                {ticket.short_code ?? '–'}
              </th>
              <td rowSpan={span} className={cell}>
                {ticket.holder_name ?? <span className="text-slate-400">No such ticket</span>}
              </td>
              <td rowSpan={span} className={cell}>
                {ticket.ticket_type_name ?? '–'}
              </td>
            </>
          )}
          <td className={cell}>{a.station}</td>
          <td className={`${cell} tabular-nums`}>{venue.dateTime(a.scanned_at)}</td>
          <td className={`${cell} tabular-nums`}>{venue.dateTime(a.uploaded_at)}</td>
          <td className={cell}>{a.offline ? <Badge tone="warn">Offline</Badge> : <Badge>Online</Badge>}</td>
          <td className={cell}>
            {a.first ? <Badge tone="good">First: counted</Badge> : <Badge tone="bad">Again</Badge>}
          </td>
        </tr>
      ))}
    </>
  )
}

export function DoorConflicts({ eventId }: { eventId: number }) {
  const conflicts = useQuery('doorConflicts', { event_id: eventId })
  const conflictsCsv = useAction('doorConflictsCsv')
  const checkinsCsv = useAction('checkinsCsv')
  const tickets = conflicts.data?.event_id === eventId ? conflicts.data.tickets : null

  async function download(action: typeof conflictsCsv | typeof checkinsCsv) {
    const file = await action.run({ event_id: eventId })
    if (file) saveCsv(file)
  }

  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          Door conflicts
          {tickets && (
            <Badge tone={tickets.length > 0 ? 'bad' : 'good'}>
              <span data-testid="door-conflicts-count">{tickets.length}</span>
            </Badge>
          )}
        </span>
      }
      aside={
        <>
          <Button tone="secondary" onClick={() => void download(checkinsCsv)} disabled={checkinsCsv.busy}>
            {checkinsCsv.busy ? 'Preparing…' : 'Check-in log CSV'}
          </Button>
          <Button
            tone="secondary"
            onClick={() => void download(conflictsCsv)}
            disabled={conflictsCsv.busy || !tickets?.length}
          >
            {conflictsCsv.busy ? 'Preparing…' : 'Conflicts CSV'}
          </Button>
        </>
      }
    >
      <ErrorNote>{conflicts.error ?? conflictsCsv.error ?? checkinsCsv.error}</ErrorNote>
      {tickets?.length === 0 && (
        <p className="text-sm text-slate-300">
          No ticket was let in twice. A door that loses the host keeps letting guests in from its own list; if
          two such doors let the same ticket in, it shows here.
        </p>
      )}
      {tickets && tickets.length > 0 && (
        <>
          <p className="mb-3 text-sm text-slate-300">
            Doors that could not reach the host let these tickets in more than once. The first admission
            counted; the others may be a copied code or a guest who came back.
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-xs tracking-wide text-slate-400 uppercase">
                  <th className={head}>Code</th>
                  <th className={head}>Holder</th>
                  <th className={head}>Type</th>
                  <th className={head}>Station</th>
                  <th className={head}>Scanned at</th>
                  <th className={head}>Uploaded at</th>
                  <th className={head}>Door</th>
                  <th className={head}>Admission</th>
                </tr>
              </thead>
              <tbody>
                {tickets.map((ticket) => (
                  <ConflictRows key={ticket.ticket_id ?? `code ${ticket.short_code}`} ticket={ticket} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  )
}
