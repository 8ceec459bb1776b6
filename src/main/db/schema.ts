// The SQLite schema (SPEC §3). Migrations in drizzle/ are generated from this
// file with `npm run db:generate`; never edit a generated migration by hand.
// Times are ISO-8601 UTC strings: readable in the file and in CSV, and they sort.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
// The enums' one source: the contract and the views check against these same arrays.
import {
  DIRECTIONS,
  EMAIL_OUTBOX_STATUSES,
  EMAIL_STATUSES,
  EVENT_STATUSES,
  GUEST_IMPORT_STATUSES,
  PAYMENT_METHODS,
  ROLES,
  TICKET_STATUSES,
} from '../../shared/views'

export const event = sqliteTable('event', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  venue: text('venue').notNull().default(''),
  startsAt: text('starts_at').notNull(),
  endsAt: text('ends_at'),
  capacity: integer('capacity').notNull(),
  codeLength: integer('code_length').notNull().default(3),
  allowReentry: integer('allow_reentry', { mode: 'boolean' }).notNull().default(false),
  status: text('status', { enum: EVENT_STATUSES }).notNull().default('active'),
  createdAt: text('created_at').notNull(),
  // Set when the organizer puts a past event away: it leaves the lists and choosers, nothing else changes.
  archivedAt: text('archived_at'),
})

export const ticketType = sqliteTable(
  'ticket_type',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => event.id),
    name: text('name').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('EUR'),
    capacity: integer('capacity'),
  },
  // lower() folds ASCII only; the handlers also compare names with full Unicode case folding.
  (t) => [uniqueIndex('ticket_type_event_name_nocase').on(t.eventId, sql`lower(${t.name})`)],
)

export const customer = sqliteTable(
  'customer',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    // Stored lower-cased, so "found again by email" is an index lookup.
    email: text('email'),
    // Stored as digits with an optional leading "+".
    phone: text('phone'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('customer_email').on(t.email), index('customer_phone').on(t.phone)],
)

export const person = sqliteTable('person', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email'),
  // Given when a ticket is transferred to someone who has no email.
  phone: text('phone'),
})

export const sale = sqliteTable(
  'sale',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => event.id),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customer.id),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    ticketCount: integer('ticket_count').notNull(),
    operator: text('operator').notNull(),
    station: text('station').notNull(),
    createdAt: text('created_at').notNull(),
    // The guest list this sale came from: an import that cannot finish takes back all its sales.
    importId: integer('import_id').references(() => guestImport.id),
  },
  (t) => [
    // An event's sales: the cash-up, the payments export and the outbox's list by event. The
    // money by payment method is kept in money_total.
    index('sale_event').on(t.eventId, t.paymentMethod, t.amountCents, t.ticketCount),
    index('sale_import')
      .on(t.importId)
      .where(sql`${t.importId} IS NOT NULL`),
  ],
)

/**
 * A guest list being sold in steps (src/main/guest-import-steps.ts). Until it is `done`, its
 * codes emails stay in the outbox unsent; one that never got there (tickets ran out, the
 * process was killed) is undone as a whole, at once or at the next start, and left `undone`.
 */
export const guestImport = sqliteTable('guest_import', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eventId: integer('event_id')
    .notNull()
    .references(() => event.id),
  status: text('status', { enum: GUEST_IMPORT_STATUSES }).notNull().default('selling'),
  guests: integer('guests').notNull(),
  operator: text('operator').notNull(),
  station: text('station').notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
})

