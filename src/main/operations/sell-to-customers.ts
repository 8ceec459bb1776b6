// One sale or many, however they were made (the box office's one, or a guest list's
// slice): find or create each buyer, name the holder, record the sale and take the
// picked tickets with their codes. A slice of a guest list is written with one
// statement per table, not one per guest: SQLite keeps a journal of every page a
// statement changes and the search index writes itself out at every statement, so a
// statement per guest cost a guest list most of its time.
import type Database from 'better-sqlite3'
import { TicketiError } from '../../shared/errors'
import type { PaymentMethod } from '../../shared/views'
import { prepared } from '../db/prepared'

type Sqlite = Database.Database

export interface CustomerRow {
  id: number
  name: string
  email: string | null
  phone: string | null
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

function normalizePhone(phone: string): string {
  return phone.trim().replace(/[^0-9+]/g, '')
}

export function priceOf(paymentMethod: PaymentMethod, typePrice: number | null): number {
  return paymentMethod === 'comp' ? 0 : (typePrice ?? 0)
}

/** Tickets picked for a sale: available a moment ago, with their type's price. */
export interface PickedTicket {
  id: number
  price_cents: number | null
}

export interface SaleToCustomer {
  eventId: number
  customer: { name: string; email?: string; phone?: string }
  /** Who carries the tickets, when not the buyer. */
  holderName?: string
  paymentMethod: PaymentMethod
  tickets: readonly PickedTicket[]
  /** One fresh door code per ticket, in the same order. */
  codes: readonly string[]
  who: { operator: string; station: string }
  now: string
  /** The guest-list import this sale belongs to, so the import can be undone as a whole. */
  importId?: number
}

export interface SoldToCustomer {
  saleId: number
  customer: CustomerRow
  /** The name the tickets carry: the holder's, else the buyer's. */
  holderName: string
  prices: number[]
  amount: number
}

/**
 * Inserts one row per item with one statement, and returns the new ids in the items' order:
 * the statement inserts the items in their order (ORDER BY key), and every table here gives
 * each new row a higher id than the last.
 * `params` come before the items' JSON in the statement.
 */
function insertAll(sqlite: Sqlite, sql: string, params: unknown[], items: unknown[]): number[] {
  if (items.length === 0) return []
  const ids = prepared(sqlite, sql)
    .pluck()
    .all(...params, JSON.stringify(items)) as number[]
  if (ids.length !== items.length) throw new Error(`Inserted ${ids.length} rows of ${items.length}`)
  return ids.sort((a, b) => a - b)
}

/**
 * The buyers, found again by email (any case), then by phone, or else created; one found
 * again gets what it lacked filled in, never overwritten. Each buyer is as it was when its
 * own sale came: two guests of a slice with the same email or phone are one customer, as if
 * they had been sold one after the other.
 */
export function findOrCreateCustomers(
  sqlite: Sqlite,
  wanted: ReadonlyArray<{ name: string; email?: string; phone?: string }>,
  now: string,
): CustomerRow[] {
  const asked = wanted.map((c) => ({
    name: c.name,
    email: c.email ? normalizeEmail(c.email) : null,
    phone: c.phone ? normalizePhone(c.phone) : null,
  }))
  const byEmail = new Map<string, CustomerRow>()
  const byPhone = new Map<string, CustomerRow>()
  // The first customer of an email or phone (the lowest id), as a lookup by its index finds it.
  const known = (column: 'email' | 'phone') => {
    const values = [...new Set(asked.flatMap((c) => (c[column] ? [c[column]] : [])))]
    if (values.length === 0) return []
    return prepared(
      sqlite,
      `SELECT id, name, email, phone FROM customer WHERE ${column} IN (SELECT value FROM json_each(?)) ORDER BY id`,
    ).all(JSON.stringify(values)) as CustomerRow[]
  }
  for (const c of known('email')) if (!byEmail.has(c.email!)) byEmail.set(c.email!, c)
  for (const c of known('phone')) if (!byPhone.has(c.phone!)) byPhone.set(c.phone!, c)

  const fresh: CustomerRow[] = []
  const filled = new Set<CustomerRow>()
  const buyers = asked.map((c) => {
    let buyer = (c.email && byEmail.get(c.email)) || (c.phone && byPhone.get(c.phone)) || null
    if (!buyer) {
      buyer = { id: 0, ...c }
      fresh.push(buyer)
    } else if ((!buyer.email && c.email) || (!buyer.phone && c.phone)) {
      buyer.email ??= c.email
      buyer.phone ??= c.phone
      if (buyer.id !== 0) filled.add(buyer)
    }
    if (buyer.email && !byEmail.has(buyer.email)) byEmail.set(buyer.email, buyer)
    if (buyer.phone && !byPhone.has(buyer.phone)) byPhone.set(buyer.phone, buyer)
    return { row: buyer, as: { ...buyer } }
  })
  for (const c of filled) {
    prepared(sqlite, 'UPDATE customer SET email = ?, phone = ? WHERE id = ?').run(c.email, c.phone, c.id)
  }
  const ids = insertAll(
    sqlite,
    `INSERT INTO customer (name, email, phone, created_at)
       SELECT value ->> 'name', value ->> 'email', value ->> 'phone', ? FROM json_each(?) ORDER BY key
     RETURNING id`,
    [now],
    fresh,
  )
  ids.forEach((id, i) => (fresh[i]!.id = id))
  return buyers.map(({ row, as }) => ({ ...as, id: row.id }))
}

/** Sells each sale's picked tickets to its buyer: a whole slice of a guest list at once. */
export function sellToCustomers(sqlite: Sqlite, sales: readonly SaleToCustomer[]): SoldToCustomer[] {
  const customers = findOrCreateCustomers(
    sqlite,
    sales.map((s) => s.customer),
    sales[0]?.now ?? '',
  )
  // A known email or phone under another name (a family sharing an address) keeps the customer
  // as they were, but the tickets carry the name the box office was just given: the door shows it.
  const holderNames = sales.map((s) => s.holderName ?? s.customer.name)
  const held = sales.flatMap((_, i) => (holderNames[i] !== customers[i]!.name ? [i] : []))
  const personIds = insertAll(
    sqlite,
    'INSERT INTO person (name) SELECT value FROM json_each(?) ORDER BY key RETURNING id',
    [],
    held.map((i) => holderNames[i]),
  )
  const holderOf = new Map(held.map((i, k) => [i, personIds[k]!]))
  const prices = sales.map((s) => s.tickets.map((t) => priceOf(s.paymentMethod, t.price_cents)))
  const amounts = prices.map((p) => p.reduce((sum, price) => sum + price, 0))
  const saleIds = insertAll(
    sqlite,
    `INSERT INTO sale (event_id, customer_id, payment_method, amount_cents, ticket_count, operator, station,
                       created_at, import_id)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
              value ->> 7, value ->> 8 FROM json_each(?) ORDER BY key
     RETURNING id`,
    [],
    sales.map((s, i) => [
      s.eventId,
      customers[i]!.id,
      s.paymentMethod,
      amounts[i],
      s.tickets.length,
      s.who.operator,
      s.who.station,
      s.now,
      s.importId ?? null,
    ]),
  )
  // An available ticket has no holder: tickets the buyer holds leave person_id out of the update,
  // sparing its index a change per ticket (a guest list takes thousands).
  const taken = (withHolder: boolean) =>
    sales.flatMap((s, i) =>
      holderOf.has(i) !== withHolder
        ? []
        : s.tickets.map((t, k) => {
            const row = [t.id, s.codes[k], customers[i]!.id, saleIds[i], prices[i]![k], s.now]
            return withHolder ? [...row, holderOf.get(i)] : row
          }),
    )
  const take = (withHolder: boolean) => {
    const rows = taken(withHolder)
    if (rows.length === 0) return 0
    return prepared(
      sqlite,
      `UPDATE ticket SET status = 'assigned', short_code = j.value ->> 1, customer_id = j.value ->> 2,
              sale_id = j.value ->> 3, price_cents = j.value ->> 4, assigned_at = j.value ->> 5
              ${withHolder ? `, person_id = j.value ->> 6` : ''}
         FROM json_each(?) AS j
        WHERE ticket.id = j.value ->> 0 AND ticket.status = 'available'`,
    ).run(JSON.stringify(rows)).changes
  }
  const asked = sales.reduce((n, s) => n + s.tickets.length, 0)
  if (take(false) + take(true) !== asked) {
    throw new TicketiError('CONFLICT', 'A ticket was taken by another station at the same moment; try again.')
  }
  return sales.map((_, i) => ({
    saleId: saleIds[i]!,
    customer: customers[i]!,
    holderName: holderNames[i]!,
    prices: prices[i]!,
    amount: amounts[i]!,
  }))
}

/** One sale: the box office's. */
export function sellToCustomer(sqlite: Sqlite, sale: SaleToCustomer): SoldToCustomer {
  return sellToCustomers(sqlite, [sale])[0]!
}
