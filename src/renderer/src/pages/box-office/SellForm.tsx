// Selling at the counter: who buys, what, how they pay. Enter sells; the form
// then clears what belonged to that sale (customer, quantity, payment) for the
// next one and keeps only the ticket type. A walk-in may leave name, email and
// phone empty: the codes are read out instead of emailed.
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
import { NO_PROBLEMS, saleProblems, withoutProblem, type SaleField } from './saleError'

const PAYMENT_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  comp: 'Complimentary (free)',
  other: 'Other',
}

const DEFAULT_PAYMENT: PaymentMethod = 'cash'
const blankCustomer = { name: '', email: '', phone: '', holder: '' }
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim())

const CUSTOMER_FIELDS: Record<keyof typeof blankCustomer, SaleField> = {
  name: 'customer.name',
  email: 'customer.email',
  phone: 'customer.phone',
  holder: 'holder_name',
}

export function SellForm({ event, onSold }: { event: EventDetails; onSold(sale: AssignResult): void }) {
  const left = useQuery('reconciliation', { event_id: event.id })
  const [customer, setCustomer] = useState(blankCustomer)
  const [typeId, setTypeId] = useState<number | null>(event.ticket_types[0]?.id ?? null)
  const [quantity, setQuantity] = useState('1')
  const [payment, setPayment] = useState<PaymentMethod>(DEFAULT_PAYMENT)
  const [problems, setProblems] = useState(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)
  const nameInput = useRef<HTMLInputElement>(null)

  const availableOf = (id: number) =>
    left.data?.ticket_types.find((t) => t.ticket_type_id === id)?.available ?? null
  const soldOut = (id: number) => availableOf(id) === 0
  // A type that sold out meanwhile gives way to the first one still on sale.
  const chosen = event.ticket_types.find((t) => t.id === typeId) ?? event.ticket_types[0] ?? null
  const type =
    chosen && soldOut(chosen.id) ? (event.ticket_types.find((t) => !soldOut(t.id)) ?? chosen) : chosen
  const count = Number(quantity) || 0
  const total = payment === 'comp' ? 0 : (type?.price_cents ?? 0) * count

  function changed(field: SaleField) {
    setProblems((current) => withoutProblem(current, field))
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      const sale = await client.call('assign', {
        event_id: event.id,
        customer: {
          name: optional(customer.name),
          email: optional(customer.email),
          phone: optional(customer.phone),
        },
        holder_name: optional(customer.holder),
        ...(type ? { ticket_type_id: type.id } : {}),
        quantity: count,
        payment_method: payment,
      })
      // Everything but the type belonged to this sale: a comp must never carry over to the next guest.
      setCustomer(blankCustomer)
      setQuantity('1')
      setPayment(DEFAULT_PAYMENT)
      left.refresh()
      onSold(sale)
      nameInput.current?.focus()
    } catch (failure) {
      setProblems(saleProblems(failure))
    } finally {
      setBusy(false)
    }
  }

  const set = (field: keyof typeof blankCustomer) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setCustomer({ ...customer, [field]: e.target.value })
    changed(CUSTOMER_FIELDS[field])
  }
  const problem = (field: SaleField) => problems.fields[field]

  return (
    <Card title="Sell tickets">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="grid grid-cols-2 gap-4">
          <Field
            ref={nameInput}
            label="Customer name"
            placeholder="Walk-in"
            autoFocus
            value={customer.name}
            error={problem('customer.name')}
            onChange={set('name')}
          />
          <Field
            label="Email"
            type="email"
            value={customer.email}
            error={problem('customer.email')}
            onChange={set('email')}
          />
          <Field
            label="Phone"
            type="tel"
            value={customer.phone}
            error={problem('customer.phone')}
            onChange={set('phone')}
          />
          <Field
            label="Ticket holder"
            placeholder="If not the buyer"
            value={customer.holder}
            error={problem('holder_name')}
            onChange={set('holder')}
          />
        </div>
        <p className="-mt-2 text-xs text-slate-400">
          A walk-in paying at the counter may leave name, email and phone empty: read the codes out.
        </p>
        <div className="grid grid-cols-[1fr_6rem_1fr] gap-4">
          <Select
            label="Ticket type"
            value={type?.id ?? ''}
            error={problem('ticket_type_id')}
            onChange={(e) => {
              setTypeId(Number(e.target.value) || null)
              changed('ticket_type_id')
            }}
          >
            {event.ticket_types.length === 0 && <option value="">Tickets without a type</option>}
            {event.ticket_types.map((t) => {
              const available = availableOf(t.id)
              return (
                <option key={t.id} value={t.id} disabled={available === 0}>
                  {t.name} · {formatMoney(t.price_cents, t.currency)}
                  {available === null ? '' : available === 0 ? ' · sold out' : ` · ${available} left`}
                </option>
              )
            })}
          </Select>
          <Field
            label="Quantity"
            type="number"
            min={1}
            max={100}
            aria-invalid={problem('quantity') ? true : undefined}
            value={quantity}
            onChange={(e) => {
              setQuantity(e.target.value)
              changed('quantity')
            }}
          />
          <Select
            label="Payment"
            value={payment}
            error={problem('payment_method')}
            onChange={(e) => {
              setPayment(e.target.value as PaymentMethod)
              changed('payment_method')
            }}
          >
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {PAYMENT_LABELS[m]}
              </option>
            ))}
          </Select>
        </div>
        {/* A shortage can say a lot; it goes under the row, not squeezed into the narrow quantity column. */}
        <ErrorNote>{problem('quantity')}</ErrorNote>
        <ErrorNote>{problems.form}</ErrorNote>
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
