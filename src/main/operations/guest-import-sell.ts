// Selling a checked guest list, a slice of guests at a time: each slice goes
// through the box office's own sale (sellToCustomers), under one guest_import row
// whose status says whether the list got all the way. Until it is `done` the
// slices' codes emails wait in the outbox unsent (src/main/mail/outbox.ts), so
// a list that cannot finish is undone (undoImport) before anyone hears of it.
import { TicketiError } from '../../shared/errors'
import type { VenueFormat } from '../../shared/venue-format'
import type { PaymentMethod } from '../../shared/views'
import { drawCodes } from '../codes'
import type { Store } from '../db/open'
import { prepared } from '../db/prepared'
import type { OperationContext } from '../dispatcher'
import { queueEmails, type QueuedEmail } from '../mail/outbox'
import { composeTicketEmail } from '../mail/ticket-email'
import { sellToCustomers } from './sell-to-customers'
import type { findEvent } from './events'

type Sqlite = Store['sqlite']

export interface CheckedGuest {
  /** The guest's row in the spreadsheet, for the message if their tickets ran out. */
  row: number
  customer: { name: string; email?: string; phone?: string }
  holderName?: string
  ticketTypeId: number | null
  quantity: number
  paymentMethod: PaymentMethod
}

/** A list being sold: what is left to do, kept in memory between its steps. */
export interface ImportPlan {
  owner: ReturnType<typeof findEvent>
  guests: CheckedGuest[]
  who: { operator: string; station: string }
  /** One timestamp for every row of the import, whichever step writes it. */
  now: string
  format: VenueFormat
  importId: number | null
  /** The first guest not sold yet. */
  next: number
  created: number
  saleIds: number[]
  /** The codes emails queued (held until the import is done). */
  queued: Array<{ sale_id: number; outbox_id: number }>
}

interface PickedTicket {
  id: number
  uuid: string
  type_name: string | null
  price_cents: number | null
  currency: string | null
}

const PICK_COLUMNS = `SELECT t.id, t.uuid, tt.name AS type_name, tt.price_cents, tt.currency
  FROM ticket t LEFT JOIN ticket_type tt ON tt.id = t.ticket_type_id`

export function startImport(sqlite: Sqlite, plan: ImportPlan): number {
  const { lastInsertRowid } = prepared(
    sqlite,
    `INSERT INTO guest_import (event_id, status, guests, operator, station, started_at)
     VALUES (?, 'selling', ?, ?, ?, ?)`,
  ).run(plan.owner.id, plan.guests.length, plan.who.operator, plan.who.station, plan.now)
  return (plan.importId = Number(lastInsertRowid))
}

/**
 * Picks the tickets of guests [from, to) with one query per ticket type, not one per
 * guest: the typed guests first, then those who take any ticket from what is left.
 */
function pickTickets(sqlite: Sqlite, plan: ImportPlan, to: number): PickedTicket[][] {
  const slice = plan.guests.slice(plan.next, to)
  const wanted = new Map<number | null, number>()
  for (const g of slice) wanted.set(g.ticketTypeId, (wanted.get(g.ticketTypeId) ?? 0) + g.quantity)
  const pools = new Map<number | null, PickedTicket[]>()
  const typed = new Set<number>()
  for (const [typeId, count] of wanted) {
    if (typeId === null) continue
    const pool = prepared(
      sqlite,
      `${PICK_COLUMNS} WHERE t.event_id = ? AND t.status = 'available' AND t.ticket_type_id = ? LIMIT ?`,
    ).all(plan.owner.id, typeId, count) as PickedTicket[]
    pool.forEach((t) => typed.add(t.id))
    pools.set(typeId, pool)
  }
  const anyCount = wanted.get(null)
  if (anyCount) {
    const pool = prepared(
      sqlite,
      `${PICK_COLUMNS} WHERE t.event_id = ? AND t.status = 'available' LIMIT ?`,
    ).all(plan.owner.id, anyCount + typed.size) as PickedTicket[]
    pools.set(
      null,
      pool.filter((t) => !typed.has(t.id)),
    )
  }
  return slice.map((guest) => {
    const pool = pools.get(guest.ticketTypeId)!
    if (pool.length < guest.quantity) {
      throw new TicketiError(
        'SOLD_OUT',
        `Row ${guest.row}: the tickets ran out; nobody on the list was added.`,
      )
    }
    return pool.splice(0, guest.quantity)
  })
}

/** Where the next sale of up to about `tickets` tickets ends: at least one guest further. */
function stepEnd(plan: ImportPlan, tickets: number): number {
  let to = plan.next
  for (let n = 0; to < plan.guests.length && (n === 0 || n + plan.guests[to]!.quantity <= tickets); to++) {
    n += plan.guests[to]!.quantity
  }
  return to
}

