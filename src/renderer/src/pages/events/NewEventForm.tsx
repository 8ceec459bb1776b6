// Creating an event: what the organizer knows before the first ticket is sold.
import { useState, type FormEvent } from 'react'
import { MAX_CODE_LENGTH } from '../../../../shared/contract'
import type { EventView } from '../../../../shared/views'
import { useAction } from '../../api/hooks'
import { Button, Card, Checkbox, ErrorNote, Field, Notice, Select } from '../../components/ui'
import { draftInput, EVENT_FIELD_LABELS, useEventDraft } from './eventDraft'
import { withFieldLabels } from './labels'
import { tonightAtEight } from './time'

const CODE_LENGTHS = Array.from({ length: MAX_CODE_LENGTH - 2 }, (_, i) => i + 3)

export function NewEventForm({ onCreated }: { onCreated(event: EventView): void }) {
  const create = useAction('createEvent')
  const { draft, set, reset } = useEventDraft(() => ({
    name: '',
    venue: '',
    startsAt: tonightAtEight(),
    endsAt: '',
    capacity: '200',
    reentry: false,
  }))
  const [codeLength, setCodeLength] = useState(3)
  const [created, setCreated] = useState<EventView | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setCreated(null)
    const event = await create.run({ ...draftInput(draft), code_length: codeLength })
    if (!event) return
    setCreated(event)
    // The next event starts from a blank form, not from a copy of this one.
    reset()
    setCodeLength(3)
    onCreated(event)
  }

  const codes = 10 ** codeLength
  const share = Number(draft.capacity) / codes
  return (
    <Card title="New event">
      <form onSubmit={submit} className="space-y-4">
        <Field label="Name" required value={draft.name} onChange={(e) => set('name', e.target.value)} />
        <Field label="Venue" value={draft.venue} onChange={(e) => set('venue', e.target.value)} />
        <div className="grid grid-cols-1 gap-4">
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
        </div>
        <div className="grid grid-cols-2 gap-4">
          <Field
            label="Capacity"
            type="number"
            min={1}
            required
            value={draft.capacity}
            onChange={(e) => set('capacity', e.target.value)}
          />
          <Select
            label="Code length"
            value={codeLength}
            onChange={(e) => setCodeLength(Number(e.target.value))}
          >
            {CODE_LENGTHS.map((n) => (
              <option key={n} value={n}>
                {n} digits
              </option>
            ))}
          </Select>
        </div>
        <p className="text-xs text-slate-400">
          {codes.toLocaleString()} possible codes
          {share > 0 && Number.isFinite(share) && `, ${Math.round(share * 100)}% of them used`}.
        </p>
        <Checkbox
          label="Allow re-entry"
          hint="Guests may leave and come back in; the door scans them out."
          checked={draft.reentry}
          onChange={(e) => set('reentry', e.target.checked)}
        />
        <ErrorNote>{create.error && withFieldLabels(create.error, EVENT_FIELD_LABELS)}</ErrorNote>
        {created && (
          <div className="space-y-2">
            <p role="status" className="text-sm text-emerald-300 wrap-anywhere">
              Created “{created.name}”.
            </p>
            {created.warnings.map((w) => (
              <Notice key={w}>{w}</Notice>
            ))}
          </div>
        )}
        <Button type="submit" className="w-full" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create event'}
        </Button>
      </form>
    </Card>
  )
}
