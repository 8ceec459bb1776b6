// Every operation Ticketi offers, declared once: its name, the input it accepts
// (zod), the answer it gives, and which roles may call it. The main process's
// dispatcher, the IPC bridge, the HTTP routes and the renderer's client are all
// typed from this map. Adding an operation = a schema here, a handler in
// src/main/operations, and (for the LAN) a line in src/main/http/routes.ts.
import { z } from 'zod'
import {
  CHECK_IN_RESULTS,
  DIRECTIONS,
  EMAIL_OUTBOX_STATUSES,
  EVENT_STATUSES,
  PAYMENT_METHODS,
  ROLES,
  SMTP_SECURITIES,
  TICKET_STATUSES,
  type AssignResult,
  type CashUp,
  type BackupList,
  type BackupView,
  type CheckInAnswer,
  type CsvFile,
  type DoorConflicts,
  type DoorCounts,
  type DoorList,
  type EmailPage,
  type EventDetails,
  type EventView,
  type HealthView,
  type ExportFile,
  type ExportProgress,
  type ImportResult,
  type ImportProgress,
  type ImportStep,
  type MailSettingsView,
  type NewStation,
  type OperatorView,
  type PairingView,
  type Reconciliation,
  type RefundResult,
  type ResendResult,
  type RestoreRequest,
  type Role,
  type SaleView,
  type SeedResult,
  type StationView,
  type TicketPage,
  type TicketView,
  type TicketTypeView,
  type TestEmailResult,
  type Timeline,
  type UndoResult,
  type UploadResult,
  type VenueSettingsView,
  type WhoAmI,
} from './views'
import { canonicalLocale, canonicalTimeZone } from './venue-format'
import { EXPORT_FORMATS, EXPORT_REPORT_NAMES } from './exports'
import { GUEST_FIELDS, MAX_IMPORT_BYTES } from './guest-list'

export const MAX_CODE_LENGTH = 6
export const MAX_CAPACITY = 10 ** MAX_CODE_LENGTH

const id = z.number().int().positive()
const text = (max: number) => z.string().trim().min(1).max(max)
const isoTime = z.iso.datetime({ offset: true, error: 'must be a date and time like 2026-12-31T20:00:00Z' })

const eventFields = {
  name: text(200),
  venue: z.string().trim().max(200),
  starts_at: isoTime,
  ends_at: isoTime.nullable(),
  capacity: z.number().int().min(1).max(MAX_CAPACITY),
  code_length: z.number().int().min(3).max(MAX_CODE_LENGTH),
  allow_reentry: z.boolean(),
}

const createEventInput = z
  .strictObject({
    ...eventFields,
    venue: eventFields.venue.default(''),
    ends_at: eventFields.ends_at.optional(),
    code_length: eventFields.code_length.default(3),
    allow_reentry: eventFields.allow_reentry.default(false),
  })
  .refine((e) => e.capacity <= 10 ** e.code_length, {
    path: ['capacity'],
    error: 'is larger than the number of codes of this length: use a longer code',
  })

const updateEventInput = z.strictObject({
  event_id: id,
  name: eventFields.name.optional(),
  venue: eventFields.venue.optional(),
  starts_at: eventFields.starts_at.optional(),
  ends_at: eventFields.ends_at.optional(),
  capacity: eventFields.capacity.optional(),
  code_length: eventFields.code_length.optional(),
  allow_reentry: eventFields.allow_reentry.optional(),
  status: z.enum(EVENT_STATUSES).optional(),
})

const ticketTypeFields = {
  name: text(100),
  price_cents: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code like EUR'),
  capacity: z.number().int().min(1).max(MAX_CAPACITY).nullable(),
}

// Name and price are fixed once the type has sold (tickets and emails carry them); the handler checks.
const updateTicketTypeInput = z.strictObject({
  ticket_type_id: id,
  name: ticketTypeFields.name.optional(),
  price_cents: ticketTypeFields.price_cents.optional(),
  currency: ticketTypeFields.currency.optional(),
  capacity: ticketTypeFields.capacity.optional(),
})

// The box office meets these messages beside its fields, so they say what to do in the venue's words.
const personName = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(200, 'A name can be at most 200 characters long')

const email = z
  .string({ error: 'Type an email address like ann@example.com' })
  .trim()
  .pipe(
    z
      .email('Type an email address like ann@example.com')
      .max(254, 'An email address can be at most 254 characters long'),
  )

const phone = z
  .string({ error: 'Type a phone number like +31 6 1234 5678' })
  .trim()
  .regex(
    /^\+?[0-9 ()./-]{5,30}$/,
    'Type a phone number of digits and spaces, with an optional leading + (like +31 6 1234 5678)',
  )

