// A guest list from a spreadsheet: every row checked first, every problem named
// by its row and column, and then either every guest sold through the box
// office's own assign (codes, sale, one email each) or, with any problem, nobody.
import { operations } from '../../shared/contract'
import { TicketiError } from '../../shared/errors'
import {
  GUEST_FIELDS,
  MAX_IMPORT_ROWS,
  decodeCsvBytes,
  guessMapping,
  parseGuestList,
  type GuestField,
  type GuestMapping,
} from '../../shared/guest-list'
import type { ImportProblem, ImportResult, PaymentMethod } from '../../shared/views'
import { drawCodes } from '../codes'
import { prepared } from '../db/prepared'
import type { Handlers, OperationContext } from '../dispatcher'
import { queueEmail } from '../mail/outbox'
import { composeTicketEmail } from '../mail/ticket-email'
import { assignOperations, findOrCreateCustomer, normalizeEmail, priceOf } from './assign'
import { findEvent } from './events'
import { venueFormat } from './venue'

type EventRow = ReturnType<typeof findEvent>

/** A row as the venue sees it in the spreadsheet: the header is row 1. */
const FIRST_DATA_ROW = 2

const PAYMENT_WORDS: Record<string, PaymentMethod> = {
  cash: 'cash',
  card: 'card',
  'credit card': 'card',
  'debit card': 'card',
  pin: 'card',
  comp: 'comp',
  free: 'comp',
  guest: 'comp',
  complimentary: 'comp',
  other: 'other',
}

type AssignInput = Parameters<typeof assignOperations.assign>[0]

interface GuestRow {
  row: number
  input: AssignInput
  typeKey: number | null
}

interface TypeRow {
  id: number
  name: string
  available: number
}

function textOf(input: { csv?: string; csv_base64?: string }): { text: string; encoding: string } {
  if (input.csv !== undefined) return { text: input.csv, encoding: 'utf-8' }
  const bytes = Buffer.from(input.csv_base64 ?? '', 'base64')
  return decodeCsvBytes(bytes)
}

function checkMapping(mapping: GuestMapping, headers: string[]): void {
  const missing = Object.entries(mapping).filter(([, column]) => column && !headers.includes(column))
  if (missing.length > 0) {
    const [field, column] = missing[0]!
    throw new TicketiError(
      'VALIDATION',
      `The file has no column "${column}" for ${field.replace('_', ' ')}; its columns are: ${headers.join(', ')}.`,
    )
  }
  if (!mapping.name) {
    throw new TicketiError(
      'VALIDATION',
      `Choose which column holds the guests' names; the file's columns are: ${headers.join(', ') || 'none'}.`,
    )
  }
}

// The assign schema's own messages, said about the file's column instead of a form field.
const FIELD_OF_PATH: Record<string, GuestField> = {
  'customer.name': 'name',
  'customer.email': 'email',
  'customer.phone': 'phone',
  holder_name: 'holder_name',
  quantity: 'quantity',
  payment_method: 'payment_method',
}

