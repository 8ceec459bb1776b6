// An event's ticket types and prices, and adding one.
import { useState, type FormEvent } from 'react'
import type { TicketTypeView } from '../../../../shared/views'
import { useAction } from '../../api/hooks'
import { Button, ErrorNote, Field, formatMoney } from '../../components/ui'
import { withFieldLabels } from './labels'
import { parsePrice } from './money'

const LABELS = { name: 'Type name', price_cents: 'Price', currency: 'Currency', capacity: 'Type capacity' }

export function TicketTypeTable({ types }: { types: TicketTypeView[] }) {
  if (types.length === 0) {
    return <p className="text-sm text-slate-400">No ticket types yet: tickets are sold without a price.</p>
  }
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="text-left text-xs tracking-wide text-slate-400 uppercase">
          <th className="pb-2 font-medium">Ticket type</th>
          <th className="pb-2 text-right font-medium">Price</th>
          <th className="pb-2 text-right font-medium">Capacity</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-edge">
        {types.map((t) => (
          <tr key={t.id}>
            <td className="py-2">{t.name}</td>
            <td className="py-2 text-right tabular-nums">{formatMoney(t.price_cents, t.currency)}</td>
            <td className="py-2 text-right text-slate-400 tabular-nums">{t.capacity ?? 'Any'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function AddTicketTypeForm({
  eventId,
  currency: usualCurrency,
  onAdded,
}: {
  eventId: number
  currency: string
  onAdded(): void
}) {
  const add = useAction('addTicketType')
  const [name, setName] = useState('')
  const [price, setPrice] = useState('')
  const [currency, setCurrency] = useState(usualCurrency)
  const [capacity, setCapacity] = useState('')
  const [priceError, setPriceError] = useState<string | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const cents = parsePrice(price)
    setPriceError(cents === null ? 'Price: type an amount like 12.50' : null)
    if (cents === null) return
    const added = await add.run({
      event_id: eventId,
      name,
      price_cents: cents,
      currency: currency.trim().toUpperCase(),
      capacity: capacity.trim() === '' ? null : Number(capacity),
    })
    if (!added) return
    setName('')
    setPrice('')
    setCapacity('')
    onAdded()
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <Field label="Type name" required value={name} onChange={(e) => setName(e.target.value)} />
      <div className="grid grid-cols-[1fr_5rem_1fr] gap-3">
        <Field
          label="Price"
          inputMode="decimal"
          placeholder="0.00"
          required
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
        <Field
          label="Currency"
          maxLength={3}
          value={currency}
          onChange={(e) => setCurrency(e.target.value)}
        />
        <Field
          label="Type capacity"
          type="number"
          min={1}
          placeholder="Any"
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
        />
      </div>
      <ErrorNote>{priceError ?? (add.error && withFieldLabels(add.error, LABELS))}</ErrorNote>
      <Button type="submit" tone="secondary" disabled={add.busy}>
        {add.busy ? 'Adding…' : 'Add ticket type'}
      </Button>
    </form>
  )
}
