// The mail settings: one JSON row in the `setting` table (the password only
// ever sealed), or, on a headless host, the environment. Read by the Settings
// screen, the outbox worker and the test email.
import { isAbsolute } from 'node:path'
import type Database from 'better-sqlite3'
import { z } from 'zod'
import type { ParsedInputOf } from '../../shared/contract'
import { TicketiError } from '../../shared/errors'
import {
  MAIL_TRANSPORTS,
  SMTP_SECURITIES,
  type MailSettingsView,
  type SmtpSecurity,
} from '../../shared/views'
import { prepared } from '../db/prepared'
import type { MailContext } from './context'

export interface Sender {
  /** Empty when none was chosen: a ticket email is then signed with its event's venue. */
  name: string
  address: string
}

/** Everything a transport needs, the password in clear: kept in memory only. */
export type MailSettings =
  | { transport: 'off'; from: Sender }
  | { transport: 'file'; dir: string; from: Sender }
  | {
      transport: 'smtp' | 'gmail'
      host: string
      port: number
      security: SmtpSecurity
      user: string | null
      password: string | null
      from: Sender
    }

export const GMAIL = { host: 'smtp.gmail.com', port: 465, security: 'tls' } as const
const KEY = 'mail'
const DEFAULT_FROM_NAME = ''
// Accepted by a local relay and by the file transport; SMTP set-ups name a real sender.
const FALLBACK_ADDRESS = 'tickets@localhost'

const storedMail = z.object({
  transport: z.enum(MAIL_TRANSPORTS),
  from_name: z.string().nullable(),
  from_address: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  security: z.enum(SMTP_SECURITIES).nullable(),
  user: z.string().nullable(),
  password_sealed: z.string().nullable(),
  dir: z.string().nullable(),
})
type StoredMail = z.infer<typeof storedMail>

type Sqlite = Database.Database

function looksLikeEmail(text: string | null): text is string {
  return text !== null && /^[^\s@]+@[^\s@]+$/.test(text)
}

/** The saved row; `stored` is null when it cannot be read. */
type Saved = { stored: StoredMail | null; updatedAt: string }

function readSaved(sqlite: Sqlite): Saved | null {
  const row = prepared(sqlite, 'SELECT value, updated_at FROM setting WHERE key = ?').get(KEY) as
    { value: string; updated_at: string } | undefined
  if (!row) return null
  let parsed
  try {
    parsed = storedMail.safeParse(JSON.parse(row.value))
  } catch {
    parsed = null
  }
  return { stored: parsed?.success ? parsed.data : null, updatedAt: row.updated_at }
}

function senderOf(stored: Pick<StoredMail, 'from_name' | 'from_address' | 'user'>): Sender {
  return {
    name: stored.from_name || DEFAULT_FROM_NAME,
    address: stored.from_address ?? (looksLikeEmail(stored.user) ? stored.user : FALLBACK_ADDRESS),
  }
}

/** The stored settings as a transport needs them; `unseal` opens the password (left out: null). */
function resolveStored(
  stored: StoredMail,
  defaultDir: string | null,
  unseal?: (sealed: string) => string,
): MailSettings {
  const from = senderOf(stored)
  switch (stored.transport) {
    case 'off':
      return { transport: 'off', from }
    case 'file': {
      const dir = stored.dir ?? defaultDir
      return dir ? { transport: 'file', dir, from } : { transport: 'off', from }
    }
    case 'smtp':
    case 'gmail': {
      const server = stored.transport === 'gmail' ? GMAIL : stored
      return {
        transport: stored.transport,
        host: server.host ?? '',
        port: server.port ?? 587,
        security: server.security ?? 'none',
        user: stored.user,
        password: stored.password_sealed && unseal ? unseal(stored.password_sealed) : null,
        from,
      }
    }
  }
}

function defaults(mail: MailContext): MailSettings {
  const from = senderOf({ from_name: null, from_address: null, user: null })
  return mail.defaultDir ? { transport: 'file', dir: mail.defaultDir, from } : { transport: 'off', from }
}

/** The settings in force, with the password opened: for the worker and the test email. */
export function currentMailSettings(sqlite: Sqlite, mail: MailContext): MailSettings {
  if (mail.environment) return mail.environment
  const saved = readSaved(sqlite)
  if (!saved) return defaults(mail)
  if (!saved.stored) {
    // Falling back to a default could send the codes somewhere nobody chose.
    throw new TicketiError('CONFLICT', 'The saved mail settings cannot be read; save them again in Settings.')
  }
  return resolveStored(saved.stored, mail.defaultDir, (sealed) => {
    try {
      return mail.secrets.decrypt(sealed)
    } catch {
      throw new TicketiError(
        'CONFLICT',
        'The saved SMTP password cannot be opened on this computer; enter it again in Settings.',
      )
    }
  })
}

function viewOf(
  settings: MailSettings,
  saved: { hasPassword: boolean; fromAddress: string | null; updatedAt: string | null; unreadable: boolean },
  mail: MailContext,
): MailSettingsView {
  const smtp =
    settings.transport === 'smtp' || settings.transport === 'gmail'
      ? {
          host: settings.host,
          port: settings.port,
          security: settings.security,
          user: settings.user,
          has_password: saved.hasPassword,
        }
      : null
  return {
    transport: settings.transport,
    from_name: settings.from.name,
    // Not the fallback sender: the form sends back what it shows, and tickets@localhost is no address to save.
    from_address: saved.fromAddress,
    smtp,
    file_dir: settings.transport === 'file' ? settings.dir : mail.defaultDir,
    from_environment: mail.environment !== null,
    can_store_password: mail.secrets.available,
    unreadable: saved.unreadable,
    updated_at: saved.updatedAt,
  }
}