export const ticket = sqliteTable(
  'ticket',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    uuid: text('uuid').notNull().unique(),
    eventId: integer('event_id')
      .notNull()
      .references(() => event.id),
    ticketTypeId: integer('ticket_type_id').references(() => ticketType.id),
    // Drawn at assignment; NULL while the ticket is still available.
    shortCode: text('short_code'),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('available'),
    customerId: integer('customer_id').references(() => customer.id),
    personId: integer('person_id').references(() => person.id),
    saleId: integer('sale_id').references(() => sale.id),
    // What the buyer paid for this ticket (0 for comps), so revenue adds up per type.
    priceCents: integer('price_cents'),
    // 1 while the holder is in the venue; exits (re-entry events) set it back to 0.
    inside: integer('inside', { mode: 'boolean' }).notNull().default(false),
    // Copied from the sale's outbox rows by triggers whenever they change (drizzle/0010), so
    // reconciliation counts deliveries from an index instead of joining every ticket.
    emailStatus: text('email_status', { enum: EMAIL_STATUSES }).notNull().default('none'),
    assignedAt: text('assigned_at'),
    checkedInAt: text('checked_in_at'),
    checkedInBy: text('checked_in_by'),
    // When the door last had to hear of this ticket: the version of its latest row in
    // door_change, set by triggers (drizzle/0016), so no write path can forget it. Doors ask
    // for what changed after the version they hold.
    doorVersion: integer('door_version').notNull().default(0),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
    // The refund that gave this ticket's money back (the ticket is then void).
    refundId: integer('refund_id'),
    // A transferred ticket's old code and uuid stay behind on a void row, so the door keeps
    // answering VOID to them; this names the ticket the new holder carries.
    replacedBy: integer('replaced_by'),
  },
  (t) => [
    uniqueIndex('ticket_event_code').on(t.eventId, t.shortCode),
    // No index holds a column a check-in changes (status, inside, door_version): each one would
    // cost every admission a page written at random. The counts come from ticket_count, the
    // door list from door_change; only the tickets still for sale, and the void ones, are indexed
    // by status, and a check-in enters neither.
    index('ticket_available')
      .on(t.eventId, t.ticketTypeId)
      .where(sql`${t.status} = 'available'`),
    index('ticket_void')
      .on(t.eventId, t.voidedAt)
      .where(sql`${t.status} = 'void'`),
    // The walk-ins' sales, which reconciliation tells apart (sales_without_email).
    index('ticket_sold_without_email')
      .on(t.eventId, t.saleId)
      .where(sql`${t.emailStatus} = 'none' AND ${t.status} IN ('assigned', 'checked_in')`),
    // The next four hold sold tickets only (drizzle/0017): a ticket for sale has no sale, buyer,
    // holder or time of sale, and an entry for it in each would be four of the nine b-tree writes
    // of every seeded ticket, never read. A lookup by one of these columns cannot match NULL, so
    // SQLite still picks these for it.
    index('ticket_sale')
      .on(t.saleId)
      .where(sql`${t.saleId} IS NOT NULL`),
    index('ticket_customer')
      .on(t.customerId)
      .where(sql`${t.customerId} IS NOT NULL`),
    // The box office finds tickets by their holder's name through this (search by name).
    index('ticket_person')
      .on(t.personId)
      .where(sql`${t.personId} IS NOT NULL`),
    // The night's sales per day: each venue day is one range of this index, read alone.
    index('ticket_event_assigned')
      .on(t.eventId, t.assignedAt, t.ticketTypeId)
      .where(sql`${t.assignedAt} IS NOT NULL`),
  ],
)

/** Money given back on a sale, in full or in part; never more than was paid, net of earlier refunds. */
export const refund = sqliteTable(
  'refund',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => event.id),
    saleId: integer('sale_id')
      .notNull()
      .references(() => sale.id),
    amountCents: integer('amount_cents').notNull(),
    // How the money went back: a card sale may be refunded in cash.
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }).notNull(),
    reason: text('reason').notNull(),
    ticketCount: integer('ticket_count').notNull(),
    operator: text('operator').notNull(),
    station: text('station').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('refund_sale').on(t.saleId),
    // An event's refunds, as sale_event for the sales.
    index('refund_event').on(t.eventId, t.paymentMethod, t.amountCents, t.ticketCount),
  ],
)

export const checkin = sqliteTable(
  'checkin',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => event.id),
    ticketId: integer('ticket_id').references(() => ticket.id),
    codeTyped: text('code_typed').notNull(),
    result: text('result').notNull(),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    station: text('station').notNull(),
    operator: text('operator').notNull(),
    // When the host logged the attempt (its clock): what the guessing limits count by.
    at: text('at').notNull(),
    // When the door scanned it (its clock) and when the host heard of it; both equal `at` for a
    // check-in made online. Rows logged before offline doors were filled in by the migration.
    scannedAt: text('scanned_at'),
    uploadedAt: text('uploaded_at'),
    // Made by a door that could not reach the host, and uploaded later.
    offline: integer('offline', { mode: 'boolean' }).notNull().default(false),
    // An admission the door made offline that the host could not count first: the ticket was
    // already in (or void, or unknown). Listed in door conflicts.
    conflict: integer('conflict', { mode: 'boolean' }).notNull().default(false),
    // Sent by doors (the door app always sends one); a check-in without one has none to match.
    nonce: text('nonce'),
    // The answer given, so a retried nonce gets exactly the same answer again.
    answer: text('answer').notNull(),
  },
  (t) => [
    // Only check-ins with a nonce are indexed by it: an entry for every check-in sent without one
    // could never match, and cost each such check-in one more page written.
    uniqueIndex('checkin_nonce_unique')
      .on(t.nonce)
      .where(sql`${t.nonce} IS NOT NULL`),
    // The check-in log and the night's arrivals, in the order the doors scanned.
    index('checkin_event_scanned').on(t.eventId, t.scannedAt),
    index('checkin_ticket').on(t.ticketId),
    // Door conflicts are rare: a partial index finds them and costs an online check-in nothing.
    index('checkin_conflict')
      .on(t.eventId, t.ticketId)
      .where(sql`${t.conflict} = 1`),
  ],
)

