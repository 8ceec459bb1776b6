// A guest list from a spreadsheet: every row checked first, every problem named
// by its row and column, and then either every guest sold through the box
// office's own sale (codes, sale, one email each) or, with any problem, nobody.
// Checking goes CHECK_STEP rows at a time, so the host's stepped import
// (src/main/guest-import-steps.ts) can answer the door between them; here, for
// the synchronous dispatcher, the whole list is checked and sold in one transaction.
import { operations } from '../../shared/contract'
import { TicketiError } from '../../shared/errors'
import {
  GUEST_FIELDS,
  MAX_IMPORT_ROWS,
  decodeCsvBytes,
  guessMapping,
  parseGuestListInSteps,
  type GuestField,
  type GuestMapping,
} from '../../shared/guest-list'
import type {
  ImportProblem,
  ImportProgress,
  ImportResult,
  ImportStep,
  PaymentMethod,
} from '../../shared/views'
import type { Store } from '../db/open'
import { prepared } from '../db/prepared'
import type { Handlers, OperationContext } from '../dispatcher'
import { normalizeEmail } from './sell-to-customers'
import { findEvent } from './events'
import { countTickets } from './ticket-counts'
import {
  finishImport,
  sellGuests,
  startImport,
  undoImport,
  type CheckedGuest,
  type ImportPlan,
} from './guest-import-sell'
import { venueFormat } from './venue'

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

/** Rows checked between two turns of the event loop: about 10 ms. */
export const CHECK_STEP = 1_000

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

type ImportInput = Parameters<Handlers['importGuestList']>[0]
type EventRow = ReturnType<typeof findEvent>

/** A checked list: the answer when nothing is to be sold, and the guests otherwise. */
export interface CheckedList {
  owner: EventRow
  result: ImportResult
  guests: CheckedGuest[]
}

/**
 * Checks every row of the list, giving way (a yield) after each CHECK_STEP rows;
 * returns every problem, by row and column, and the guests ready to sell.
 */
export function* checkGuestList(input: ImportInput, store: Store): Generator<void, CheckedList> {
  const { sqlite, db } = store
  const owner = findEvent(db, input.event_id)
  if (owner.status !== 'active') {
    throw new TicketiError('CONFLICT', `"${owner.name}" is ${owner.status}; no guests can be added.`)
  }
  const { text, encoding } = textOf(input)
  const parsed = yield* parseGuestListInSteps(text)
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
  yield

  const columnIndex = new Map(
    GUEST_FIELDS.map((f) => [f, mapping[f] ? parsed.headers.indexOf(mapping[f]) : -1]),
  )
  const columnName = (field: GuestField) => mapping[field] ?? field
  const types = prepared(
    sqlite,
    `SELECT tt.id, tt.name, (SELECT coalesce(sum(n), 0) FROM ticket_count c
                              WHERE c.event_id = tt.event_id AND c.ticket_type_id = tt.id AND c.status = 'available')
            AS available
       FROM ticket_type tt WHERE tt.event_id = ? ORDER BY tt.id`,
  ).all(owner.id) as TypeRow[]
  const typeByName = new Map(types.map((t) => [t.name.toLowerCase(), t]))
  const errors: ImportProblem[] = []
  const problem = (row: number, field: GuestField, message: string) =>
    errors.push({ row, column: columnName(field), message })

  const guests: CheckedGuest[] = []
  const seenEmail = new Map<string, number>()
  const seenPhone = new Map<string, number>()
  for (let index = 0; index < parsed.rows.length; index++) {
    if (index > 0 && index % CHECK_STEP === 0) yield
    const cells = parsed.rows[index]!
    if (!cells.some((c) => c.trim() !== '')) continue
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
    if (errors.length === before && checked.success) {
      const sale = checked.data
      guests.push({
        row,
        customer: sale.customer,
        holderName: sale.holder_name,
        ticketTypeId: typeId,
        quantity: sale.quantity,
        paymentMethod: sale.payment_method,
      })
    }
  }
  checkAvailability(sqlite, owner.id, types, guests, problem)
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
  return { owner, result, guests }
}

/** Runs a check to its end without giving way: for the synchronous dispatcher. */
function atOnce<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** The list ready to sell, with the import's one timestamp and the venue's format for its emails. */
export function planOf(
  checked: CheckedList,
  ctx: Pick<OperationContext, 'store' | 'who' | 'now'>,
): ImportPlan {
  return {
    owner: checked.owner,
    guests: checked.guests,
    who: { operator: ctx.who.operator, station: ctx.who.station },
    now: ctx.now,
    format: venueFormat(ctx.store.sqlite),
    importId: null,
    next: 0,
    created: 0,
    saleIds: [],
    queued: [],
  }
}

