// Voiding a ticket and transferring it to a new holder. Either way the code (and
// the QR's uuid) the ticket had answers VOID at the door from the commit on:
// a void keeps them on the ticket, a transfer leaves them on a void row of their
// own and gives the ticket a fresh code and uuid for the new holder.
import { ticketUuid } from '../ticket-uuid'
import { TicketiError } from '../../shared/errors'
import type { TicketStatus } from '../../shared/views'
import { drawCodes } from '../codes'
import { prepared } from '../db/prepared'
import type { Store } from '../db/open'
import type { Handlers, OperationContext } from '../dispatcher'
import { queueEmail } from '../mail/outbox'
import { queueSaleEmail } from './assign'
import { normalizeEmail } from './sell-to-customers'
import { TICKET_SELECT_SQL } from './ticket-read-model'
import { ticketView, type TicketRow } from './ticket-view'

type Sqlite = Store['sqlite']

export function readTicket(sqlite: Sqlite, ticketId: number): TicketRow {
  const row = prepared(sqlite, `${TICKET_SELECT_SQL} WHERE t.id = +?`).get(ticketId) as TicketRow | undefined
  if (!row) throw new TicketiError('NOT_FOUND', `There is no ticket with id ${ticketId}.`)
  return row
}

/**
 * Sets a ticket void with one guarded statement, so two stations voiding or selling it at
 * once cannot both win. Returns false when it was void already.
 */
export function setVoid(
  sqlite: Sqlite,
  ticketId: number,
  reason: string,
  now: string,
  refundId: number | null = null,
): boolean {
  return (
    prepared(
      sqlite,
      `UPDATE ticket SET status = 'void', inside = 0, voided_at = ?, void_reason = ?, refund_id = ?
        WHERE id = ? AND status != 'void'`,
    ).run(now, reason, refundId, ticketId).changes === 1
  )
}

/** What the stations' live screens hear of a void: the code to refuse, never the uuid. */
export function noteVoid(
  ctx: OperationContext,
  t: Pick<TicketRow, 'id' | 'event_id' | 'short_code'>,
  reason: string,
): void {
  ctx.changed({ kind: 'tickets', event_id: t.event_id })
  ctx.changed({
    kind: 'live',
    type: 'void',
    event_id: t.event_id,
    data: { ticket_id: t.id, code: t.short_code, reason, at: ctx.now },
  })
}

function alreadyVoid(t: TicketRow): TicketiError {
  return new TicketiError(
    'VOID',
    `Ticket ${t.short_code ?? t.id} was already voided${t.void_reason ? ` (${t.void_reason})` : ''}.`,
  )
}

/** The short note the old holder gets: their code no longer opens the door. */
function queueTransferNotice(ctx: OperationContext, t: TicketRow, recipient: string): void {
  const event = prepared(ctx.store.sqlite, 'SELECT name FROM event WHERE id = ?').pluck().get(t.event_id)
  const body = [
    `Hello ${t.holder_name ?? 'there'},`,
    '',
    `Your ticket with code ${t.short_code} for ${String(event)} was transferred to someone else.`,
    'That code and its QR code no longer open the door.',
    '',
    'If you did not expect this, please contact the box office.',
  ].join('\n')
  const outboxId = queueEmail(
    ctx.store.sqlite,
    { saleId: t.sale_id!, recipient, subject: `Your ticket for ${String(event)} was transferred`, body },
    ctx.now,
  )
  ctx.changed({ kind: 'mailQueued', sale_id: t.sale_id!, outbox_id: outboxId })
}

/** The holder named on the ticket (a person, else the buyer), and their email if any. */
function holderOf(sqlite: Sqlite, t: TicketRow): { personId: number | null; email: string | null } {
  const person = prepared(
    sqlite,
    'SELECT p.id, p.email FROM ticket t JOIN person p ON p.id = t.person_id WHERE t.id = +?',
  ).get(t.id) as { id: number; email: string | null } | undefined
  return person ? { personId: person.id, email: person.email } : { personId: null, email: t.customer_email }
}

