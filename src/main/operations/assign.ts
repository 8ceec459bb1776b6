// Selling: hand available tickets to a customer with fresh door codes, record
// the sale, and queue one email with all the codes (never waiting on mail).
import type Database from 'better-sqlite3'
import { TicketiError } from '../../shared/errors'
import type { AssignResult, PaymentMethod } from '../../shared/views'
import { drawCodes } from '../codes'
import { prepared } from '../db/prepared'
import type { Store } from '../db/open'
import type { Handlers, OperationContext } from '../dispatcher'
import { queueEmail } from '../mail/outbox'
import { composeTicketEmail } from '../mail/ticket-email'
import { findEvent } from './events'
import { findTicketType } from './inventory'
import { soldOut } from './sold-out'
import { venueFormat } from './venue'
import { sellToCustomer, type PickedTicket } from './sell-to-customers'
import { TICKET_SELECT_SQL } from './ticket-read-model'
import { ticketView, type TicketRow } from './ticket-view'

type Sqlite = Store['sqlite']

function ticketsOfSale(sqlite: Sqlite, saleId: number): TicketRow[] {
  return prepared(sqlite, `${TICKET_SELECT_SQL} WHERE t.sale_id = +? ORDER BY t.id`).all(
    saleId,
  ) as TicketRow[]
}

/** Who a codes email is for when not the buyer with every ticket: a transferred ticket's new holder. */
export interface EmailFor {
  name: string
  ticketIds: number[]
}

/** The buyer's tickets that went to a new holder: each left a void row naming it. */
function transferredAway(sqlite: Database.Database, customerId: number): Set<number> {
  const ids = prepared(
    sqlite,
    'SELECT replaced_by FROM ticket WHERE customer_id = ? AND replaced_by IS NOT NULL',
  )
    .pluck()
    .all(customerId) as number[]
  return new Set(ids)
}

/** Queues the codes email of a sale, listing its tickets that are still valid. */
export function queueSaleEmail(
  ctx: OperationContext,
  saleId: number,
  recipient: string,
  only?: EmailFor,
): number {
  const { sqlite } = ctx.store
  const sale = prepared(
    sqlite,
    `SELECT e.name, e.venue, e.starts_at, e.ends_at, s.customer_id, c.name AS customer_name, s.payment_method,
            s.amount_cents,
            coalesce((SELECT tt.currency FROM ticket t JOIN ticket_type tt ON tt.id = t.ticket_type_id
                       WHERE t.sale_id = s.id LIMIT 1), 'EUR') AS currency
       FROM sale s JOIN event e ON e.id = s.event_id JOIN customer c ON c.id = s.customer_id
      WHERE s.id = +?`,
  ).get(saleId) as {
    name: string
    venue: string
    starts_at: string
    ends_at: string | null
    customer_id: number
    customer_name: string
    payment_method: PaymentMethod
    amount_cents: number
    currency: string
  }
  // The buyer's email leaves out a ticket they gave to someone else: its code is the new holder's.
  const givenAway = only ? new Set<number>() : transferredAway(sqlite, sale.customer_id)
  const tickets = ticketsOfSale(sqlite, saleId).filter(
    (t) => t.status !== 'void' && !givenAway.has(t.id) && (!only || only.ticketIds.includes(t.id)),
  )
  if (tickets.length === 0) {
    throw new TicketiError(
      'NOT_ASSIGNED',
      'Every ticket of this sale is void or went to a new holder; there is no code to send.',
    )
  }
  // A new holder is told what their ticket was worth, not what the buyer paid for the whole sale.
  const amount = only ? tickets.reduce((sum, t) => sum + (t.price_cents ?? 0), 0) : sale.amount_cents
  const email = composeTicketEmail({
    event: { name: sale.name, venue: sale.venue, startsAt: sale.starts_at, endsAt: sale.ends_at },
    customerName: only?.name ?? sale.customer_name,
    tickets: tickets.map((t) => ({
      uuid: t.uuid,
      shortCode: t.short_code ?? '',
      ticketTypeName: t.ticket_type_name,
      holderName: t.holder_name,
    })),
    payment: { method: sale.payment_method, amount_cents: amount, currency: sale.currency },
    format: venueFormat(sqlite),
  })
  const outboxId = queueEmail(sqlite, { saleId, recipient, ...email }, ctx.now)
  ctx.changed({ kind: 'mailQueued', sale_id: saleId, outbox_id: outboxId })
  return outboxId
}