export function importGuests(
  input: {
    event_id: number
    csv?: string
    csv_base64?: string
    mapping?: GuestMapping
    dry_run: boolean
    payment_method: PaymentMethod
  },
  ctx: OperationContext,
): ImportResult {
  const { sqlite, db } = ctx.store
  const owner = findEvent(db, input.event_id)
  if (owner.status !== 'active') {
    throw new TicketiError('CONFLICT', `"${owner.name}" is ${owner.status}; no guests can be added.`)
  }
  const { text, encoding } = textOf(input)
  const parsed = parseGuestList(text)
  const mapping = input.mapping ?? guessMapping(parsed.headers)
  checkMapping(mapping, parsed.headers)
  const dataRows = parsed.rows.filter((cells) => cells.some((c) => c.trim() !== ''))
  if (dataRows.length === 0) throw new TicketiError('VALIDATION', 'The file has a header row but no guests.')
  if (dataRows.length > MAX_IMPORT_ROWS) {
    throw new TicketiError(
      'PAYLOAD_TOO_LARGE',
      `The file has ${dataRows.length.toLocaleString('en')} guests; import at most ${MAX_IMPORT_ROWS.toLocaleString('en')} at a time (split the file).`,
    )
  }

  const columnIndex = new Map(
    GUEST_FIELDS.map((f) => [f, mapping[f] ? parsed.headers.indexOf(mapping[f]) : -1]),
  )
  const columnName = (field: GuestField) => mapping[field] ?? field
  const types = prepared(
    sqlite,
    `SELECT tt.id, tt.name, (SELECT count(*) FROM ticket t WHERE t.ticket_type_id = tt.id AND t.status = 'available')
            AS available
       FROM ticket_type tt WHERE tt.event_id = ? ORDER BY tt.id`,
  ).all(owner.id) as TypeRow[]
  const typeByName = new Map(types.map((t) => [t.name.toLowerCase(), t]))
  const errors: ImportProblem[] = []
  const problem = (row: number, field: GuestField, message: string) =>
    errors.push({ row, column: columnName(field), message })

  const guests: GuestRow[] = []
  const seenEmail = new Map<string, number>()
  const seenPhone = new Map<string, number>()
  parsed.rows.forEach((cells, index) => {
    if (!cells.some((c) => c.trim() !== '')) return
    const row = index + FIRST_DATA_ROW
    const cell = (field: GuestField) => {
      const at = columnIndex.get(field)!
      return at === -1 ? '' : (cells[at] ?? '').trim()
    }
    const before = errors.length
    let typeId: number | null = null
    const typeName = cell('ticket_type')
    if (typeName) {
      const type = typeByName.get(typeName.toLowerCase())
      if (type) typeId = type.id
      else
        problem(
          row,
          'ticket_type',
          types.length === 0
            ? `This event has no ticket types; leave "${columnName('ticket_type')}" empty or add "${typeName}" under Events.`
            : `There is no ticket type "${typeName}" at this event; use one of: ${types.map((t) => t.name).join(', ')}.`,
        )
    }
    let payment: PaymentMethod = input.payment_method
    const paymentWord = cell('payment_method').toLowerCase()
    if (paymentWord) {
      const method = PAYMENT_WORDS[paymentWord]
      if (method) payment = method
      else
        problem(
          row,
          'payment_method',
          `Write how the guest paid as cash, card, comp or other, not "${paymentWord}".`,
        )
    }
    const quantityText = cell('quantity')
    const candidate = {
      event_id: owner.id,
      customer: {
        name: cell('name') || undefined,
        email: cell('email') || undefined,
        phone: cell('phone') || undefined,
      },
      holder_name: cell('holder_name') || undefined,
      ticket_type_id: typeId ?? undefined,
      quantity: quantityText === '' ? 1 : /^\d+$/.test(quantityText) ? Number(quantityText) : Number.NaN,
      payment_method: payment,
    }
    if (!candidate.customer.name) {
      problem(row, 'name', 'This guest has no name; every guest needs one, the door shows it.')
    }
    const checked = operations.assign.input.safeParse(candidate)
    if (!checked.success) {
      const seen = new Set<string>()
      for (const issue of checked.error.issues) {
        const field = FIELD_OF_PATH[issue.path.join('.')]
        if (!field || seen.has(field) || (field === 'name' && !candidate.customer.name)) continue
        seen.add(field)
        problem(row, field, issue.message)
      }
    }
    const email = candidate.customer.email && normalizeEmail(candidate.customer.email)
    const phone = candidate.customer.phone?.replace(/[^0-9+]/g, '')
    if (email && seenEmail.has(email)) {
      problem(
        row,
        'email',
        `Same email as row ${seenEmail.get(email)}: remove one of the rows, or give one row a quantity.`,
      )
    } else if (phone && seenPhone.has(phone)) {
      problem(
        row,
        'phone',
        `Same phone as row ${seenPhone.get(phone)}: remove one of the rows, or give one row a quantity.`,
      )
    }
    if (email && !seenEmail.has(email)) seenEmail.set(email, row)
    if (phone && !seenPhone.has(phone)) seenPhone.set(phone, row)
    if (errors.length === before && checked.success)
      guests.push({ row, input: checked.data, typeKey: typeId })
  })
  checkAvailability(sqlite, owner.id, types, guests, (row, field, message) => problem(row, field, message))
  errors.sort((a, b) => a.row - b.row)

  const result: ImportResult = {
    rows: dataRows.length,
    created: 0,
    guests: 0,
    emails_queued: 0,
    errors,
    dry_run: input.dry_run,
    mapping,
    encoding,
  }
  if (errors.length > 0 || input.dry_run) return result
  return { ...result, ...sellAll(guests, ctx, owner) }
}

/** Every ticket the list asks for must be there: the first row past what is left says so. */
function checkAvailability(
  sqlite: OperationContext['store']['sqlite'],
  eventId: number,
  types: TypeRow[],
  guests: GuestRow[],
  problem: (row: number, field: GuestField, message: string) => void,
): void {
  const totalLeft = prepared(
    sqlite,
    `SELECT count(*) FROM ticket WHERE event_id = ? AND status = 'available'`,
  )
    .pluck()
    .get(eventId) as number
  const asked = new Map<number, number>()
  let askedInAll = 0
  const flagged = new Set<number | 'all'>()
  for (const guest of guests) {
    askedInAll += guest.input.quantity
    if (guest.typeKey !== null) {
      const type = types.find((t) => t.id === guest.typeKey)!
      const soFar = (asked.get(type.id) ?? 0) + guest.input.quantity
      asked.set(type.id, soFar)
      if (soFar > type.available && !flagged.has(type.id)) {
        flagged.add(type.id)
        problem(
          guest.row,
          'ticket_type',
          `Only ${type.available} "${type.name}" tickets are left and the list needs more from this row on; seed more under Events.`,
        )
      }
    }
    if (askedInAll > totalLeft && !flagged.has('all')) {
      flagged.add('all')
      problem(
        guest.row,
        'quantity',
        `Only ${totalLeft} tickets are left at this event and the list needs more from this row on; seed more under Events.`,
      )
    }
  }
}