export const voidTransferOperations: Pick<Handlers, 'voidTicket' | 'transferTicket'> = {
  voidTicket({ ticket_id, reason }, ctx) {
    const { sqlite } = ctx.store
    const before = readTicket(sqlite, ticket_id)
    if (!setVoid(sqlite, ticket_id, reason, ctx.now)) throw alreadyVoid(before)
    noteVoid(ctx, before, reason)
    ctx.audit({
      action: 'void',
      entity: 'ticket',
      entity_id: ticket_id,
      before: { status: before.status, short_code: before.short_code },
      after: { status: 'void', reason },
    })
    return ticketView(readTicket(sqlite, ticket_id))
  },

  transferTicket({ ticket_id, holder, reason }, ctx) {
    const { sqlite } = ctx.store
    const old = readTicket(sqlite, ticket_id)
    if (old.status === 'void') throw alreadyVoid(old)
    const refusals: Partial<Record<TicketStatus, string>> = {
      available: 'was never sold: sell it to the new holder instead',
      checked_in: 'is already checked in: undo the check-in first if the guest left for good',
    }
    if (old.status !== 'assigned') {
      throw new TicketiError('CONFLICT', `Ticket ${old.short_code ?? old.id} ${refusals[old.status]}.`)
    }
    const codeLength = prepared(sqlite, 'SELECT code_length FROM event WHERE id = ?')
      .pluck()
      .get(old.event_id) as number
    const oldHolder = holderOf(sqlite, old)
    const [code] = drawCodes(sqlite, old.event_id, codeLength, 1)
    const email = holder.email ? normalizeEmail(holder.email) : null
    const phone = holder.phone ? holder.phone.replace(/[^0-9+]/g, '') : null
    const personId = Number(
      prepared(sqlite, 'INSERT INTO person (name, email, phone) VALUES (?, ?, ?)').run(
        holder.name,
        email,
        phone,
      ).lastInsertRowid,
    )
    const moved = prepared(
      sqlite,
      `UPDATE ticket SET short_code = ?, uuid = ?, person_id = ?, assigned_at = ?
        WHERE id = ? AND status = 'assigned'`,
    ).run(code, ticketUuid(), personId, ctx.now, ticket_id).changes
    if (moved !== 1) {
      throw new TicketiError(
        'CONFLICT',
        'The ticket changed at another station at the same moment; try again.',
      )
    }
    const why = `Transferred to ${holder.name}${reason ? `: ${reason}` : ''}`
    // The old code and uuid stay behind, void: the door finds them and refuses them.
    prepared(
      sqlite,
      `INSERT INTO ticket (uuid, event_id, ticket_type_id, short_code, status, customer_id, person_id,
                           assigned_at, voided_at, void_reason, replaced_by)
       VALUES (?, ?, ?, ?, 'void', ?, ?, ?, ?, ?, ?)`,
    ).run(
      old.uuid,
      old.event_id,
      old.ticket_type_id,
      old.short_code,
      old.customer_id,
      oldHolder.personId,
      old.assigned_at,
      ctx.now,
      why,
      ticket_id,
    )

    if (email) queueSaleEmail(ctx, old.sale_id!, email, { name: holder.name, ticketIds: [ticket_id] })
    if (oldHolder.email && oldHolder.email !== email) queueTransferNotice(ctx, old, oldHolder.email)

    ctx.changed({ kind: 'tickets', event_id: old.event_id })
    ctx.changed({
      kind: 'live',
      type: 'transfer',
      event_id: old.event_id,
      data: { ticket_id, old_code: old.short_code, code, at: ctx.now },
    })
    ctx.audit({
      action: 'transfer',
      entity: 'ticket',
      entity_id: ticket_id,
      before: { short_code: old.short_code, holder_name: old.holder_name },
      after: { short_code: code, holder_name: holder.name, reason: reason ?? null },
    })
    return ticketView(readTicket(sqlite, ticket_id))
  },
}