/** Sells the next guests, up to about `tickets` tickets (at least one guest); true once all are sold. */
export function sellGuests(sqlite: Sqlite, plan: ImportPlan, tickets: number): boolean {
  const to = stepEnd(plan, tickets)
  const picks = pickTickets(sqlite, plan, to)
  const codes = drawCodes(
    sqlite,
    plan.owner.id,
    plan.owner.codeLength,
    picks.reduce((n, p) => n + p.length, 0),
  )
  const event = {
    name: plan.owner.name,
    venue: plan.owner.venue,
    startsAt: plan.owner.startsAt,
    endsAt: plan.owner.endsAt,
  }
  let nextCode = 0
  const sales = picks.map((picked, i) => {
    const guest = plan.guests[plan.next + i]!
    return {
      eventId: plan.owner.id,
      customer: guest.customer,
      holderName: guest.holderName,
      paymentMethod: guest.paymentMethod,
      tickets: picked,
      codes: codes.slice(nextCode, (nextCode += picked.length)),
      who: plan.who,
      now: plan.now,
      importId: plan.importId ?? undefined,
    }
  })
  const sold = sellToCustomers(sqlite, sales)
  const emails: QueuedEmail[] = []
  sold.forEach((s, i) => {
    const { tickets, codes: saleCodes, paymentMethod } = sales[i]!
    const picked = picks[i]!
    plan.saleIds.push(s.saleId)
    plan.created += tickets.length
    if (!s.customer.email) return
    const email = composeTicketEmail({
      event,
      customerName: s.customer.name,
      tickets: picked.map((t, k) => ({
        uuid: t.uuid,
        shortCode: saleCodes[k]!,
        ticketTypeName: t.type_name,
        holderName: s.holderName,
      })),
      payment: { method: paymentMethod, amount_cents: s.amount, currency: picked[0]?.currency ?? 'EUR' },
      format: plan.format,
    })
    emails.push({ saleId: s.saleId, recipient: s.customer.email, ...email })
  })
  queueEmails(sqlite, emails, plan.now).forEach((outboxId, i) =>
    plan.queued.push({ sale_id: emails[i]!.saleId, outbox_id: outboxId }),
  )
  plan.next = to
  return plan.next === plan.guests.length
}

/** The step that makes the whole list count: its emails may go out from this commit on. */
export function finishImport(ctx: OperationContext, plan: ImportPlan): void {
  const { sqlite } = ctx.store
  prepared(sqlite, `UPDATE guest_import SET status = 'done', finished_at = ? WHERE id = ?`).run(
    ctx.now,
    plan.importId,
  )
  // Heard once this commit is saved: the list's emails were held back until now.
  for (const email of plan.queued) ctx.changed({ kind: 'mailQueued', ...email })
  // The stations hear of the import once, not once per guest.
  ctx.changed({ kind: 'tickets', event_id: plan.owner.id })
  ctx.changed({
    kind: 'live',
    type: 'sale',
    event_id: plan.owner.id,
    data: { imported: plan.guests.length, at: plan.now },
  })
  ctx.audit({
    action: 'importGuestList',
    entity: 'event',
    entity_id: plan.owner.id,
    after: {
      import_id: plan.importId,
      guests: plan.guests.length,
      tickets: plan.created,
      sale_ids: plan.saleIds,
    },
  })
}

const IDS = 'SELECT value FROM json_each(?)'

/**
 * Takes back up to `sales` sales of an unfinished import (all when left out): their
 * unsent emails, their tickets (available again, without a code), the holders and
 * the customers it created. Returns how many of its sales are left; at 0 the
 * import is marked undone.
 */
export function undoImport(sqlite: Sqlite, importId: number, now: string, sales = Number.MAX_SAFE_INTEGER) {
  const started = prepared(sqlite, 'SELECT started_at FROM guest_import WHERE id = ?').pluck().get(importId)
  const saleIds = JSON.stringify(
    prepared(sqlite, 'SELECT id FROM sale WHERE import_id = ? LIMIT ?').pluck().all(importId, sales),
  )
  const people = JSON.stringify(
    prepared(
      sqlite,
      `SELECT DISTINCT person_id FROM ticket WHERE sale_id IN (${IDS}) AND person_id IS NOT NULL`,
    )
      .pluck()
      .all(saleIds),
  )
  const customers = JSON.stringify(
    prepared(sqlite, `SELECT DISTINCT customer_id FROM sale WHERE id IN (${IDS})`).pluck().all(saleIds),
  )
  prepared(sqlite, `DELETE FROM email_outbox WHERE sale_id IN (${IDS})`).run(saleIds)
  prepared(
    sqlite,
    `UPDATE ticket SET status = 'available', short_code = NULL, customer_id = NULL, person_id = NULL,
            sale_id = NULL, price_cents = NULL, assigned_at = NULL, inside = 0, checked_in_at = NULL,
            checked_in_by = NULL, email_status = 'none'
      WHERE sale_id IN (${IDS})`,
  ).run(saleIds)
  prepared(sqlite, `DELETE FROM sale WHERE id IN (${IDS})`).run(saleIds)
  prepared(sqlite, `DELETE FROM person WHERE id IN (${IDS})`).run(people)
  // Only customers this import created: one found again keeps their earlier sales and details.
  prepared(
    sqlite,
    `DELETE FROM customer WHERE id IN (${IDS}) AND created_at = ?
        AND NOT EXISTS (SELECT 1 FROM sale s WHERE s.customer_id = customer.id)
        AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.customer_id = customer.id)`,
  ).run(customers, started)
  const left = prepared(sqlite, 'SELECT count(*) FROM sale WHERE import_id = ?')
    .pluck()
    .get(importId) as number
  if (left === 0) {
    prepared(sqlite, `UPDATE guest_import SET status = 'undone', finished_at = ? WHERE id = ?`).run(
      now,
      importId,
    )
  }
  return left
}

/** What a killed process left half-imported is undone before anyone is served: at every start. */
export function undoUnfinishedImports(
  sqlite: Sqlite,
  now: string,
  logError: (error: unknown) => void = console.error,
): number {
  const unfinished = prepared(sqlite, `SELECT id FROM guest_import WHERE status = 'selling'`)
    .pluck()
    .all() as number[]
  let undone = 0
  for (const id of unfinished) {
    try {
      sqlite.transaction(() => undoImport(sqlite, id, now)).immediate()
      undone++
    } catch (error) {
      // Never keeps Ticketi from starting: the list's emails stay held, and the next start tries again.
      logError(error)
    }
  }
  return undone
}
