// An event's ticket types and prices: adding one, editing it, deleting one without tickets.
import { useState, type FormEvent } from 'react'
import type { TicketTypeView } from '../../../../shared/views'
import { useAction } from '../../api/hooks'
import { Button, ErrorNote, Field, formatMoney } from '../../components/ui'
import { withFieldLabels } from './labels'
import { parsePrice } from './money'

const LABELS = { name: 'Type name', price_cents: 'Price', currency: 'Currency', capacity: 'Type capacity' }

export function TicketTypeTable({ types }: { types: TicketTypeView[] }) {
  const [editing, setEditing] = useState<number | null>(null)
  if (types.length === 0) {
    return <p className="text-sm text-slate-400">No ticket types yet: tickets are sold without a price.</p>
  }
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="text-left text-xs tracking-wide text-slate-400 uppercase">
          <th className="pb-2 font-medium">Ticket type</th>
          <th className="pb-2 pl-3 text-right font-medium">Price</th>
          <th className="pb-2 pl-3 text-right font-medium">Capacity</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-edge">
        {types.map((t) =>
          editing === t.id ? (
            <tr key={t.id}>
              <td colSpan={3} className="py-2">
                <EditTicketTypeForm type={t} onDone={() => setEditing(null)} />
              </td>
            </tr>
          ) : (
            <TicketTypeRow key={t.id} type={t} onEdit={() => setEditing(t.id)} />
          ),
        )}
      </tbody>
    </table>
  )
}

function TicketTypeRow({ type: t, onEdit }: { type: TicketTypeView; onEdit(): void }) {
  const remove = useAction('deleteTicketType')
  const [confirming, setConfirming] = useState(false)

  async function confirmDelete() {
    await remove.run({ ticket_type_id: t.id })
    setConfirming(false)
  }

  const small = 'px-2! py-1! text-xs'
  return (
    <tr>
      <td className="py-2 align-top">
        <span className="block wrap-anywhere">{t.name}</span>
        <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
          {t.tickets === 0
            ? 'No tickets yet'
            : `${t.tickets.toLocaleString()} tickets, ${t.sold.toLocaleString()} sold`}
          {confirming ? (
            <>
              <span className="text-slate-300">Delete “{t.name}”?</span>
              <Button
                tone="danger"
                className={small}
                disabled={remove.busy}
                onClick={() => void confirmDelete()}
              >
                Delete
              </Button>
              <Button tone="secondary" className={small} onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </>
          ) : (
            <>
              <Button tone="secondary" className={small} aria-label={`Edit ${t.name}`} onClick={onEdit}>
                Edit
              </Button>
              {/* A type with tickets cannot be deleted: the host refuses, so the button is not offered. */}
              {t.tickets === 0 && (
                <Button
                  tone="secondary"
                  className={small}
                  aria-label={`Delete ${t.name}`}
                  onClick={() => setConfirming(true)}
                >
                  Delete
                </Button>
              )}
            </>
          )}
        </span>
        {remove.error && <ErrorNote>{remove.error}</ErrorNote>}
      </td>
      <td className="py-2 pl-3 text-right align-top tabular-nums">
        {formatMoney(t.price_cents, t.currency)}
      </td>
      <td className="py-2 pl-3 text-right align-top text-slate-400 tabular-nums">{t.capacity ?? 'Any'}</td>
    </tr>
  )
}

/** Name and price only while nothing is sold: the tickets, emails and reports already carry them. */
function EditTicketTypeForm({ type, onDone }: { type: TicketTypeView; onDone(saved: boolean): void }) {
  const update = useAction('updateTicketType')
  const [name, setName] = useState(type.name)
  const [price, setPrice] = useState((type.price_cents / 100).toFixed(2))
  const [capacity, setCapacity] = useState(type.capacity === null ? '' : String(type.capacity))
  const [priceError, setPriceError] = useState<string | null>(null)
  const fixed = type.sold > 0

  async function submit(e: FormEvent) {
    e.preventDefault()
    const cents = parsePrice(price)
    setPriceError(cents === null ? 'Price: type an amount like 12.50' : null)
    if (cents === null) return
    const saved = await update.run({
      ticket_type_id: type.id,
      ...(fixed ? {} : { name, price_cents: cents }),
      capacity: capacity.trim() === '' ? null : Number(capacity),
    })
    if (saved) onDone(true)
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label={`Edit ticket type ${type.name}`}>
      <Field
        label="Type name"
        required
        disabled={fixed}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="Price"
          inputMode="decimal"
          required
          disabled={fixed}
          value={price}
          onChange={(e) => setPrice(e.target.value)}
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
      {fixed && (
        <p className="text-xs text-slate-400">
          {type.sold.toLocaleString()} sold: the name and price are fixed. Add a new ticket type for another
          price.
        </p>
      )}
      <ErrorNote>{priceError ?? (update.error && withFieldLabels(update.error, LABELS))}</ErrorNote>
      <div className="flex gap-2">
        <Button type="submit" className="py-1 text-sm" disabled={update.busy}>
          {update.busy ? 'Saving…' : 'Save'}
        </Button>
        <Button tone="secondary" className="py-1 text-sm" onClick={() => onDone(false)}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

export function AddTicketTypeForm({
  eventId,
  currency: usualCurrency,
}: {
  eventId: number
  currency: string
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