export function mailSettingsView(sqlite: Sqlite, mail: MailContext): MailSettingsView {
  const env = mail.environment
  if (env) {
    const hasPassword = 'password' in env && env.password !== null
    return viewOf(
      env,
      { hasPassword, fromAddress: env.from.address, updatedAt: null, unreadable: false },
      mail,
    )
  }
  const saved = readSaved(sqlite)
  if (!saved?.stored) {
    // Unreadable settings show the defaults to start from, so the admin can save over them.
    const updatedAt = saved?.updatedAt ?? null
    return viewOf(
      defaults(mail),
      { hasPassword: false, fromAddress: null, updatedAt, unreadable: saved !== null },
      mail,
    )
  }
  const { stored, updatedAt } = saved
  return viewOf(
    resolveStored(stored, mail.defaultDir),
    {
      hasPassword: stored.password_sealed !== null,
      fromAddress: stored.from_address,
      updatedAt,
      unreadable: false,
    },
    mail,
  )
}

type MailInput = ParsedInputOf<'updateMailSettings'>

function refuse(message: string): never {
  throw new TicketiError('VALIDATION', message)
}

/** The password to keep: a new one sealed, null to forget, or the stored one while host and user stay. */
function sealedPassword(input: MailInput, previous: StoredMail | null, mail: MailContext): string | null {
  if (input.transport !== 'smtp' && input.transport !== 'gmail') return null
  if (input.password === null) return null
  if (input.password !== undefined) {
    if (!mail.secrets.available) {
      throw new TicketiError(
        'CONFLICT',
        'This computer has no safe place for a password (no system keychain); Ticketi will not store it in clear.',
      )
    }
    return mail.secrets.encrypt(input.password)
  }
  const host = input.transport === 'gmail' ? GMAIL.host : input.host
  const sameAccount =
    previous !== null &&
    previous.transport === input.transport &&
    (previous.transport === 'gmail' ? GMAIL.host : previous.host) === host &&
    previous.user === (input.user || null)
  // A password typed for one server is never sent to another one unless typed again.
  return sameAccount ? previous.password_sealed : null
}

function storedFrom(
  input: MailInput,
  passwordSealed: string | null,
  previous: StoredMail | null,
): StoredMail {
  const base = {
    from_name: input.from_name || null,
    from_address: 'from_address' in input ? (input.from_address ?? null) : null,
    host: null,
    port: null,
    security: null,
    user: null,
    password_sealed: null,
    dir: null,
  }
  switch (input.transport) {
    case 'off':
      // "Off" shows no sender: keep the one set up, for when mail is turned on again.
      return {
        ...base,
        transport: 'off',
        from_name: base.from_name ?? previous?.from_name ?? null,
        from_address: base.from_address ?? previous?.from_address ?? null,
      }
    case 'file':
      if (input.dir !== undefined && !isAbsolute(input.dir)) refuse('dir: must be a full folder path')
      return { ...base, transport: 'file', dir: input.dir ?? null }
    case 'gmail':
      if (!passwordSealed) refuse('password: the 16-letter app password from Google is needed')
      return {
        ...base,
        transport: 'gmail',
        from_address: input.user,
        user: input.user,
        password_sealed: passwordSealed,
      }
    case 'smtp': {
      const user = input.user || null
      if (user && !passwordSealed) refuse(`password: needed to sign in as ${user}`)
      if (!user && input.password) refuse('user: needed with a password')
      if (!base.from_address && !looksLikeEmail(user)) {
        refuse('from_address: needed, since the SMTP user name is not an email address')
      }
      return {
        ...base,
        transport: 'smtp',
        host: input.host,
        port: input.port,
        security: input.security,
        user,
        password_sealed: user ? passwordSealed : null,
      }
    }
  }
}

/** Saves new settings and makes queued messages due at once, so a fixed set-up is tried right away. */
export function saveMailSettings(
  sqlite: Sqlite,
  input: MailInput,
  mail: MailContext,
  now: string,
): { before: MailSettingsView | null; after: MailSettingsView } {
  if (mail.environment) {
    throw new TicketiError(
      'CONFLICT',
      'This host takes its mail settings from TICKETI_SMTP_URL or TICKETI_MAIL_DIR; change those and restart it.',
    )
  }
  const saved = readSaved(sqlite)
  // Unreadable settings (stored: null) are exactly what a save replaces.
  const previous = saved?.stored ?? null
  const stored = storedFrom(input, sealedPassword(input, previous, mail), previous)
  const before = saved ? mailSettingsView(sqlite, mail) : null
  prepared(
    sqlite,
    `INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(KEY, JSON.stringify(stored), now)
  prepared(
    sqlite,
    "UPDATE email_outbox SET next_attempt_at = ? WHERE status = 'queued' AND next_attempt_at > ?",
  ).run(now, now)
  return { before, after: mailSettingsView(sqlite, mail) }
}

export function describeTransport(settings: MailSettings): string {
  switch (settings.transport) {
    case 'off':
      return 'off: messages wait in the outbox'
    case 'file':
      return `writing .eml files to ${settings.dir}`
    default:
      return `SMTP to ${settings.host}:${settings.port} (${settings.security})${settings.user ? ` as ${settings.user}` : ''}`
  }
}