export const assignOperations: Pick<Handlers, 'assign' | 'resend'> = {
  assign(input, ctx): AssignResult {
    const { store, who, now, audit } = ctx
    const { sqlite, db } = store
    const owner = findEvent(db, input.event_id)
    if (owner.status !== 'active') {
      throw new TicketiError('CONFLICT', `"${owner.name}" is ${owner.status}; tickets can no longer be sold.`)
    }
    const type =
      input.ticket_type_id === undefined ? null : findTicketType(db, owner.id, input.ticket_type_id)
    // Any available ticket will do, so no ORDER BY: the index hands over the first ones it holds.
    const picked = prepared(
      sqlite,
      `SELECT t.id, tt.price_cents FROM ticket t LEFT JOIN ticket_type tt ON tt.id = t.ticket_type_id
        WHERE t.event_id = +? AND t.status = 'available' ${type ? 'AND t.ticket_type_id = +?' : ''} LIMIT +?`,
    ).all(...(type ? [owner.id, type.id, input.quantity] : [owner.id, input.quantity])) as PickedTicket[]
    if (picked.length < input.quantity) {
      throw soldOut(sqlite, { event: owner, type, asked: input.quantity, left: picked.length })
    }

    const codes = drawCodes(sqlite, owner.id, owner.codeLength, picked.length)
    const { saleId, customer, amount } = sellToCustomer(sqlite, {
      eventId: owner.id,
      customer: input.customer,
      holderName: input.holder_name,
      paymentMethod: input.payment_method,
      tickets: picked,
      codes,
      who,
      now,
    })
    ctx.changed({ kind: 'tickets', event_id: owner.id })
    ctx.changed({
      kind: 'live',
      type: 'sale',
      event_id: owner.id,
      data: { sale_id: saleId, ticket_ids: picked.map((t) => t.id), at: now },
    })

    const emailQueued = customer.email !== null
    if (customer.email) queueSaleEmail(ctx, saleId, customer.email)
    const tickets = ticketsOfSale(sqlite, saleId)
    audit({
      action: 'assign',
      entity: 'sale',
      entity_id: saleId,
      after: {
        customer_id: customer.id,
        tickets: tickets.map((t) => ({ id: t.id, short_code: t.short_code })),
      },
    })
    return {
      sale_id: saleId,
      customer,
      payment_method: input.payment_method,
      amount_cents: amount,
      tickets: tickets.map(ticketView),
      email_queued: emailQueued,
    }
  },

  resend({ ticket_id }, ctx) {
    const row = prepared(
      ctx.store.sqlite,
      `SELECT t.status, t.sale_id, c.email, p.name AS holder_name, p.email AS holder_email,
              EXISTS (SELECT 1 FROM ticket v WHERE v.customer_id = t.customer_id AND v.replaced_by = t.id)
                AS transferred
         FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id LEFT JOIN person p ON p.id = t.person_id
        WHERE t.id = +?`,
    ).get(ticket_id) as
      | {
          status: string
          sale_id: number | null
          email: string | null
          holder_name: string | null
          holder_email: string | null
          transferred: number
        }
      | undefined
    if (!row) throw new TicketiError('NOT_FOUND', `There is no ticket with id ${ticket_id}.`)
    if (row.sale_id === null || (row.status !== 'assigned' && row.status !== 'checked_in')) {
      throw new TicketiError(
        'NOT_ASSIGNED',
        `Ticket ${ticket_id} is ${row.status}; there is no code to send.`,
      )
    }
    // A ticket given to someone else goes to its new holder alone, never to the buyer again.
    const recipient = row.transferred ? row.holder_email : row.email
    if (!recipient) {
      throw new TicketiError(
        'NO_EMAIL',
        row.transferred
          ? 'The ticket’s new holder has no email address; transfer it again with one to send the code.'
          : 'This customer has no email address; add one to send the codes.',
      )
    }
    const only = row.transferred ? { name: row.holder_name ?? '', ticketIds: [ticket_id] } : undefined
    const outboxId = queueSaleEmail(ctx, row.sale_id, recipient, only)
    ctx.audit({ action: 'resend', entity: 'ticket', entity_id: ticket_id, after: { outbox_id: outboxId } })
    return { outbox_id: outboxId, recipient }
  },
}
