// The night on a big screen: who is inside, how many came, and the door and the
// sales over time, in type a projector at the back of the room still shows.
// Live: the host's counts change in place, and each admission reloads the charts.
import { Link } from 'react-router'
import { useQuery } from '../api/hooks'
import { DoorChart, SalesChart } from '../charts/TimelineCharts'
import { ErrorNote } from '../components/ui'
import { LiveBadge } from '../components/LiveBadge'
import { useVenueFormat } from '../venue/format'
import { EventChooser, useChosenEvent } from './events/EventChooser'

function Figure({
  label,
  value,
  of,
  testId,
  tone = 'text-slate-100',
}: {
  label: string
  value: number
  /** What the number is out of, on a line of its own so the number keeps its size. */
  of?: string
  testId: string
  tone?: string
}) {
  return (
    <div className="rounded-2xl border border-edge bg-panel px-6 py-4">
      <dt className="text-lg font-medium tracking-wide text-slate-300 uppercase 2xl:text-xl">{label}</dt>
      <dd className={`text-6xl font-black tabular-nums 2xl:text-8xl ${tone}`} data-testid={testId}>
        {value.toLocaleString()}
      </dd>
      {of && <dd className="text-lg text-slate-400 tabular-nums 2xl:text-2xl">{of}</dd>}
    </div>
  )
}

export function NightPage() {
  const events = useQuery('listEvents', {})
  const { event, choose } = useChosenEvent(events.data)
  const counts = useQuery('doorCounts', event ? { event_id: event.id } : null)
  const timeline = useQuery('timeline', event ? { event_id: event.id } : null)
  const venue = useVenueFormat()
  const totals = counts.data?.event_id === event?.id ? counts.data?.totals : null
  const night = timeline.data?.event_id === event?.id ? timeline.data : null
  const lastSlot = night?.door.at(-1)

  return (
    <div className="flex min-h-full flex-col gap-5 p-5 2xl:gap-8 2xl:p-8">
      <header className="flex flex-wrap items-center gap-4">
        <Link to="/reports" className="text-sm text-slate-400 hover:text-slate-200">
          ← Reports
        </Link>
        <h1 className="text-4xl font-black tracking-tight 2xl:text-5xl" data-testid="night-title">
          {event?.name ?? 'Tonight'}
        </h1>
        {event && <span className="text-xl text-slate-400">{venue.dateTime(event.starts_at)}</span>}
        <div className="ml-auto flex items-end gap-4">
          <LiveBadge />
          {events.data && events.data.length > 1 && (
            <EventChooser className="w-80" events={events.data} chosen={event} onChoose={choose} />
          )}
        </div>
      </header>
      <ErrorNote>{events.error ?? counts.error ?? timeline.error}</ErrorNote>
      {events.data?.length === 0 && <p className="text-2xl text-slate-300">No events yet.</p>}
      {totals && (
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4 2xl:gap-6">
          <Figure
            label="Inside now"
            value={totals.inside_now}
            testId="night-inside"
            tone="text-emerald-300"
          />
          <Figure
            label="Checked in"
            value={totals.checked_in}
            of={`of ${totals.assigned.toLocaleString()} sold`}
            testId="night-checked-in"
          />
          <Figure
            label={`Last ${night?.slot_minutes ?? 15} min`}
            value={lastSlot?.arrivals ?? 0}
            of="arrivals"
            testId="night-last-slot"
            tone="text-accent"
          />
          <Figure label="Still to come" value={totals.no_show} of="sold, not in yet" testId="night-to-come" />
        </dl>
      )}
      {night && (
        <div className="grid min-h-0 flex-1 gap-4 xl:grid-cols-[2fr_1fr] 2xl:gap-6">
          <section
            className="flex min-h-80 flex-col rounded-2xl border border-edge bg-panel p-4"
            aria-label="The door tonight"
          >
            <h2 className="mb-2 text-2xl font-semibold">The door tonight</h2>
            <DoorChart timeline={night} fontSize={16} className="min-h-64 flex-1" />
          </section>
          <section
            className="flex min-h-80 flex-col rounded-2xl border border-edge bg-panel p-4"
            aria-label="Sales per day"
          >
            <h2 className="mb-2 text-2xl font-semibold">Sales per day</h2>
            <SalesChart timeline={night} fontSize={14} className="min-h-64 flex-1" />
          </section>
        </div>
      )}
    </div>
  )
}
