// What operations answer with: plain JSON with snake_case fields, identical over IPC and HTTP.
import type { Principal } from './principal'

export type Role = 'admin' | 'boxoffice' | 'door'
export const ROLES = ['admin', 'boxoffice', 'door'] as const satisfies readonly Role[]

export type TicketStatus = 'available' | 'assigned' | 'checked_in' | 'void'
export const TICKET_STATUSES = ['available', 'assigned', 'checked_in', 'void'] as const

export type PaymentMethod = 'cash' | 'card' | 'comp' | 'other'
export const PAYMENT_METHODS = ['cash', 'card', 'comp', 'other'] as const

export type EventStatus = 'active' | 'closed' | 'cancelled'
export const EVENT_STATUSES = ['active', 'closed', 'cancelled'] as const

/** Whether the customer got their codes: taken from the email outbox. */
export type EmailStatus = 'delivered' | 'pending' | 'failed' | 'none'

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
  amount_cents: number
}

export interface Reconciliation {
  event: { id: number; name: string; venue: string; starts_at: string; capacity: number }
  currency: string
  generated_at: string
  totals: ReconciliationCounts
  ticket_types: Array<ReconciliationCounts & { ticket_type_id: number | null; name: string }>
  revenue: RevenueLine[]
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
export type MailTransport = 'smtp' | 'gmail' | 'file' | 'off'
export const MAIL_TRANSPORTS = ['smtp', 'gmail', 'file', 'off'] as const

/** tls: TLS from the first byte (port 465); starttls: upgrade required (587); none: plain unless the server offers STARTTLS. */
export type SmtpSecurity = 'tls' | 'starttls' | 'none'
export const SMTP_SECURITIES = ['tls', 'starttls', 'none'] as const

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

export type EmailOutboxStatus = 'queued' | 'sending' | 'sent' | 'failed'
export const EMAIL_OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const

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
