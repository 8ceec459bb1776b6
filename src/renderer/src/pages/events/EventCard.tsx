// One event on the Events page: live counts, its ticket types and seeding.
import type { EventView, TicketCounts } from '../../../../shared/views'
import { useQuery } from '../../api/hooks'
import { Badge, Card, ErrorNote, Notice, formatDateTime } from '../../components/ui'
import { SeedForm } from './SeedForm'
import { AddTicketTypeForm, TicketTypeTable } from './TicketTypes'

const STATUS_TONE = { active: 'good', closed: 'neutral', cancelled: 'bad' } as const

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

export function EventCard({ event, onChanged }: { event: EventView; onChanged(): void }) {
  const details = useQuery('getEvent', { event_id: event.id })
  const types = details.data?.ticket_types ?? []
  const { counts } = event
  const seeded = seededOf(counts)
  const sold = counts.assigned + counts.checked_in

  function changed() {
    details.refresh()
    onChanged()
  }

  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-3">
          {event.name}
          <Badge tone={STATUS_TONE[event.status]}>{event.status}</Badge>
          {event.allow_reentry && <Badge tone="info">re-entry</Badge>}
        </span>
      }
    >
      <p className="-mt-3 mb-4 text-sm text-slate-400">
        {[event.venue, formatDateTime(event.starts_at)].filter(Boolean).join(' · ')}
        {event.ends_at && ` – ${formatDateTime(event.ends_at)}`} · {event.code_length}-digit codes
      </p>

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
        <div
          className="h-full bg-accent"
          style={{ width: `${Math.min(100, (sold / event.capacity) * 100)}%` }}
        />
      </div>

      {event.warnings.map((w) => (
        <div key={w} className="mb-4">
          <Notice>{w}</Notice>
        </div>
      ))}

      <div className="grid grid-cols-2 gap-6 border-t border-edge pt-4">
        <div className="space-y-4">
          <h3 className="text-sm font-semibold text-slate-200">Ticket types</h3>
          <ErrorNote>{details.error}</ErrorNote>
          <TicketTypeTable types={types} />
          <AddTicketTypeForm eventId={event.id} currency={types[0]?.currency ?? 'EUR'} onAdded={changed} />
        </div>
        <div className="space-y-4">
          <h3 className="text-sm font-semibold text-slate-200">Inventory</h3>
          <p className="text-sm text-slate-400">
            {seeded.toLocaleString()} of {event.capacity.toLocaleString()} tickets seeded,{' '}
            {sold.toLocaleString()} sold.
          </p>
          <SeedForm eventId={event.id} room={event.capacity - seeded} types={types} onSeeded={changed} />
        </div>
      </div>
    </Card>
  )
}
