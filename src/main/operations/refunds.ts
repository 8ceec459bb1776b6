// Refunds: money given back on a sale, in full or in part, never more than was
// paid net of earlier refunds. The tickets a refund names are void from then on;
// "refund and resell" also puts a fresh ticket of each one's type back on sale.
import { ticketUuid } from '../ticket-uuid'
import { TicketiError } from '../../shared/errors'
import type { PaymentMethod, RefundView, SaleView } from '../../shared/views'
import { prepared } from '../db/prepared'
import type { Store } from '../db/open'
import type { Handlers } from '../dispatcher'
import { TICKET_SELECT_SQL } from './ticket-read-model'
import { ticketView, type TicketRow } from './ticket-view'
import { noteVoid, setVoid } from './void-transfer'
import { formatVenueMoney } from '../../shared/venue-format'
import { venueFormat } from './venue'

type Sqlite = Store['sqlite']

interface SaleRow {
  id: number
  event_id: number
  customer_id: number
  customer_name: string
  customer_email: string | null
  customer_phone: string | null
  payment_method: PaymentMethod
  amount_cents: number
  operator: string
  station: string
  created_at: string
}

interface RefundRow {
  id: number
  sale_id: number
  amount_cents: number
  payment_method: PaymentMethod
  reason: string
  operator: string
  station: string
  created_at: string
}

function refundsOf(sqlite: Sqlite, saleId: number): RefundView[] {
  const rows = prepared(
    sqlite,
    `SELECT id, sale_id, amount_cents, payment_method, reason, operator, station, created_at
       FROM refund WHERE sale_id = ? ORDER BY id`,
  ).all(saleId) as RefundRow[]
  const ticketsOf = prepared(sqlite, 'SELECT id FROM ticket WHERE refund_id = ? ORDER BY id').pluck()
  return rows.map((r) => ({ ...r, ticket_ids: ticketsOf.all(r.id) as number[] }))
}

export function readSale(sqlite: Sqlite, saleId: number): SaleView {
  const sale = prepared(
    sqlite,
    `SELECT s.id, s.event_id, s.customer_id, c.name AS customer_name, c.email AS customer_email,
            c.phone AS customer_phone, s.payment_method, s.amount_cents, s.operator, s.station, s.created_at
       FROM sale s JOIN customer c ON c.id = s.customer_id WHERE s.id = +?`,
  ).get(saleId) as SaleRow | undefined
  if (!sale) throw new TicketiError('NOT_FOUND', `There is no sale with id ${saleId}.`)
  const tickets = prepared(sqlite, `${TICKET_SELECT_SQL} WHERE t.sale_id = +? ORDER BY t.id`).all(
    saleId,
  ) as TicketRow[]
  const currency = prepared(
    sqlite,
    `SELECT coalesce((SELECT tt.currency FROM ticket t JOIN ticket_type tt ON tt.id = t.ticket_type_id
                       WHERE t.sale_id = +? LIMIT 1), 'EUR')`,
  )
    .pluck()
    .get(saleId) as string
  const refunds = refundsOf(sqlite, saleId)
  const refunded = refunds.reduce((sum, r) => sum + r.amount_cents, 0)
  return {
    id: sale.id,
    event_id: sale.event_id,
    customer: {
      id: sale.customer_id,
      name: sale.customer_name,
      email: sale.customer_email,
      phone: sale.customer_phone,
    },
    payment_method: sale.payment_method,
    amount_cents: sale.amount_cents,
    refunded_cents: refunded,
    refundable_cents: sale.amount_cents - refunded,
    currency,
    operator: sale.operator,
    station: sale.station,
    created_at: sale.created_at,
    tickets: tickets.map(ticketView),
    refunds,
  }
}

export const refundOperations: Pick<Handlers, 'getSale' | 'refundSale'> = {
  getSale({ sale_id }, { store: { sqlite } }) {
    return readSale(sqlite, sale_id)
  },

  refundSale({ sale_id, amount_cents, payment_method, reason, ticket_ids, resell }, ctx) {
    const { sqlite } = ctx.store
    const sale = readSale(sqlite, sale_id)
    const chosen = ticket_ids ?? []
    if (amount_cents === 0 && chosen.length === 0) {
      throw new TicketiError('VALIDATION', 'Type the amount to refund, or choose the tickets that go back.', [
        { path: 'amount_cents', message: 'Type the amount to refund, or choose the tickets that go back' },
      ])
    }
    if (amount_cents > sale.refundable_cents) {
      const format = venueFormat(sqlite)
      const left = formatVenueMoney(sale.refundable_cents, sale.currency, format)
      const message =
        sale.refundable_cents === 0
          ? 'Everything paid on this sale was already refunded.'
          : `At most ${left} can be refunded on this sale: that is what was paid, less earlier refunds.`
      throw new TicketiError('VALIDATION', message, [{ path: 'amount_cents', message }])
    }
    const bySaleTicket = new Map(sale.tickets.map((t) => [t.id, t]))
    for (const id of chosen) {
      const t = bySaleTicket.get(id)
      if (!t) throw new TicketiError('NOT_FOUND', `Ticket ${id} is not part of sale ${sale_id}.`)
      if (t.status === 'void') {
        throw new TicketiError(
          'VOID',
          `Ticket ${t.short_code ?? id} is already void; refund money alone for it.`,
        )
      }
    }

    const refundId = Number(
      prepared(
        sqlite,
        `INSERT INTO refund (event_id, sale_id, amount_cents, payment_method, reason, ticket_count, operator,
                             station, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        sale.event_id,
        sale_id,
        amount_cents,
        payment_method,
        reason,
        chosen.length,
        ctx.who.operator,
        ctx.who.station,
        ctx.now,
      ).lastInsertRowid,
    )
    const resold: number[] = []
    const putBack = prepared(
      sqlite,
      `INSERT INTO ticket (uuid, event_id, ticket_type_id, status) VALUES (?, ?, ?, 'available')`,
    )
    for (const id of chosen) {
      const t = bySaleTicket.get(id)!
      if (!setVoid(sqlite, id, `Refunded: ${reason}`, ctx.now, refundId)) {
        throw new TicketiError(
          'CONFLICT',
          'A ticket changed at another station at the same moment; try again.',
        )
      }
      noteVoid(ctx, t, `Refunded: ${reason}`)
      // The refunded ticket no longer counts against the capacity, so its place can be sold again.
      if (resell)
        resold.push(Number(putBack.run(ticketUuid(), sale.event_id, t.ticket_type_id).lastInsertRowid))
    }
    ctx.changed({ kind: 'tickets', event_id: sale.event_id })
    ctx.changed({
      kind: 'live',
      type: 'refund',
      event_id: sale.event_id,
      data: {
        refund_id: refundId,
        sale_id,
        amount_cents,
        payment_method,
        ticket_ids: chosen,
        resold_ticket_ids: resold,
        at: ctx.now,
      },
    })
    ctx.audit({
      action: 'refund',
      entity: 'sale',
      entity_id: sale_id,
      before: { refunded_cents: sale.refunded_cents },
      after: {
        refund_id: refundId,
        amount_cents,
        payment_method,
        reason,
        ticket_ids: chosen,
        resold_ticket_ids: resold,
      },
    })
    const after = readSale(sqlite, sale_id)
    return { refund: after.refunds.find((r) => r.id === refundId)!, sale: after, resold_ticket_ids: resold }
  },
}
