// Changing an event after it was created: what the organizer got wrong or what
// changed since. The host keeps the rules (capacity never below the tickets
// already seeded, never above the codes there are) and says so when refused.
import { useState, type FormEvent } from 'react'
import type { EventView } from '../../../../shared/views'
import { useAction } from '../../api/hooks'
import { Button, Checkbox, ErrorNote, Field } from '../../components/ui'
import { withFieldLabels } from './labels'
import { isoToLocalInput, localInputToIso } from './time'

const LABELS = {
  name: 'Name',
  venue: 'Venue',
  starts_at: 'Doors open',
  ends_at: 'Ends',
  capacity: 'Capacity',
}

export function EditEventForm({
  event,
  seeded,
  onSaved,
  onCancel,
}: {
  event: EventView
  /** Tickets the event already has: its capacity cannot go below them. */
  seeded: number
  onSaved(event: EventView): void
  onCancel(): void
}) {
  const update = useAction('updateEvent')
  const [name, setName] = useState(event.name)
  const [venue, setVenue] = useState(event.venue)
  const [startsAt, setStartsAt] = useState(isoToLocalInput(event.starts_at))
  const [endsAt, setEndsAt] = useState(event.ends_at ? isoToLocalInput(event.ends_at) : '')
  const [capacity, setCapacity] = useState(String(event.capacity))
  const [reentry, setReentry] = useState(event.allow_reentry)
  const codes = 10 ** event.code_length

  async function submit(e: FormEvent) {
    e.preventDefault()
    const saved = await update.run({
      event_id: event.id,
      name,
      venue,
      // An unreadable date goes to the server as typed, so its message names the field.
      starts_at: localInputToIso(startsAt) ?? startsAt,
      ends_at: endsAt ? (localInputToIso(endsAt) ?? endsAt) : null,
      capacity: Number(capacity),
      allow_reentry: reentry,
    })
    if (saved) onSaved(saved)
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Edit event"
      className="mb-4 space-y-4 rounded-lg border border-edge bg-ink/40 p-4"
    >
      <div className="grid grid-cols-2 gap-4">
        <Field label="Name" required value={name} onChange={(e) => setName(e.target.value)} />
        <Field label="Venue" value={venue} onChange={(e) => setVenue(e.target.value)} />
        <Field
          label="Doors open"
          type="datetime-local"
          required
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
        />
        <Field
          label="Ends"
          type="datetime-local"
          hint="Optional"
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
        />
        <Field
          label="Capacity"
          type="number"
          min={1}
          required
          hint={`At least ${seeded.toLocaleString()} (tickets seeded), at most ${codes.toLocaleString()} (${event.code_length}-digit codes).`}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
        />
        <Checkbox
          className="self-center"
          label="Allow re-entry"
          hint="Guests may leave and come back in; the door scans them out."
          checked={reentry}
          onChange={(e) => setReentry(e.target.checked)}
        />
      </div>
      <ErrorNote>{update.error && withFieldLabels(update.error, LABELS)}</ErrorNote>
      <div className="flex gap-3">
        <Button type="submit" disabled={update.busy}>
          {update.busy ? 'Saving…' : 'Save changes'}
        </Button>
        <Button tone="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  )
}