/** The name a sale is recorded under when a walk-in gives no name, email or phone. */
export const WALK_IN_NAME = 'Walk-in'

// A walk-in who pays and gives no email or phone is a customer of their own: with nothing to
// find them again by, no later sale is ever merged into theirs.
const customerInput = z
  .strictObject({
    name: personName('Type the customer’s name').optional(),
    email: email.optional(),
    phone: phone.optional(),
  })
  .refine((c) => c.name !== undefined || (c.email === undefined && c.phone === undefined), {
    path: ['name'],
    error: 'Type the customer’s name: only a walk-in without email or phone may stay nameless',
  })
  .transform((c) => ({ ...c, name: c.name ?? WALK_IN_NAME }))

const eventRef = z.strictObject({ event_id: id })

// The door: a short code as typed on the keypad, or a ticket uuid from the QR scanner.
const doorCode = z.string().trim().min(1).max(64)
const nonce = z.string().min(8).max(100)
const direction = z.enum(DIRECTIONS)
/** Check-ins per upload: a door sends a longer queue in batches. */
export const MAX_UPLOAD = 500
const reasonFor = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(500, 'A reason can be at most 500 characters long')

const cents = (what: string) =>
  z
    .number({ error: `Type the ${what} in cents` })
    .int(`Type the ${what} in whole cents`)
    .min(0, `The ${what} cannot be negative`)
    .max(100_000_000, `The ${what} is too large`)

const ticketIds = z
  .array(id, { error: 'Choose the tickets by their ids' })
  .min(1, 'Choose at least one ticket, or leave the tickets out to refund money alone')
  .max(100, 'Refund at most 100 tickets at once')
  .refine((ids) => new Set(ids).size === ids.length, 'Each ticket can be chosen once')

const shiftTime = isoTime.optional()

/** Operators' PINs: short enough for a keypad; five wrong ones in a row lock the operator for a while. */
export const operatorPin = z.string().regex(/^[0-9]{4,8}$/, 'must be 4 to 8 digits')

/** Declares one operation; Output is a type only, checked against the handler. */
function operation<Output>() {
  return <Input extends z.ZodType, Effect extends true | undefined = undefined>(spec: {
    input: Input
    roles: readonly Role[]
    /** Read-only operations run in a deferred transaction: one snapshot, no write lock. */
    readOnly?: boolean
    /**
     * Runs outside any transaction: it waits on the network (the test email) or works in
     * steps that let the door in between (exports). The core's dispatchAsync routes it
     * (src/main/effects.ts); the synchronous dispatcher refuses it.
     */
    effect?: Effect
  }) => spec as typeof spec & { readonly __output?: Output }
}

// Mail settings. A password left out keeps the stored one; null forgets it.
const mailFrom = {
  from_name: z.string().trim().max(100).optional(),
  from_address: z.email('must be an email address like tickets@example.com').max(254).optional(),
}
const hostName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]{2,45}\]$/, 'must be a host name like smtp.example.com')
// Absolute on any desktop system: "/..." or "C:\...". Checked again where the folder is used.
const absoluteFolder = z
  .string()
  .trim()
  .max(1000)
  .regex(/^(\/|[A-Za-z]:[\\/])/, 'must be a full folder path like /home/venue/mail')
const mailSettingsInput = z.discriminatedUnion('transport', [
  z.strictObject({ transport: z.literal('off'), ...mailFrom }),
  z.strictObject({ transport: z.literal('file'), dir: absoluteFolder.optional(), ...mailFrom }),
  z.strictObject({
    transport: z.literal('smtp'),
    host: hostName,
    port: z.number().int().min(1).max(65535),
    security: z.enum(SMTP_SECURITIES),
    user: z.string().trim().max(254).optional(),
    password: z.string().min(1).max(1000).nullable().optional(),
    ...mailFrom,
  }),
  z.strictObject({
    transport: z.literal('gmail'),
    user: z.email('must be the Gmail address').max(254),
    // Google shows app passwords as four groups of four letters; the spaces do not matter.
    password: z
      .string()
      .transform((p) => p.replace(/\s+/g, ''))
      .pipe(z.string().regex(/^[A-Za-z]{16}$/, 'must be the 16-letter app password Google showed'))
      .optional(),
    from_name: mailFrom.from_name,
  }),
])

// Null follows the host's system; a value is checked against what this system can format.
const venueLocale = z
  .string()
  .max(35)
  .transform((text, ctx) => {
    const locale = canonicalLocale(text)
    if (locale) return locale
    ctx.addIssue({ code: 'custom', message: 'must be a locale like fr-FR, en-GB or de-DE' })
    return z.NEVER
  })
  .nullable()
