// The box office's after-sale changes to one ticket: void it, transfer it to a
// new holder, or give money back on its sale. Each asks why, says what the door
// will answer from then on, and shows each refusal beside the field it is about.
import { useState, type FormEvent, type ReactNode } from 'react'
import type { InputOf, OperationName, OutputOf } from '../../../../shared/contract'
import { fieldProblems } from '../../../../shared/errors'
import { PAYMENT_METHODS, type PaymentMethod, type TicketView } from '../../../../shared/views'
import { client, errorMessage } from '../../api'
import { useQuery } from '../../api/hooks'
import { Button, Checkbox, ErrorNote, Field, Select, formatMoney } from '../../components/ui'
import { Dialog } from '../../door/Dialog'

export type TicketChange = 'void' | 'transfer' | 'refund'

interface Problems {
  fields: Record<string, string>
  form: string | null
}

const NONE: Problems = { fields: {}, form: null }

/** Runs one change; a refusal's field problems go beside their fields, the rest above the buttons. */
function useChange<N extends OperationName>(name: N) {
  const [busy, setBusy] = useState(false)
  const [problems, setProblems] = useState<Problems>(NONE)
  async function run(input: InputOf<N>): Promise<OutputOf<N> | null> {
    setBusy(true)
    setProblems(NONE)
    try {
      return await client.call(name, input)
    } catch (failure) {
      const fields: Record<string, string> = {}
      for (const { path, message } of fieldProblems(failure)) fields[path] ??= message
      setProblems({ fields, form: Object.keys(fields).length ? null : errorMessage(failure) })
      return null
    } finally {
      setBusy(false)
    }
  }
  // What the seller changes next may answer the refusal, so it goes as they type.
  const forget = () => setProblems((p) => (p === NONE ? p : NONE))
  return { run, busy, problems, forget }
}

const PAYMENT_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  comp: 'Comp (free)',
  other: 'Other',
}

function Buttons({
  busy,
  label,
  tone,
  onClose,
}: {
  busy: boolean
  label: string
  tone?: 'danger'
  onClose(): void
}) {
  return (
    <div className="flex justify-end gap-3 pt-2">
      <Button tone="secondary" className="h-12 min-w-28" onClick={onClose}>
        Cancel
      </Button>
      <Button type="submit" tone={tone ?? 'primary'} className="h-12 min-w-36" disabled={busy}>
        {busy ? 'Saving…' : label}
      </Button>
    </div>
  )
}

function TicketLine({ ticket }: { ticket: TicketView }) {
  return (
    <p className="text-slate-300">
      Code <span className="font-mono text-lg font-semibold text-white">{ticket.short_code ?? '—'}</span>
      {ticket.ticket_type_name && <> · {ticket.ticket_type_name}</>}
      {ticket.holder_name && <> · {ticket.holder_name}</>}
    </p>
  )
}

export function VoidDialog({ ticket, onClose, onDone }: DialogProps) {
  const change = useChange('voidTicket')
  const [reason, setReason] = useState('')
  async function submit(event: FormEvent) {
    event.preventDefault()
    const voided = await change.run({ ticket_id: ticket.id, reason })
    if (voided) onDone(`Ticket ${voided.short_code ?? voided.id} is void: the door answers VOID to it now.`)
  }
  return (
    <Dialog title="Void ticket" onClose={onClose} onSubmit={(e) => void submit(e)}>
      <TicketLine ticket={ticket} />
      <p className="text-sm text-amber-200">
        The door refuses this code and its QR code at once. No money goes back: use Refund… for that.
      </p>
      <Field
        label="Why is it voided?"
        value={reason}
        maxLength={500}
        required
        error={change.problems.fields.reason}
        onChange={(e) => {
          change.forget()
          setReason(e.target.value)
        }}
      />
      <ErrorNote>{change.problems.form}</ErrorNote>
      <Buttons busy={change.busy} label="Void ticket" tone="danger" onClose={onClose} />
    </Dialog>
  )
}

