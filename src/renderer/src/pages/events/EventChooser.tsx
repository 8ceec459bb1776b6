// The event a page works on. It lives in the address (#/box-office?event=3),
// so a reload, or a link sent to a colleague, opens the same event.
import { useSearchParams } from 'react-router'
import { PHASE_LABELS, eventPhase } from '../../../../shared/event-phase'
import type { EventView } from '../../../../shared/views'
import { Select, formatDateTime } from '../../components/ui'

/** The chosen event, else the first one on sale that is not over yet, else the first on sale, else the first. */
export function pickEvent(list: EventView[], wanted: number, now = new Date()): EventView | null {
  const onSale = list.filter((e) => e.status === 'active')
  return (
    list.find((e) => e.id === wanted) ??
    onSale.find((e) => eventPhase(e, now) !== 'past') ??
    onSale[0] ??
    list[0] ??
    null
  )
}

export function useChosenEvent(events: EventView[] | null): {
  event: EventView | null
  choose(eventId: number): void
} {
  const [params, setParams] = useSearchParams()
  const event = pickEvent(events ?? [], Number(params.get('event')))
  return {
    event,
    choose: (eventId) =>
      setParams(
        (current) => {
          current.set('event', String(eventId))
          return current
        },
        { replace: true },
      ),
  }
}

/** How an event is named in every event list: name, start, on now or past, and its status unless on sale. */
export function EventOptions({ events }: { events: EventView[] }) {
  const now = new Date()
  return events.map((e) => {
    const phase = eventPhase(e, now)
    return (
      <option key={e.id} value={e.id}>
        {e.name} · {formatDateTime(e.starts_at)}
        {phase === 'upcoming' ? '' : ` · ${PHASE_LABELS[phase]}`}
        {e.status === 'active' ? '' : ` (${e.status})`}
      </option>
    )
  })
}

export function EventChooser({
  events,
  chosen,
  onChoose,
  className = '',
}: {
  events: EventView[]
  chosen: EventView | null
  onChoose(eventId: number): void
  className?: string
}) {
  return (
    <Select
      label="Event"
      className={className}
      value={chosen?.id ?? ''}
      onChange={(e) => onChoose(Number(e.target.value))}
      disabled={events.length === 0}
    >
      {events.length === 0 && <option value="">No events yet</option>}
      <EventOptions events={events} />
    </Select>
  )
}