export function importedResult(result: ImportResult, plan: ImportPlan): ImportResult {
  return { ...result, created: plan.created, guests: plan.guests.length, emails_queued: plan.queued.length }
}

export function importGuests(input: ImportInput, ctx: OperationContext): ImportResult {
  const checked = atOnce(checkGuestList(input, ctx.store))
  if (checked.result.errors.length > 0 || input.dry_run) return checked.result
  // Inside the one transaction the dispatcher opened: a failure anywhere rolls back every guest.
  const plan = planOf(checked, ctx)
  startImport(ctx.store.sqlite, plan)
  sellGuests(ctx.store.sqlite, plan, Number.POSITIVE_INFINITY)
  finishImport(ctx, plan)
  return importedResult(checked.result, plan)
}

/** Every ticket the list asks for must be there: the first row past what is left says so. */
function checkAvailability(
  sqlite: Store['sqlite'],
  eventId: number,
  types: TypeRow[],
  guests: CheckedGuest[],
  problem: (row: number, field: GuestField, message: string) => void,
): void {
  const totalLeft = countTickets(sqlite, { eventId, status: 'available' })
  const asked = new Map<number, number>()
  let askedInAll = 0
  const flagged = new Set<number | 'all'>()
  for (const guest of guests) {
    askedInAll += guest.quantity
    if (guest.ticketTypeId !== null) {
      const type = types.find((t) => t.id === guest.ticketTypeId)!
      const soFar = (asked.get(type.id) ?? 0) + guest.quantity
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

/** Tickets sold by the first step of a stepped import; the next are sized from it (src/main/step-size.ts). */
export const IMPORT_STEP = 250
/** Sales taken back per step when a stepped import cannot finish. */
export const UNDO_STEP = 1_000

/** A list the host is importing in steps: kept in memory, named by a random id the steps carry. */
export interface SteppedImport {
  plan: ImportPlan
  /** Set once a step failed: the next steps take back what the earlier ones sold. */
  undoing: boolean
  /** How many tickets the next step sells (at least one guest's). */
  stepTickets: number
}

const stepped = new WeakMap<Store, Map<string, SteppedImport>>()

export function steppedImports(store: Store): Map<string, SteppedImport> {
  let imports = stepped.get(store)
  if (!imports) stepped.set(store, (imports = new Map()))
  return imports
}

const progress = new WeakMap<Store, Map<string, ImportProgress>>()

/** How far each stepped import has got, by the progress id its caller chose; kept a while after the end. */
export function importProgresses(store: Store): Map<string, ImportProgress> {
  let known = progress.get(store)
  if (!known) progress.set(store, (known = new Map()))
  return known
}

const NOT_STARTED: ImportProgress = { stage: 'waiting', guests_done: 0, guests_total: 0 }

function importStep({ plan: key }: { plan: string }, ctx: OperationContext): ImportStep {
  const running = steppedImports(ctx.store).get(key)
  if (!running) throw new TicketiError('NOT_FOUND', 'No guest list is being imported under that id.')
  const { plan } = running
  const { sqlite } = ctx.store
  const progress = (status: ImportStep['status']): ImportStep => ({
    status,
    guests_done: plan.next,
    guests_total: plan.guests.length,
  })
  if (running.undoing) {
    if (plan.importId === null) return progress('undone')
    const left = undoImport(sqlite, plan.importId, ctx.now, UNDO_STEP)
    if (left > 0) return progress('selling')
    ctx.changed({ kind: 'tickets', event_id: plan.owner.id })
    ctx.audit({
      action: 'undoGuestImport',
      entity: 'event',
      entity_id: plan.owner.id,
      after: { import_id: plan.importId },
    })
    return progress('undone')
  }
  if (plan.importId === null) {
    plan.now = ctx.now
    startImport(sqlite, plan)
  }
  if (!sellGuests(sqlite, plan, running.stepTickets)) return progress('selling')
  finishImport(ctx, plan)
  return progress('done')
}

export const guestImportOperations: Pick<
  Handlers,
  'importGuestList' | 'importGuestListStep' | 'importProgress'
> = {
  importGuestList: importGuests,
  importGuestListStep: importStep,
  importProgress: ({ progress_id }, ctx) => importProgresses(ctx.store).get(progress_id) ?? NOT_STARTED,
}