/**
 * How many tickets of each kind an event has: every count reconciliation, the door's
 * counters, the event list and the seed's room check show. Kept by triggers on ticket
 * (drizzle/0015_ticket_counts_and_door_changes_kept.sql), so no write path can forget it and
 * no report reads the event's tickets one by one. Rows are never removed; a kind no
 * ticket has any more keeps n = 0.
 */
export const ticketCount = sqliteTable(
  'ticket_count',
  {
    eventId: integer('event_id').notNull(),
    // 0 for tickets of no type: a key column may not be NULL (NULLs never clash in a key).
    ticketTypeId: integer('ticket_type_id').notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    inside: integer('inside').notNull(),
    emailStatus: text('email_status', { enum: EMAIL_STATUSES }).notNull(),
    n: integer('n').notNull(),
    priceCents: integer('price_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.ticketTypeId, t.status, t.inside, t.emailStatus] })],
)

/**
 * The money of each event by payment method: the sales (and their tickets) and the refunds,
 * kept by triggers on sale and refund (drizzle/0015), so reconciliation reads a few rows
 * however many sales the night made. `kind` is 'sale' or 'refund'.
 */
export const moneyTotal = sqliteTable(
  'money_total',
  {
    eventId: integer('event_id').notNull(),
    kind: text('kind', { enum: ['sale', 'refund'] }).notNull(),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }).notNull(),
    count: integer('count').notNull(),
    tickets: integer('tickets').notNull(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.kind, t.paymentMethod] })],
)

/**
 * Every change a door must hear of, in version order: one row appended per change by the
 * triggers that give the ticket its door version: the row's own rowid, so the log is its own
 * counter. A door asking for what changed since its version reads the rows after it whose
 * version is still the ticket's own (its latest). Appending costs a change one page at the
 * end of the log, where an index of the tickets by door version cost a page written at
 * random for every check-in.
 */
export const doorChange = sqliteTable(
  'door_change',
  {
    version: integer('version').primaryKey(),
    eventId: integer('event_id').notNull(),
    ticketId: integer('ticket_id').notNull(),
  },
  (t) => [index('door_change_event').on(t.eventId, t.version, t.ticketId)],
)

/** Each undone check-in; a door's queued undo carries a nonce, so sent twice it undoes once. */
export const checkinUndo = sqliteTable('checkin_undo', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  ticketId: integer('ticket_id')
    .notNull()
    .references(() => ticket.id),
  reason: text('reason').notNull(),
  station: text('station').notNull(),
  operator: text('operator').notNull(),
  at: text('at').notNull(),
  nonce: text('nonce').unique(),
})

export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    saleId: integer('sale_id').references(() => sale.id),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: EMAIL_OUTBOX_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at').notNull(),
    sentAt: text('sent_at'),
    messageId: text('message_id'),
    // The sale as it was when queued (JSON): the HTML, the QR codes and the calendar file are
    // made from it at send time, so they agree with the plain-text body whenever it goes out.
    saleSnapshot: text('sale_snapshot'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('email_outbox_status_next').on(t.status, t.nextAttemptAt),
    index('email_outbox_sale').on(t.saleId),
  ],
)

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  operator: text('operator').notNull(),
  station: text('station').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: integer('entity_id'),
  before: text('before'),
  after: text('after'),
  at: text('at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
})

export const operator = sqliteTable('operator', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  role: text('role', { enum: ROLES }).notNull(),
  pinHash: text('pin_hash').notNull(),
  // Wrong PINs in a row, and until when sign-in is refused after too many.
  failedPins: integer('failed_pins').notNull().default(0),
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull(),
})

export const station = sqliteTable('station', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  role: text('role', { enum: ROLES }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  lastSeenAt: text('last_seen_at'),
  revokedAt: text('revoked_at'),
  createdAt: text('created_at').notNull(),
})

/**
 * A pairing code an admin made for a new station: 8 digits, one use, valid 10 minutes.
 * Only a hash of the code is kept; used_at is set by the one guarded UPDATE that spends it.
 */
export const pairing = sqliteTable(
  'pairing',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    codeHash: text('code_hash').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    stationId: integer('station_id').references(() => station.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('pairing_code_hash').on(t.codeHash)],
)

/** One signed-in run of a paired station: a chain of refresh tokens, revoked as a whole. */
export const stationSession = sqliteTable('station_session', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  stationId: integer('station_id')
    .notNull()
    .references(() => station.id),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
})

/** Every refresh token a session was given (only its hash); a spent one shown again revokes the session. */
export const refreshToken = sqliteTable(
  'refresh_token',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => stationSession.id),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: text('expires_at').notNull(),
    spentAt: text('spent_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('refresh_token_session').on(t.sessionId)],
)

/** This installation's settings (mail transport, kiosk mode, ...), one JSON value per key. */
export const setting = sqliteTable('setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
})