export function TransferDialog({ ticket, onClose, onDone }: DialogProps) {
  const change = useChange('transferTicket')
  const [holder, setHolder] = useState({ name: '', email: '', phone: '' })
  const [reason, setReason] = useState('')
  async function submit(event: FormEvent) {
    event.preventDefault()
    const moved = await change.run({
      ticket_id: ticket.id,
      holder: {
        name: holder.name,
        email: holder.email.trim() || undefined,
        phone: holder.phone.trim() || undefined,
      },
      reason: reason.trim() || undefined,
    })
    if (moved) {
      onDone(
        `Transferred to ${moved.holder_name}: the new code is ${moved.short_code}` +
          `${holder.email.trim() ? `, emailed to ${holder.email.trim()}` : ''}. The old code ${ticket.short_code} answers VOID.`,
      )
    }
  }
  const field = (key: keyof typeof holder) => ({
    value: holder[key],
    error: change.problems.fields[`holder.${key}`],
    onChange: (e: { target: { value: string } }) => {
      change.forget()
      setHolder((h) => ({ ...h, [key]: e.target.value }))
    },
  })
  return (
    <Dialog title="Transfer ticket" onClose={onClose} onSubmit={(e) => void submit(e)}>
      <TicketLine ticket={ticket} />
      <p className="text-sm text-slate-400">
        The new holder gets a new code; the old code stops working at the door at once.
      </p>
      <Field label="New holder’s name" required maxLength={200} autoComplete="off" {...field('name')} />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Email (optional)" type="email" maxLength={254} autoComplete="off" {...field('email')} />
        <Field label="Phone (optional)" type="tel" maxLength={30} autoComplete="off" {...field('phone')} />
      </div>
      <Field
        label="Reason (optional)"
        value={reason}
        maxLength={500}
        error={change.problems.fields.reason}
        onChange={(e) => {
          change.forget()
          setReason(e.target.value)
        }}
      />
      <ErrorNote>{change.problems.form}</ErrorNote>
      <Buttons busy={change.busy} label="Transfer" onClose={onClose} />
    </Dialog>
  )
}

/** "12,50" or "12.50" as cents; null when it is not an amount. */
export function parseAmount(text: string): number | null {
  const cleaned = text.trim().replace(',', '.')
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null
  return Math.round(Number(cleaned) * 100)
}

function amountText(cents: number): string {
  return (cents / 100).toFixed(2)
}

export function RefundDialog({ ticket, onClose, onDone }: DialogProps) {
  const sale = useQuery('getSale', ticket.sale_id === null ? null : { sale_id: ticket.sale_id })
  if (sale.data) return <RefundForm sale={sale.data} ticket={ticket} onClose={onClose} onDone={onDone} />
  return (
    <Dialog title="Refund" onClose={onClose} onSubmit={(e) => e.preventDefault()}>
      {sale.error ? <ErrorNote>{sale.error}</ErrorNote> : <p className="text-slate-400">Loading the sale…</p>}
      <Buttons busy label="Refund" onClose={onClose} />
    </Dialog>
  )
}

