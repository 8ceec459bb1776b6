// Creating an event: what the organizer knows before the first ticket is sold.
import { useState, type FormEvent } from 'react'
import { MAX_CODE_LENGTH } from '../../../../shared/contract'
import type { EventView } from '../../../../shared/views'
import { useAction } from '../../api/hooks'
import { Button, Card, Checkbox, ErrorNote, Field, Notice, Select } from '../../components/ui'
import { withFieldLabels } from './labels'
import { localInputToIso, tonightAtEight } from './time'

const LABELS = {
  name: 'Name',
  venue: 'Venue',
  starts_at: 'Doors open',
  ends_at: 'Ends',
  capacity: 'Capacity',
  code_length: 'Code length',
}

const CODE_LENGTHS = Array.from({ length: MAX_CODE_LENGTH - 2 }, (_, i) => i + 3)

export function NewEventForm({ onCreated }: { onCreated(event: EventView): void }) {
  const create = useAction('createEvent')
  const [name, setName] = useState('')
  const [venue, setVenue] = useState('')
  const [startsAt, setStartsAt] = useState(tonightAtEight)
  const [endsAt, setEndsAt] = useState('')
  const [capacity, setCapacity] = useState('200')
  const [codeLength, setCodeLength] = useState(3)
  const [reentry, setReentry] = useState(false)
  const [created, setCreated] = useState<EventView | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setCreated(null)
    const event = await create.run({
      name,
      venue,
      // An unreadable date goes to the server as typed, so its message names the field.
      starts_at: localInputToIso(startsAt) ?? startsAt,
      ends_at: endsAt ? (localInputToIso(endsAt) ?? endsAt) : null,
      capacity: Number(capacity),
      code_length: codeLength,
      allow_reentry: reentry,
    })
    if (!event) return
    setCreated(event)
    // The next event starts from a blank form, not from a copy of this one.
    setName('')
    setVenue('')
    setStartsAt(tonightAtEight())
    setEndsAt('')
    setCapacity('200')
    setCodeLength(3)
    setReentry(false)
    onCreated(event)
  }

  const codes = 10 ** codeLength
  const share = Number(capacity) / codes
  return (
    <Card title="New event">
      <form onSubmit={submit} className="space-y-4">
        <Field label="Name" required value={name} onChange={(e) => setName(e.target.value)} />
        <Field label="Venue" value={venue} onChange={(e) => setVenue(e.target.value)} />
        <div className="grid grid-cols-1 gap-4">
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
        </div>
        <div className="grid grid-cols-2 gap-4">
          <Field
            label="Capacity"
            type="number"
            min={1}
            required
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
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
          checked={reentry}
          onChange={(e) => setReentry(e.target.checked)}
        />
        <ErrorNote>{create.error && withFieldLabels(create.error, LABELS)}</ErrorNote>
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
