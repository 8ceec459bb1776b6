// One event on the Events page: live counts, its ticket types and seeding,
// editing it, and archiving it once it is over.
import { useState } from 'react'
import { PHASE_LABELS, eventPhase } from '../../../../shared/event-phase'
import type { EventView, TicketCounts } from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import { ShareBar } from '../../components/ShareBar'
import { Badge, Button, Card, ErrorNote, Notice, formatDateTime } from '../../components/ui'
import { EditEventForm } from './EditEventForm'
import { SeedForm } from './SeedForm'
import { AddTicketTypeForm, TicketTypeTable } from './TicketTypes'

const STATUS_TONE = { active: 'good', closed: 'neutral', cancelled: 'bad' } as const
const PHASE_TONE = { upcoming: 'info', on_now: 'good', past: 'neutral' } as const

export function seededOf(counts: TicketCounts): number {
  return counts.available + counts.assigned + counts.checked_in + counts.void
}

function Count({ label, value, tone = '' }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded-lg border border-edge bg-ink px-3 py-2">
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className={`text-xl font-semibold tabular-nums ${tone}`}>{value.toLocaleString()}</dd>
    </div>
  )
}

export function EventCard({ event }: { event: EventView }) {
  const details = useQuery('getEvent', { event_id: event.id })
  const types = details.data?.ticket_types ?? []
  const { counts } = event
  const seeded = seededOf(counts)
  const sold = counts.assigned + counts.checked_in
  const phase = eventPhase(event)
  const [editing, setEditing] = useState(false)
  const archive = useAction('archiveEvent')
  const unarchive = useAction('unarchiveEvent')
  const archivable = !event.archived_at && (phase === 'past' || event.status === 'cancelled')

  async function setArchived(archived: boolean) {
    // The write itself refreshes the lists that show the event (api/invalidation.ts).
    if (archived) await archive.run({ event_id: event.id })
    else await unarchive.run({ event_id: event.id })
  }

  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="min-w-0">{event.name}</span>
          <Badge tone={PHASE_TONE[phase]}>{PHASE_LABELS[phase]}</Badge>
          {event.status !== 'active' && <Badge tone={STATUS_TONE[event.status]}>{event.status}</Badge>}
          {event.archived_at && <Badge>archived</Badge>}
          {event.allow_reentry && <Badge tone="info">re-entry</Badge>}
        </span>
      }
      aside={
        <>
          {!editing && (
            <Button tone="secondary" className="py-1 text-sm" onClick={() => setEditing(true)}>
              Edit event
            </Button>
          )}
          {archivable && (
            <Button
              tone="secondary"
              className="py-1 text-sm"
              disabled={archive.busy}
              onClick={() => void setArchived(true)}
            >
              Archive
            </Button>
          )}
          {event.archived_at && (
            <Button
              tone="secondary"
              className="py-1 text-sm"
              disabled={unarchive.busy}
              onClick={() => void setArchived(false)}
            >
              Unarchive
            </Button>
          )}
        </>
      }
    >
      {editing ? (
        <EditEventForm
          event={event}
          seeded={seeded}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="-mt-3 mb-4 text-sm text-slate-400 wrap-anywhere">
          {[event.venue, formatDateTime(event.starts_at)].filter(Boolean).join(' · ')}
          {event.ends_at && ` – ${formatDateTime(event.ends_at)}`} · {event.code_length}-digit codes
        </p>
      )}
      <ErrorNote>{archive.error ?? unarchive.error}</ErrorNote>

      <dl className="mb-2 grid grid-cols-5 gap-2" aria-label={`Counts for ${event.name}`}>
        <Count label="Capacity" value={event.capacity} />
        <Count label="Available" value={counts.available} />
        <Count label="Sold" value={sold} tone="text-accent" />
        <Count label="Checked in" value={counts.checked_in} tone="text-emerald-300" />
        <Count label="Void" value={counts.void} tone={counts.void ? 'text-red-300' : ''} />
      </dl>
      <div
        className="mb-4 h-1.5 overflow-hidden rounded-full bg-ink"
        role="meter"
        aria-label="Sold of capacity"
        aria-valuemin={0}
        aria-valuemax={event.capacity}
        aria-valuenow={sold}
      >
        <ShareBar share={sold / event.capacity} fill="fill-accent" className="h-full" />
      </div>

      {event.warnings.map((w) => (
        <div key={w} className="mb-4">
          <Notice>{w}</Notice>
        </div>
      ))}

      <div className="grid grid-cols-2 gap-6 border-t border-edge pt-4">
        <div className="min-w-0 space-y-4">
          <h3 className="text-sm font-semibold text-slate-200">Ticket types</h3>
          <ErrorNote>{details.error}</ErrorNote>
          <TicketTypeTable types={types} />
          <AddTicketTypeForm eventId={event.id} currency={types[0]?.currency ?? 'EUR'} />
        </div>
        <div className="min-w-0 space-y-4">
          <h3 className="text-sm font-semibold text-slate-200">Inventory</h3>
          <p className="text-sm text-slate-400">
            {seeded.toLocaleString()} of {event.capacity.toLocaleString()} tickets seeded,{' '}
            {sold.toLocaleString()} sold.
          </p>
          <SeedForm eventId={event.id} room={event.capacity - seeded} types={types} />
        </div>
      </div>
    </Card>
  )
}
