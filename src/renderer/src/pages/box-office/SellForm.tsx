// Selling at the counter: who buys, what, how they pay. Enter sells; the form
// then clears for the next customer and keeps the type and payment method.
import { useRef, useState, type FormEvent } from 'react'
import {
  PAYMENT_METHODS,
  type AssignResult,
  type EventDetails,
  type PaymentMethod,
} from '../../../../shared/views'
import { client } from '../../api'
import { useQuery } from '../../api/hooks'
import { Button, Card, ErrorNote, Field, Select, formatMoney } from '../../components/ui'
import { saleError } from './saleError'

const PAYMENT_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  comp: 'Complimentary (free)',
  other: 'Other',
}

const blankCustomer = { name: '', email: '', phone: '', holder: '' }
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim())

export function SellForm({ event, onSold }: { event: EventDetails; onSold(sale: AssignResult): void }) {
  const left = useQuery('reconciliation', { event_id: event.id }, { refreshEveryMs: 5000 })
  const [customer, setCustomer] = useState(blankCustomer)
  const [typeId, setTypeId] = useState<number | null>(event.ticket_types[0]?.id ?? null)
  const [quantity, setQuantity] = useState('1')
  const [payment, setPayment] = useState<PaymentMethod>('cash')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const nameInput = useRef<HTMLInputElement>(null)

  const type = event.ticket_types.find((t) => t.id === typeId) ?? event.ticket_types[0] ?? null
  const availableOf = (id: number | null) =>
    left.data?.ticket_types.find((t) => t.ticket_type_id === id)?.available ?? null
  const count = Number(quantity) || 0
  const total = payment === 'comp' ? 0 : (type?.price_cents ?? 0) * count

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const sale = await client.call('assign', {
        event_id: event.id,
        customer: { name: customer.name, email: optional(customer.email), phone: optional(customer.phone) },
        holder_name: optional(customer.holder),
        ...(type ? { ticket_type_id: type.id } : {}),
        quantity: count,
        payment_method: payment,
      })
      setCustomer(blankCustomer)
      setQuantity('1')
      left.refresh()
      onSold(sale)
      nameInput.current?.focus()
    } catch (failure) {
      setError(saleError(failure))
    } finally {
      setBusy(false)
    }
  }

  const set = (field: keyof typeof blankCustomer) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setCustomer({ ...customer, [field]: e.target.value })

  return (
    <Card title="Sell tickets">
      <form onSubmit={submit} className="space-y-4">
        <div className="grid grid-cols-2 gap-4">
          <Field
            ref={nameInput}
            label="Customer name"
            autoFocus
            required
            value={customer.name}
            onChange={set('name')}
          />
          <Field label="Email" type="email" value={customer.email} onChange={set('email')} />
          <Field label="Phone" type="tel" value={customer.phone} onChange={set('phone')} />
          <Field
            label="Ticket holder"
            placeholder="If not the buyer"
            value={customer.holder}
            onChange={set('holder')}
          />
        </div>
        <div className="grid grid-cols-[1fr_6rem_1fr] gap-4">
          <Select
            label="Ticket type"
            value={type?.id ?? ''}
            onChange={(e) => setTypeId(Number(e.target.value) || null)}
          >
            {event.ticket_types.length === 0 && <option value="">Tickets without a type</option>}
            {event.ticket_types.map((t) => {
              const available = availableOf(t.id)
              return (
                <option key={t.id} value={t.id}>
                  {t.name} · {formatMoney(t.price_cents, t.currency)}
                  {available === null ? '' : ` · ${available} left`}
                </option>
              )
            })}
          </Select>
          <Field
            label="Quantity"
            type="number"
            min={1}
            max={100}
            required
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
          <Select
            label="Payment"
            value={payment}
            onChange={(e) => setPayment(e.target.value as PaymentMethod)}
          >
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {PAYMENT_LABELS[m]}
              </option>
            ))}
          </Select>
        </div>
        <ErrorNote>{error}</ErrorNote>
        <div className="flex items-center justify-between gap-4 border-t border-edge pt-4">
          <p className="text-sm text-slate-400">
            Total{' '}
            <span className="ml-1 text-xl font-semibold text-slate-100 tabular-nums" data-testid="sale-total">
              {formatMoney(total, type?.currency)}
            </span>
          </p>
          <Button type="submit" disabled={busy} className="px-6">
            {busy ? 'Selling…' : count > 1 ? `Sell ${count} tickets` : 'Sell ticket'}
          </Button>
        </div>
      </form>
    </Card>
  )
}