const venueTimeZone = z
  .string()
  .max(64)
  .transform((text, ctx) => {
    const zone = canonicalTimeZone(text)
    if (zone) return zone
    ctx.addIssue({ code: 'custom', message: 'must be a time zone like Europe/Paris' })
    return z.NEVER
  })
  .nullable()

const progressId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8 to 64 letters, digits or dashes')

const tooBig = `is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split the guest list into smaller files`
const importInput = z
  .strictObject({
    event_id: id,
    /** The file as text (the web UI decoded it already). */
    csv: z.string().max(MAX_IMPORT_BYTES, tooBig).optional(),
    /** The file's bytes as they are: UTF-8 with or without a BOM, or Windows-1252. */
    csv_base64: z
      .string()
      .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, tooBig)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
      .optional(),
    mapping: z.partialRecord(z.enum(GUEST_FIELDS), z.string().max(200)).optional(),
    dry_run: z.boolean().default(false),
    /** For rows without a payment column: comps by default. */
    payment_method: z.enum(PAYMENT_METHODS, { error: 'Choose how the guests paid' }).default('comp'),
    /** Chosen by the caller, so it can ask importProgress while the host imports in steps. */
    progress_id: progressId.optional(),
  })
  .refine((i) => (i.csv === undefined) !== (i.csv_base64 === undefined), {
    path: ['csv'],
    error: 'Send the guest list as csv (text) or as csv_base64 (the file’s bytes), one of the two',
  })

const everyone = ROLES
const sellers = ['admin', 'boxoffice'] as const
const doorStaff = ['admin', 'door'] as const
const admins = ['admin'] as const

