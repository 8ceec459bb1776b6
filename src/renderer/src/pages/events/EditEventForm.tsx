// Changing an event after it was created: what the organizer got wrong or what
// changed since. The host keeps the rules (capacity never below the tickets
// already seeded, never above the codes there are) and says so when refused.
import type { FormEvent } from 'react'
import type { EventView } from '../../../../shared/views'
import { useAction } from '../../api/hooks'
import { Button, Checkbox, ErrorNote, Field } from '../../components/ui'
import { draftInput, EVENT_FIELD_LABELS, useEventDraft } from './eventDraft'
import { withFieldLabels } from './labels'
import { isoToLocalInput } from './time'

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
  const { draft, set } = useEventDraft(() => ({
    name: event.name,
    venue: event.venue,
    startsAt: isoToLocalInput(event.starts_at),
    endsAt: event.ends_at ? isoToLocalInput(event.ends_at) : '',
    capacity: String(event.capacity),
    reentry: event.allow_reentry,
  }))
  const codes = 10 ** event.code_length

  async function submit(e: FormEvent) {
    e.preventDefault()
    const saved = await update.run({ event_id: event.id, ...draftInput(draft) })
    if (saved) onSaved(saved)
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Edit event"
      className="mb-4 space-y-4 rounded-lg border border-edge bg-ink/40 p-4"
    >
      <div className="grid grid-cols-2 gap-4">
        <Field label="Name" required value={draft.name} onChange={(e) => set('name', e.target.value)} />
        <Field label="Venue" value={draft.venue} onChange={(e) => set('venue', e.target.value)} />
        <Field
          label="Doors open"
          type="datetime-local"
          required
          value={draft.startsAt}
          onChange={(e) => set('startsAt', e.target.value)}
        />
        <Field
          label="Ends"
          type="datetime-local"
          hint="Optional"
          value={draft.endsAt}
          onChange={(e) => set('endsAt', e.target.value)}
        />
        <Field
          label="Capacity"
          type="number"
          min={1}
          required
          hint={`At least ${seeded.toLocaleString()} (tickets seeded), at most ${codes.toLocaleString()} (${event.code_length}-digit codes).`}
          value={draft.capacity}
          onChange={(e) => set('capacity', e.target.value)}
        />
        <Checkbox
          className="self-center"
          label="Allow re-entry"
          hint="Guests may leave and come back in; the door scans them out."
          checked={draft.reentry}
          onChange={(e) => set('reentry', e.target.checked)}
        />
      </div>
      <ErrorNote>{update.error && withFieldLabels(update.error, EVENT_FIELD_LABELS)}</ErrorNote>
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