/**
 * Sells every guest inside the one transaction the dispatcher opened, so a
 * failure anywhere rolls back every guest. The steps are assign's own (find or
 * create the customer, record the sale, take tickets with fresh random codes,
 * queue one codes email in the outbox), done once for the whole list where
 * assign does them per sale: the event, the venue's format and the codes.
 */
function sellAll(guests: GuestRow[], ctx: OperationContext, owner: EventRow) {
  const { sqlite } = ctx.store
  const { now, who } = ctx
  const format = venueFormat(sqlite)
  const wanted = guests.reduce((n, g) => n + g.input.quantity, 0)
  const codes = drawCodes(sqlite, owner.id, owner.codeLength, wanted)
  const pick = (typeId: number | null, quantity: number) =>
    prepared(
      sqlite,
      `SELECT t.id, t.uuid, tt.name AS type_name, tt.price_cents, tt.currency
         FROM ticket t LEFT JOIN ticket_type tt ON tt.id = t.ticket_type_id
        WHERE t.event_id = ? AND t.status = 'available' ${typeId === null ? '' : 'AND t.ticket_type_id = ?'} LIMIT ?`,
    ).all(...(typeId === null ? [owner.id, quantity] : [owner.id, typeId, quantity])) as PickedTicket[]
  const recordSale = prepared(
    sqlite,
    `INSERT INTO sale (event_id, customer_id, payment_method, amount_cents, ticket_count, operator, station, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const newHolder = prepared(sqlite, 'INSERT INTO person (name) VALUES (?)')
  const take = prepared(
    sqlite,
    `UPDATE ticket SET status = 'assigned', short_code = ?, customer_id = ?, person_id = ?, sale_id = ?,
            price_cents = ?, assigned_at = ?
      WHERE id = ? AND status = 'available'`,
  )
  let created = 0
  let emails = 0
  let nextCode = 0
  const saleIds: number[] = []
  for (const { row, input } of guests) {
    const picked = pick(input.ticket_type_id ?? null, input.quantity)
    if (picked.length < input.quantity) {
      throw new TicketiError('SOLD_OUT', `Row ${row}: the tickets ran out; nobody on the list was added.`)
    }
    const customer = findOrCreateCustomer(sqlite, input.customer, now)
    const holderName = input.holder_name ?? input.customer.name
    const holderId = holderName !== customer.name ? Number(newHolder.run(holderName).lastInsertRowid) : null
    const prices = picked.map((t) => priceOf(input.payment_method, t.price_cents))
    const amount = prices.reduce((sum, p) => sum + p, 0)
    const saleId = Number(
      recordSale.run(
        owner.id,
        customer.id,
        input.payment_method,
        amount,
        picked.length,
        who.operator,
        who.station,
        now,
      ).lastInsertRowid,
    )
    saleIds.push(saleId)
    const saleCodes = codes.slice(nextCode, (nextCode += picked.length))
    picked.forEach((t, i) => {
      if (take.run(saleCodes[i], customer.id, holderId, saleId, prices[i], now, t.id).changes !== 1) {
        throw new TicketiError(
          'CONFLICT',
          'A ticket was taken by another station at the same moment; try again.',
        )
      }
    })
    created += picked.length
    if (customer.email) {
      const email = composeTicketEmail({
        event: { name: owner.name, venue: owner.venue, startsAt: owner.startsAt, endsAt: owner.endsAt },
        customerName: customer.name,
        tickets: picked.map((t, i) => ({
          uuid: t.uuid,
          shortCode: saleCodes[i]!,
          ticketTypeName: t.type_name,
          holderName: holderId === null ? customer.name : holderName,
        })),
        payment: {
          method: input.payment_method,
          amount_cents: amount,
          currency: picked[0]?.currency ?? 'EUR',
        },
        format,
      })
      const outboxId = queueEmail(sqlite, { saleId, recipient: customer.email, ...email }, now)
      ctx.changed({ kind: 'mailQueued', sale_id: saleId, outbox_id: outboxId })
      emails++
    }
  }
  // The stations hear of the import once, not once per guest.
  ctx.changed({ kind: 'tickets', event_id: owner.id })
  ctx.changed({ kind: 'live', type: 'sale', event_id: owner.id, data: { imported: guests.length, at: now } })
  ctx.audit({
    action: 'importGuestList',
    entity: 'event',
    entity_id: owner.id,
    after: { guests: guests.length, tickets: created, sale_ids: saleIds },
  })
  return { created, guests: guests.length, emails_queued: emails }
}

interface PickedTicket {
  id: number
  uuid: string
  type_name: string | null
  price_cents: number | null
  currency: string | null
}

export const guestImportOperations: Pick<Handlers, 'importGuestList'> = {
  importGuestList: importGuests,
}