function RefundForm({ sale, ticket, onClose, onDone }: DialogProps & { sale: OutputOf<'getSale'> }) {
  const change = useChange('refundSale')
  const valid = sale.tickets.filter((t) => t.status !== 'void')
  // A full refund is the usual case: every ticket still valid, and all that is left of the money.
  const [chosen, setChosen] = useState<number[]>(valid.map((t) => t.id))
  const [amount, setAmount] = useState(amountText(sale.refundable_cents))
  const [typed, setTyped] = useState(false)
  const [method, setMethod] = useState<PaymentMethod>(sale.payment_method)
  const [reason, setReason] = useState('')
  const [resell, setResell] = useState(false)
  const [amountProblem, setAmountProblem] = useState<string | null>(null)

  function choose(id: number, on: boolean) {
    change.forget()
    const next = on ? [...chosen, id] : chosen.filter((x) => x !== id)
    setChosen(next)
    // The amount follows the tickets chosen until the seller types one.
    if (!typed) {
      const price = sale.tickets
        .filter((t) => next.includes(t.id))
        .reduce((s, t) => s + (t.price_cents ?? 0), 0)
      setAmount(
        amountText(
          next.length === valid.length ? sale.refundable_cents : Math.min(price, sale.refundable_cents),
        ),
      )
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const cents = parseAmount(amount)
    if (cents === null) {
      setAmountProblem('Type the amount like 15.00')
      return
    }
    setAmountProblem(null)
    const done = await change.run({
      sale_id: sale.id,
      amount_cents: cents,
      payment_method: method,
      reason,
      ticket_ids: chosen.length ? chosen : undefined,
      resell,
    })
    if (done) {
      const back = formatMoney(done.refund.amount_cents, sale.currency)
      const tickets = done.refund.ticket_ids.length
      onDone(
        `${back} refunded by ${method}` +
          (tickets ? `; ${tickets === 1 ? '1 ticket is' : `${tickets} tickets are`} void` : '') +
          (done.resold_ticket_ids.length ? ` and back on sale.` : '.'),
      )
    }
  }

  return (
    <Dialog title="Refund" onClose={onClose} onSubmit={(e) => void submit(e)}>
      <p className="text-slate-300">
        Sale to <span className="font-semibold text-white">{sale.customer.name}</span>:{' '}
        {formatMoney(sale.amount_cents, sale.currency)} paid by {sale.payment_method}
        {sale.refunded_cents > 0 && <>, {formatMoney(sale.refunded_cents, sale.currency)} refunded already</>}
        .
      </p>
      {sale.refunds.length > 0 && (
        <ul className="space-y-1 text-xs text-slate-400" aria-label="Earlier refunds">
          {sale.refunds.map((r) => (
            <li key={r.id}>
              {formatMoney(r.amount_cents, sale.currency)} by {r.payment_method}: {r.reason}
            </li>
          ))}
        </ul>
      )}
      {valid.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-slate-300">
            Tickets that go back (they become void)
          </legend>
          {valid.map((t) => (
            <Checkbox
              key={t.id}
              className="min-h-10 items-center"
              label={`Code ${t.short_code}${t.ticket_type_name ? ` · ${t.ticket_type_name}` : ''}${t.id === ticket.id ? ' (this ticket)' : ''}`}
              hint={t.price_cents !== null ? formatMoney(t.price_cents, sale.currency) : undefined}
              checked={chosen.includes(t.id)}
              onChange={(e) => choose(t.id, e.target.checked)}
            />
          ))}
        </fieldset>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="Amount"
          inputMode="decimal"
          value={amount}
          hint={`At most ${formatMoney(sale.refundable_cents, sale.currency)} is left to refund.`}
          error={amountProblem ?? change.problems.fields.amount_cents}
          onChange={(e) => {
            change.forget()
            setAmountProblem(null)
            setTyped(true)
            setAmount(e.target.value)
          }}
        />
        <Select
          label="Money goes back by"
          value={method}
          error={change.problems.fields.payment_method}
          onChange={(e) => {
            change.forget()
            setMethod(e.target.value as PaymentMethod)
          }}
        >
          {PAYMENT_METHODS.map((m) => (
            <option key={m} value={m}>
              {PAYMENT_LABELS[m]}
            </option>
          ))}
        </Select>
      </div>
      <Field
        label="Why does the money go back?"
        value={reason}
        required
        maxLength={500}
        error={change.problems.fields.reason}
        onChange={(e) => {
          change.forget()
          setReason(e.target.value)
        }}
      />
      {chosen.length > 0 && (
        <Checkbox
          label="Put the tickets back on sale"
          hint="A fresh ticket of the same type is made available for each one returned."
          checked={resell}
          onChange={(e) => setResell(e.target.checked)}
        />
      )}
      <ErrorNote>{change.problems.form ?? change.problems.fields.ticket_ids}</ErrorNote>
      <Buttons busy={change.busy} label="Refund" tone="danger" onClose={onClose} />
    </Dialog>
  )
}

interface DialogProps {
  ticket: TicketView
  onClose(): void
  onDone(message: string): void
}

/** The dialog of one change, or nothing. */
export function TicketChangeDialog({
  change,
  ...props
}: DialogProps & { change: TicketChange | null }): ReactNode {
  if (change === 'void') return <VoidDialog {...props} />
  if (change === 'transfer') return <TransferDialog {...props} />
  if (change === 'refund') return <RefundDialog {...props} />
  return null
}