export const operations = {
  whoAmI: operation<WhoAmI>()({ input: z.strictObject({}), roles: everyone, readOnly: true }),
  createEvent: operation<EventView>()({ input: createEventInput, roles: admins }),
  listEvents: operation<EventView[]>()({
    input: z.strictObject({ include_archived: z.boolean().default(false) }),
    roles: everyone,
    readOnly: true,
  }),
  getEvent: operation<EventDetails>()({ input: eventRef, roles: everyone, readOnly: true }),
  updateEvent: operation<EventView>()({ input: updateEventInput, roles: admins }),
  archiveEvent: operation<EventView>()({ input: eventRef, roles: admins }),
  unarchiveEvent: operation<EventView>()({ input: eventRef, roles: admins }),
  addTicketType: operation<TicketTypeView>()({
    input: z.strictObject({
      event_id: id,
      name: ticketTypeFields.name,
      price_cents: ticketTypeFields.price_cents,
      currency: ticketTypeFields.currency.default('EUR'),
      capacity: ticketTypeFields.capacity.default(null),
    }),
    roles: admins,
  }),
  updateTicketType: operation<TicketTypeView>()({ input: updateTicketTypeInput, roles: admins }),
  deleteTicketType: operation<TicketTypeView>()({
    input: z.strictObject({ ticket_type_id: id }),
    roles: admins,
  }),
  seedInventory: operation<SeedResult>()({
    input: z.strictObject({
      event_id: id,
      count: z.number().int().min(1).max(MAX_CAPACITY),
      ticket_type_id: id.optional(),
    }),
    roles: admins,
  }),
  listTickets: operation<TicketPage>()({
    input: z.strictObject({
      event_id: id,
      status: z.enum(TICKET_STATUSES).optional(),
      q: z.string().trim().max(200).optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    roles: sellers,
    readOnly: true,
  }),
  assign: operation<AssignResult>()({
    input: z.strictObject({
      event_id: id,
      customer: customerInput,
      holder_name: personName('Type the ticket holder’s name, or leave it empty').optional(),
      ticket_type_id: z
        .number({ error: 'Choose a ticket type' })
        .int('Choose a ticket type')
        .positive('Choose a ticket type')
        .optional(),
      quantity: z
        .number({ error: 'Type how many tickets, from 1 to 100' })
        .int('Type a whole number of tickets')
        .min(1, 'Sell at least 1 ticket')
        .max(100, 'Sell at most 100 tickets at once; make another sale for the rest')
        .default(1),
      payment_method: z.enum(PAYMENT_METHODS, { error: 'Choose how the customer pays' }).default('cash'),
    }),
    roles: sellers,
  }),
  emailSale: operation<ResendResult>()({
    input: z.strictObject({ sale_id: id, email: email.optional() }),
    roles: sellers,
  }),
  resend: operation<ResendResult>()({ input: z.strictObject({ ticket_id: id }), roles: sellers }),
  checkIn: operation<CheckInAnswer>()({
    input: z.strictObject({
      event_id: id,
      code: doorCode,
      nonce: nonce.optional(),
      direction: direction.default('in'),
    }),
    roles: doorStaff,
  }),
  undoCheckIn: operation<UndoResult>()({
    // A door's queued undo carries a nonce: sent again, it answers the same and undoes once.
    input: z.strictObject({ ticket_id: id, reason: text(500), nonce: nonce.optional() }),
    roles: doorStaff,
  }),
  // What a door needs to answer on its own when it cannot reach the host (SPEC §5.2).
  doorList: operation<DoorList>()({
    input: z.strictObject({ event_id: id, since: z.number().int().min(0).default(0) }),
    roles: everyone,
    readOnly: true,
  }),
  uploadCheckIns: operation<UploadResult>()({
    input: z.strictObject({
      checkins: z
        .array(
          z.strictObject({
            event_id: id,
            code: doorCode,
            nonce,
            // Not more than a few minutes ahead of the host's clock: the handler checks.
            scanned_at: isoTime,
            direction: direction.default('in'),
            offline_result: z.enum(CHECK_IN_RESULTS).exclude(['THROTTLED']),
          }),
        )
        .min(1, 'must hold at least one check-in')
        .max(MAX_UPLOAD, `must hold at most ${MAX_UPLOAD} check-ins: send the rest in another request`),
    }),
    roles: everyone,
  }),
  voidTicket: operation<TicketView>()({
    input: z.strictObject({ ticket_id: id, reason: reasonFor('Type why the ticket is voided') }),
    roles: sellers,
  }),
  transferTicket: operation<TicketView>()({
    input: z.strictObject({
      ticket_id: id,
      holder: z.strictObject({
        name: personName('Type the new holder’s name'),
        email: email.optional(),
        phone: phone.optional(),
      }),
      reason: reasonFor('Type why the ticket is transferred, or leave it empty').optional(),
    }),
    roles: sellers,
  }),
  getSale: operation<SaleView>()({ input: z.strictObject({ sale_id: id }), roles: sellers, readOnly: true }),
  refundSale: operation<RefundResult>()({
    input: z.strictObject({
      sale_id: id,
      amount_cents: cents('amount'),
      payment_method: z.enum(PAYMENT_METHODS, { error: 'Choose how the money goes back' }),
      reason: reasonFor('Type why the money goes back'),
      ticket_ids: ticketIds.optional(),
      // Refund and resell: each refunded ticket is replaced by a fresh one of its type, on sale again.
      resell: z.boolean().default(false),
    }),
    roles: sellers,
  }),
  cashUp: operation<CashUp>()({
    input: z
      .strictObject({
        event_id: id,
        from: shiftTime,
        to: shiftTime,
        operator: z.string().trim().min(1).max(200).optional(),
        station: z.string().trim().min(1).max(200).optional(),
      })
      .refine((c) => !c.from || !c.to || Date.parse(c.from) <= Date.parse(c.to), {
        path: ['to'],
        error: 'The shift must end after it starts',
      }),
    roles: sellers,
    readOnly: true,
  }),
  // Money is for the box office and the organizer; a door station gets the counts alone.
  reconciliation: operation<Reconciliation>()({ input: eventRef, roles: sellers, readOnly: true }),
  doorCounts: operation<DoorCounts>()({ input: eventRef, roles: everyone, readOnly: true }),
  reconciliationCsv: operation<CsvFile>()({ input: eventRef, roles: sellers, readOnly: true }),
  doorConflicts: operation<DoorConflicts>()({ input: eventRef, roles: sellers, readOnly: true }),
  doorConflictsCsv: operation<CsvFile>()({ input: eventRef, roles: sellers, readOnly: true }),
  // The check-in log export's CSV (exportReport, report "checkins"), built in steps as it is.
  checkinsCsv: operation<CsvFile>()({ input: eventRef, roles: sellers, effect: true }),
  importGuestList: operation<ImportResult>()({ input: importInput, roles: sellers }),
  importProgress: operation<ImportProgress>()({
    input: z.strictObject({ progress_id: progressId }),
    roles: sellers,
    readOnly: true,
  }),
  // One step of a list the host itself imports in steps (src/main/guest-import-steps.ts): the id
  // names a list it holds in memory, so a step sells the next guests of that list or nothing.
  importGuestListStep: operation<ImportStep>()({
    input: z.strictObject({ plan: z.uuid() }),
    roles: sellers,
  }),
  exportReport: operation<ExportFile>()({
    input: z.strictObject({
      event_id: id,
      report: z.enum(EXPORT_REPORT_NAMES),
      format: z.enum(EXPORT_FORMATS).default('csv'),
      /** Chosen by the caller, so it can ask exportProgress while the file is built. */
      progress_id: progressId.optional(),
    }),
    roles: sellers,
    effect: true,
  }),
  exportProgress: operation<ExportProgress>()({
    input: z.strictObject({ progress_id: progressId }),
    roles: sellers,
    effect: true,
  }),
  createStation: operation<NewStation>()({
    input: z.strictObject({ name: text(100), role: z.enum(ROLES) }),
    roles: admins,
  }),
  listStations: operation<StationView[]>()({ input: z.strictObject({}), roles: admins, readOnly: true }),
  revokeStation: operation<StationView>()({ input: z.strictObject({ station_id: id }), roles: admins }),
  renameStation: operation<StationView>()({
    input: z.strictObject({ station_id: id, name: text(100) }),
    roles: admins,
  }),
  createPairing: operation<PairingView>()({
    input: z.strictObject({ name: text(100), role: z.enum(ROLES) }),
    roles: admins,
  }),
  listOperators: operation<OperatorView[]>()({ input: z.strictObject({}), roles: admins, readOnly: true }),
  setOperatorPin: operation<OperatorView>()({
    input: z.strictObject({ operator_id: id, pin: operatorPin }),
    roles: admins,
  }),
  getMailSettings: operation<MailSettingsView>()({
    input: z.strictObject({}),
    roles: admins,
    readOnly: true,
  }),
  updateMailSettings: operation<MailSettingsView>()({ input: mailSettingsInput, roles: admins }),
  sendTestEmail: operation<TestEmailResult>()({
    input: z.strictObject({ to: z.email('must be an email address like ann@example.com').max(254) }),
    roles: admins,
    effect: true,
  }),
  getVenueSettings: operation<VenueSettingsView>()({
    input: z.strictObject({}),
    roles: everyone,
    readOnly: true,
  }),
  updateVenueSettings: operation<VenueSettingsView>()({
    input: z.strictObject({ locale: venueLocale, time_zone: venueTimeZone }),
    roles: admins,
  }),
  // Whether the host can save: every screen shows a banner when its disk is full.
  health: operation<HealthView>()({ input: z.strictObject({}), roles: everyone, readOnly: true }),
  // The night over time (arrivals, inside, sales per day): counts only, no money.
  timeline: operation<Timeline>()({ input: eventRef, roles: everyone, readOnly: true }),
  // An online copy of the database, checked before it is kept: it waits on the copy, outside any transaction.
  createBackup: operation<BackupView>()({ input: z.strictObject({}), roles: admins, effect: true }),
  listBackups: operation<BackupList>()({ input: z.strictObject({}), roles: admins, readOnly: true }),
  // Put back at the next start, never under an open database (src/main/backup/restore.ts).
  restoreBackup: operation<RestoreRequest>()({
    input: z.strictObject({ name: z.string().trim().min(1).max(200) }),
    roles: admins,
    effect: true,
  }),
  cancelRestore: operation<BackupList>()({ input: z.strictObject({}), roles: admins, effect: true }),
  // A sample event with sales and check-ins, made through the same operations as a real night.
  createSampleEvent: operation<EventView>()({ input: z.strictObject({}), roles: admins, effect: true }),
  listEmails: operation<EmailPage>()({
    input: z.strictObject({
      event_id: id.optional(),
      sale_id: id.optional(),
      status: z.enum(EMAIL_OUTBOX_STATUSES).optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    roles: sellers,
    readOnly: true,
  }),
}

export type Operations = typeof operations
export type OperationName = keyof Operations
/** What a caller sends (defaults may be left out). */
export type InputOf<N extends OperationName> = z.input<Operations[N]['input']>
/** What a handler receives, after validation filled in the defaults. */
export type ParsedInputOf<N extends OperationName> = z.output<Operations[N]['input']>
export type OutputOf<N extends OperationName> = NonNullable<Operations[N]['__output']>

/** The operations that wait on the network: the test email. */
export type EffectName = {
  [N in OperationName]: [NonNullable<Operations[N]['effect']>] extends [never] ? never : N
}[OperationName]
/** Every other operation: the dispatcher runs these in a transaction. */
export type TransactionalName = Exclude<OperationName, EffectName>

export function isEffect(name: OperationName): name is EffectName {
  return operations[name].effect === true
}

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name)
}
