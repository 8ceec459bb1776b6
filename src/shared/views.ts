// What operations answer with: plain JSON with snake_case fields, identical over IPC and HTTP.
import type { GuestMapping } from './guest-list'
import type { Principal } from './principal'

export const ROLES = ['admin', 'boxoffice', 'door'] as const
export type Role = (typeof ROLES)[number]

export const TICKET_STATUSES = ['available', 'assigned', 'checked_in', 'void'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

export const PAYMENT_METHODS = ['cash', 'card', 'comp', 'other'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const EVENT_STATUSES = ['active', 'closed', 'cancelled'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]

/** Whether the customer got their codes: taken from the email outbox. */
export const EMAIL_STATUSES = ['none', 'pending', 'delivered', 'failed'] as const
export type EmailStatus = (typeof EMAIL_STATUSES)[number]

/** A scan at the door lets a guest in, or out again where the event allows re-entry. */
export const DIRECTIONS = ['in', 'out'] as const
export type Direction = (typeof DIRECTIONS)[number]

export interface TicketCounts {
  available: number
  assigned: number
  checked_in: number
  void: number
}

export interface EventView {
  id: number
  name: string
  venue: string
  starts_at: string
  ends_at: string | null
  capacity: number
  code_length: number
  allow_reentry: boolean
  status: EventStatus
  created_at: string
  /** When the organizer archived it; archived events are left out of lists unless asked for. */
  archived_at: string | null
  counts: TicketCounts
  /** Advice for the organizer, such as a code space that is easy to guess. */
  warnings: string[]
}

export interface TicketTypeView {
  id: number
  event_id: number
  name: string
  price_cents: number
  currency: string
  capacity: number | null
  /** Tickets of this type, seeded or sold: a type with any cannot be deleted. */
  tickets: number
  /** Tickets of this type that were ever sold: its name and price are fixed from the first one. */
  sold: number
}

export interface EventDetails extends EventView {
  ticket_types: TicketTypeView[]
}

export interface CustomerView {
  id: number
  name: string
  email: string | null
  phone: string | null
}

export interface TicketView {
  id: number
  uuid: string
  event_id: number
  ticket_type_id: number | null
  ticket_type_name: string | null
  short_code: string | null
  status: TicketStatus
  customer: CustomerView | null
  holder_name: string | null
  sale_id: number | null
  price_cents: number | null
  inside: boolean
  assigned_at: string | null
  checked_in_at: string | null
  checked_in_by: string | null
  email_status: EmailStatus
  /** Set when the ticket was voided (by hand, by a refund, or as the old code of a transfer). */
  voided_at: string | null
  void_reason: string | null
  /** The refund that gave this ticket's money back. */
  refund_id: number | null
  /** A transferred ticket's old code: the ticket the new holder now carries. */
  replaced_by: number | null
}

export interface TicketPage {
  tickets: TicketView[]
  total: number
  /** A search found more tickets than the 1,000 it counts: `total` is then 1,000, a lower bound. */
  more: boolean
}

export interface SeedResult {
  event_id: number
  ticket_type_id: number | null
  created: number
  available: number
}

export interface AssignResult {
  sale_id: number
  customer: CustomerView
  payment_method: PaymentMethod
  amount_cents: number
  tickets: TicketView[]
  email_queued: boolean
}

/** Money given back on a sale. */
export interface RefundView {
  id: number
  sale_id: number
  amount_cents: number
  payment_method: PaymentMethod
  reason: string
  /** The tickets this refund voided (none for money alone). */
  ticket_ids: number[]
  operator: string
  station: string
  created_at: string
}

/** One sale as the box office sees it: what was paid, what was given back, and its tickets. */
export interface SaleView {
  id: number
  event_id: number
  customer: CustomerView
  payment_method: PaymentMethod
  amount_cents: number
  refunded_cents: number
  /** What may still be refunded: the amount paid net of every refund so far. */
  refundable_cents: number
  currency: string
  operator: string
  station: string
  created_at: string
  tickets: TicketView[]
  refunds: RefundView[]
}

export interface RefundResult {
  refund: RefundView
  sale: SaleView
  /** Refund and resell: the fresh available tickets put back on sale in place of the refunded ones. */
  resold_ticket_ids: number[]
}

export interface ResendResult {
  outbox_id: number
  recipient: string
}

/** Every answer the door can give, online or offline: the one list of their names. */
export const CHECK_IN_RESULTS = [
  'OK',
  'DUPLICATE',
  'UNKNOWN',
  'WRONG_EVENT',
  'VOID',
  'NOT_ASSIGNED',
  'NOT_INSIDE',
  'REENTRY_DISABLED',
  'THROTTLED',
] as const
export type CheckInResult = (typeof CHECK_IN_RESULTS)[number]

/** What a door that could not reach the host may have shown: it answers from its copy, never throttled. */
export type OfflineResult = Exclude<CheckInResult, 'THROTTLED'>

/**
 * The door's answer to one typed or scanned code. Only OK carries the ticket:
 * any other answer could be a guesser's, and the uuid is the QR code's secret.
 */
export interface CheckInAnswer {
  result: CheckInResult
  direction: 'in' | 'out'
  message: string
  checkin_id: number
  ticket: {
    id: number
    uuid: string
    short_code: string | null
    ticket_type_name: string | null
    holder_name: string | null
    status: TicketStatus
  } | null
  /** DUPLICATE: when and where the ticket was first let in (the guest is not named). */
  first_checked_in_at?: string
  first_station?: string
  /** WRONG_EVENT: the event the code or ticket belongs to. */
  other_event?: { id: number; name: string; starts_at: string }
  /** THROTTLED: seconds until this station may try again. */
  retry_after_s?: number
}

/** A station that typed many codes that do not exist in the last minutes, more than it let in. */
export interface GuessingWarning {
  station: string
  misses: number
  admissions: number
  last_miss_at: string
}

export interface UndoResult {
  ticket_id: number
  status: TicketStatus
}

/** One ticket as a door needs it to answer on its own: no uuid, only its hash. */
export interface DoorListTicket {
  id: number
  /** Null (with status `available`) in a delta: the ticket lost its code, so the door drops it. */
  short_code: string | null
  /** Lowercase hex SHA-256 of the lowercase uuid: a scanned QR is matched by its hash. */
  uuid_hash: string
  status: TicketStatus
  inside: boolean
  holder_name: string | null
  ticket_type_name: string | null
  checked_in_at: string | null
  /** The station that let the guest in, as the door names it ("Admin", not "admin token"). */
  checked_in_by: string | null
}

/** A page of the door list: the tickets whose door version is above `since`, in version order. */
export interface DoorList {
  event: { id: number; name: string; allow_reentry: boolean; code_length: number }
  /** Ask again with since=version; the door version of the page's last ticket. */
  version: number
  /** False when more changes follow this page. */
  complete: boolean
  tickets: DoorListTicket[]
}

/** The host's word on one check-in a door uploaded: what it recorded, and whether it clashed. */
export interface UploadedCheckIn {
  nonce: string
  result: CheckInResult
  /** An admission made offline that the host could not count first (already in, void or unknown). */
  conflict: boolean
}

export interface UploadResult {
  results: UploadedCheckIn[]
}

/** One time a ticket was let in. */
export interface DoorAdmission {
  checkin_id: number
  station: string
  scanned_at: string
  uploaded_at: string
  offline: boolean
  result: CheckInResult
  /** The admission that counted: the ticket's check-in. */
  first: boolean
}

/** A ticket let in more than once, by doors that could not see each other. */
export interface DoorConflictTicket {
  /** Null when the code a door let in offline matches no ticket of the host. */
  ticket_id: number | null
  short_code: string | null
  holder_name: string | null
  ticket_type_name: string | null
  admissions: DoorAdmission[]
}

export interface DoorConflicts {
  event_id: number
  tickets: DoorConflictTicket[]
}

export interface ReconciliationCounts {
  capacity: number | null
  available: number
  assigned: number
  delivered: number
  email_pending: number
  email_failed: number
  checked_in: number
  inside_now: number
  no_show: number
  void: number
  revenue_cents: number
}

export interface RevenueLine {
  payment_method: PaymentMethod
  sales: number
  tickets: number
  /** Taken in sales by this method, before refunds. */
  amount_cents: number
  /** Given back by this method. */
  refunded_cents: number
  /** amount_cents less refunded_cents: what this method should hold at the end of the night. */
  net_cents: number
}

/** Refunds given back by one payment method. */
export interface RefundLine {
  payment_method: PaymentMethod
  refunds: number
  tickets: number
  amount_cents: number
}

export interface Reconciliation {
  event: { id: number; name: string; venue: string; starts_at: string; capacity: number }
  currency: string
  generated_at: string
  totals: ReconciliationCounts
  ticket_types: Array<ReconciliationCounts & { ticket_type_id: number | null; name: string }>
  revenue: RevenueLine[]
  /** Refunds on their own, by the payment method the money went back by. */
  refunds: RefundLine[]
  refunded_cents: number
  /** Every sale's amount less every refund. */
  net_revenue_cents: number
  /** Sales to a customer without an email address: their tickets are in no email count. */
  sales_without_email: number
  /** Possible code guessing: stations with many unknown codes for this event lately. */
  guessing: GuessingWarning[]
}

/** What a door station may see of the night: the counts, never the money. */
export type DoorCountsTotals = Omit<ReconciliationCounts, 'revenue_cents'>

export interface DoorCounts {
  event_id: number
  generated_at: string
  totals: DoorCountsTotals
  /** Possible code guessing at these stations (see Reconciliation). */
  guessing: GuessingWarning[]
  /** Tickets let in more than once by doors that were offline (a count: the names are in Reports). */
  door_conflicts: number
}

export interface CsvFile {
  filename: string
  content: string
}

export interface StationView {
  id: number
  name: string
  role: Role
  last_seen_at: string | null
  revoked_at: string | null
  created_at: string
}

export interface NewStation extends StationView {
  /** Shown once; only its hash is stored. */
  token: string
}

/** A code a new station types (or opens as a link) once to join the host. */
export interface PairingView {
  /** 8 digits, one use. */
  pairing_code: string
  expires_at: string
  /** The web UI's join screen with the code filled in; null where this app does not share on the LAN. */
  join_url: string | null
  name: string
  role: Role
}

/** What pairing or a refresh gives a station: a short-lived access JWT and the next refresh token. */
export interface StationSession {
  access_token: string
  token_type: 'Bearer'
  /** Seconds the access token is valid. */
  expires_in: number
  /** Left out when the host set it as an HttpOnly cookie instead, so page scripts never see it. */
  refresh_token?: string
  station: { id: number; name: string; role: Role }
}

/** Who the caller is, as the host sees it: the station's role and name, and the operator. */
export type WhoAmI = Principal

/** A person's sign-in on the desktop app: never the PIN or its hash. */
export interface OperatorView {
  id: number
  name: string
  role: Role
  /** Set while too many wrong PINs keep this operator from signing in. */
  locked_until: string | null
}

/** How this installation sends email: an SMTP server, Gmail (with an app password), a folder of .eml files, or not at all. */
export const MAIL_TRANSPORTS = ['smtp', 'gmail', 'file', 'off'] as const
export type MailTransport = (typeof MAIL_TRANSPORTS)[number]

/** tls: TLS from the first byte (port 465); starttls: upgrade required (587); none: plain unless the server offers STARTTLS. */
export const SMTP_SECURITIES = ['tls', 'starttls', 'none'] as const
export type SmtpSecurity = (typeof SMTP_SECURITIES)[number]

/** The mail settings as any screen may see them: never the password itself. */
export interface MailSettingsView {
  transport: MailTransport
  from_name: string
  /** The sender address as saved; null when none was (the transport then picks one). */
  from_address: string | null
  smtp: {
    host: string
    port: number
    security: SmtpSecurity
    user: string | null
    has_password: boolean
  } | null
  /** Where the file transport writes its .eml files. */
  file_dir: string | null
  /** Set by TICKETI_SMTP_URL or TICKETI_MAIL_DIR on the headless host; then they cannot be changed here. */
  from_environment: boolean
  /** False where this computer offers no way to keep a password encrypted: SMTP with a password is refused. */
  can_store_password: boolean
  /**
   * The saved settings cannot be read (written by another version, or damaged): nothing is sent
   * until they are saved again, and the rest of this view shows the defaults to start from.
   */
  unreadable: boolean
  updated_at: string | null
}

/** What the mail server (or the folder) answered to a test email. */
export interface TestEmailResult {
  accepted: boolean
  recipient: string
  transport: MailTransport
  message_id: string | null
  /** The server's own words, e.g. "250 2.0.0 OK" or "535 5.7.8 Authentication failed". */
  server_answer: string
}

/** A guest list sold in steps: selling, then done (its emails go out) or undone (nobody was sold). */
export const GUEST_IMPORT_STATUSES = ['selling', 'done', 'undone'] as const
export type GuestImportStatus = (typeof GUEST_IMPORT_STATUSES)[number]

export const EMAIL_OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const
export type EmailOutboxStatus = (typeof EMAIL_OUTBOX_STATUSES)[number]

/** One message of the outbox, for the box office's "which emails went out". */
export interface EmailView {
  id: number
  sale_id: number | null
  event_id: number | null
  recipient: string
  subject: string
  status: EmailOutboxStatus
  attempts: number
  last_error: string | null
  next_attempt_at: string
  sent_at: string | null
  message_id: string | null
  created_at: string
}

export interface EmailPage {
  emails: EmailView[]
  total: number
}

/**
 * How dates, times and money read at this venue, on every screen and in the email. Nothing
 * saved (null) follows the host's system, whose own choice is shown beside it.
 */
export interface VenueSettingsView {
  /** In force: the saved locale, else the system's. */
  locale: string
  time_zone: string
  saved_locale: string | null
  saved_time_zone: string | null
  system_locale: string
  system_time_zone: string
  updated_at: string | null
}

/** Sales and refunds by payment method over a shift. */
export interface CashUpLine {
  payment_method: PaymentMethod
  sales: number
  sales_cents: number
  refunds: number
  refunds_cents: number
  net_cents: number
}

/** One operator's or station's shift at the box office, to count the drawer against. */
export interface CashUp {
  event: { id: number; name: string }
  currency: string
  from: string | null
  to: string | null
  operator: string | null
  station: string | null
  generated_at: string
  lines: CashUpLine[]
  totals: Omit<CashUpLine, 'payment_method'>
  /** Cash sales less cash refunds: what the drawer should hold beyond its float. */
  cash_expected_cents: number
}

/** A copy of the database in the data folder's backups/. */
export interface BackupView {
  /** The file name in backups/, what a restore asks for. */
  name: string
  size_bytes: number
  created_at: string
  /** `manual` (Back up now), `auto` (every 10 minutes during an event), `before-restore`, `before-upgrade`. */
  kind: string
  /** Passed `PRAGMA integrity_check` before it got its name. */
  verified: boolean
}

export interface BackupList {
  backups: BackupView[]
  /** The backup to be put back at the next start, if one was asked for. */
  pending_restore: string | null
  /** How many automatic copies are kept, and how often one is made while an event is on. */
  automatic: { every_minutes: number; keep: number }
}

export interface RestoreRequest {
  name: string
  /** A restore happens at the next start of Ticketi, before the database is opened. */
  at: 'next start'
  message: string
}

/** What GET /api/v1/health says, and the banner every screen shows when the disk is full. */
export interface HealthView {
  status: 'ok' | 'disk_full'
  /** Why, for a person, when not ok. */
  problem?: string
  /** Since when the disk has been full. */
  since?: string
}

/** One 15-minute slot of the night at the door. */
export interface DoorSlot {
  /** The slot's start. */
  at: string
  /** Admissions in this slot (exits are not arrivals). */
  arrivals: number
  /** Guests inside at the slot's end, from the door log's entries and exits. */
  inside: number
}

export interface SalesDay {
  /** The day in the venue's time zone, YYYY-MM-DD. */
  day: string
  /** Tickets sold that day per ticket type id ("none" for tickets without a type). */
  by_type: Record<string, number>
  total: number
}

/** The night over time, for the charts: no money in it, so every role may see it. */
export interface Timeline {
  event_id: number
  generated_at: string
  slot_minutes: number
  door: DoorSlot[]
  ticket_types: Array<{ id: number | null; name: string }>
  sales: SalesDay[]
}

/** One problem of a guest list: its spreadsheet row (the header is row 1), the file's column, what to do. */
export interface ImportProblem {
  row: number
  column: string
  message: string
}

export interface ImportResult {
  /** Guests in the file (rows with anything in them). */
  rows: number
  /** Tickets assigned; 0 on a dry run or when any row has a problem. */
  created: number
  /** Guests sold to (one sale each). */
  guests: number
  /** Codes emails queued, one per guest with an email address. */
  emails_queued: number
  errors: ImportProblem[]
  dry_run: boolean
  /** The mapping used: the one sent, or the one guessed from the header. */
  mapping: GuestMapping
  /** How the file's bytes were read: utf-8, or windows-1252 when they were not valid UTF-8. */
  encoding: string
}

/** How far the host has got with a guest list: checking its rows, then selling to its guests. */
export interface ImportProgress {
  stage: 'waiting' | 'checking' | 'selling' | 'undoing' | 'finished'
  guests_done: number
  guests_total: number
}

/** Where a guest list imported in steps has got to. */
export interface ImportStep {
  status: GuestImportStatus
  guests_done: number
  guests_total: number
}

/** A file the host made: CSV as text, XLSX as base64 so that it crosses JSON and IPC alike. */
export interface ExportFile {
  filename: string
  content_type: string
  encoding: 'utf-8' | 'base64'
  content: string
  /** Data rows written. */
  rows: number
}

/** How far an export that is being built has got. */
export interface ExportProgress {
  rows_done: number
  rows_total: number
  done: boolean
}
