// Seeding makes the available tickets the box office sells from; codes are
// drawn only when a ticket is sold.
import { useState, type FormEvent } from 'react'
import type { SeedResult, TicketTypeView } from '../../../../shared/views'
import { useAction } from '../../api/hooks'
import { Button, ErrorNote, Field, Select } from '../../components/ui'
import { withFieldLabels } from './labels'

export function SeedForm({
  eventId,
  room,
  types,
}: {
  eventId: number
  /** How many more tickets the event's capacity allows. */
  room: number
  types: TicketTypeView[]
}) {
  const seed = useAction('seedInventory')
  const [count, setCount] = useState('')
  const [typeId, setTypeId] = useState('')
  const [seeded, setSeeded] = useState<SeedResult | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSeeded(null)
    const result = await seed.run({
      event_id: eventId,
      count: Number(count),
      ...(typeId ? { ticket_type_id: Number(typeId) } : {}),
    })
    if (!result) return
    setSeeded(result)
    setCount('')
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <div className="grid grid-cols-[7rem_1fr] gap-3">
        <Field
          label="Tickets to seed"
          type="number"
          min={1}
          max={room || undefined}
          placeholder={String(room)}
          required
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
        <Select label="Of ticket type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
          <option value="">No type</option>
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      </div>
      <ErrorNote>{seed.error && withFieldLabels(seed.error, { count: 'Tickets to seed' })}</ErrorNote>
      {seeded && (
        <p role="status" className="text-sm text-emerald-300">
          Seeded {seeded.created.toLocaleString()} tickets; {seeded.available.toLocaleString()} available.
        </p>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" tone="secondary" disabled={seed.busy || room === 0}>
          {seed.busy ? 'Seeding…' : 'Seed tickets'}
        </Button>
        <span className="text-xs text-slate-400">
          {room === 0 ? 'The event is fully seeded.' : `Room for ${room.toLocaleString()} more.`}
        </span>
      </div>
    </form>
  )
}
