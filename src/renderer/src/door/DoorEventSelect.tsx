// Outside the kiosk, a door or admin operator picks tonight's event; the choice
// is kept in the session (localStorage) so a reload comes back to it.
import { useId } from 'react'
import type { EventView } from '../../../shared/views'
import { EventOptions } from '../pages/events/EventChooser'

export function DoorEventSelect({
  events,
  chosenId,
  onChoose,
}: {
  events: EventView[]
  chosenId: number | null
  onChoose(eventId: number | null): void
}) {
  // A label beside the select, not around it: its name is then "Event" alone, not the options too.
  const id = useId()
  const known = events.some((e) => e.id === chosenId)
  return (
    <div className="w-[28rem] max-w-full text-sm">
      <label htmlFor={id} className="mb-1 block font-medium text-slate-300">
        Event
      </label>
      <select
        id={id}
        value={known ? String(chosenId) : ''}
        onChange={(e) => onChoose(e.target.value === '' ? null : Number(e.target.value))}
        className="w-full rounded-lg border border-edge bg-ink px-3 py-2 text-base text-slate-100 focus:border-accent focus:outline-none"
      >
        <option value="">{events.length === 0 ? 'No events yet' : 'Choose the event at this door…'}</option>
        <EventOptions events={events} />
      </select>
    </div>
  )
}
