// Nodemailer transports for the three ways out (SMTP, Gmail, a folder), and
// what a failure means for the outbox: try this message again later, give up on
// it now, or wait for the whole server.
import { join } from 'node:path'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import type { MailTransport } from '../../shared/views'
import { cleanPartFiles, makeFolder, writeMailFile } from './mail-folder'
import { scrub } from './secrets'
import type { MailSettings, Sender } from './settings'

export interface Delivery {
  messageId: string
  /** The server's answer, e.g. "250 2.0.0 OK: queued", or where the file went. */
  response: string
}

export interface Mailer {
  transport: MailTransport
  from: Sender
  send(message: SendMailOptions): Promise<Delivery>
  /** Resolves once the server (or folder) would take a message now, without sending one. */
  verify(): Promise<void>
  close(): void
  /** Removes this set-up's password from a message before it reaches a log or a screen. */
  scrub(text: string): string
}

export interface MailerOptions {
  /** Reuse connections (the worker); a test email opens its own. */
  pool?: boolean
  maxConnections?: number
  /** How long a connection may stay silent mid-exchange before the try is given up. */
  socketTimeoutMs?: number
}

// Shared by every file mailer of this process (the worker's, a test email's): no two names alike.
let fileSequence = 0

function fileMailer(settings: Extract<MailSettings, { transport: 'file' }>): Mailer {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  // Half-written messages of a process that died: nobody will ever finish them.
  const cleaned = cleanPartFiles(settings.dir)
  return {
    transport: 'file',
    from: settings.from,
    async send(message) {
      const info = await transporter.sendMail(message)
      await cleaned
      const stamp = new Date().toISOString().replace(/[-:.]/g, '')
      const name = `${stamp}-${process.pid}-${++fileSequence}.eml`
      await writeMailFile(settings.dir, name, info.message as Buffer)
      return { messageId: info.messageId, response: `Written to ${join(settings.dir, name)}` }
    },
    verify: () => makeFolder(settings.dir),
    close: () => transporter.close(),
    scrub: (text) => text,
  }
}

function smtpMailer(
  settings: Extract<MailSettings, { transport: 'smtp' | 'gmail' }>,
  { pool = false, maxConnections = 3, socketTimeoutMs = 30_000 }: MailerOptions,
): Mailer {
  const connection = {
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    // A venue network that drops packets must not hold a sender for minutes.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: socketTimeoutMs,
  }
  const transporter = pool
    ? nodemailer.createTransport({ ...connection, pool: true, maxConnections, maxMessages: 500 })
    : nodemailer.createTransport(connection)
  return {
    transport: settings.transport,
    from: settings.from,
    async send(message) {
      const info = await transporter.sendMail(message)
      return { messageId: info.messageId, response: info.response }
    },
    verify: async () => void (await transporter.verify()),
    close: () => transporter.close(),
    scrub: (text) => scrub(text, [settings.password], settings.user),
  }
}

/** The mailer for these settings, or null while mail is off. */
export function createMailer(settings: MailSettings, options: MailerOptions = {}): Mailer | null {
  switch (settings.transport) {
    case 'off':
      return null
    case 'file':
      return fileMailer(settings)
    default:
      return smtpMailer(settings, options)
  }
}

export interface SendFailure {
  /** The server refused this message for good (a 5xx to its recipient or content): do not retry. */
  permanent: boolean
  /** Nothing will get through right now (no connection, refused login): pause every message. */
  wholeServer: boolean
  /**
   * The server could not be reached at all: a network outage, which says nothing about this
   * message or these settings, so it uses up none of the message's attempts. A refused login
   * or sender does: a set-up mistake does not mend itself, and the box office must see `failed`.
   */
  unreachable: boolean
  /**
   * The server took the whole message and then fell silent: it may have it. The try counts,
   * and after a few such tries the message is given up rather than sent again and again.
   */
  unanswered?: boolean
  /** For the box office: what went wrong, in words, the server's own answer included. */
  message: string
  /** Set when `message` leaves out what only the log should keep (a folder's path, a system error). */
  detail?: unknown
}

interface MailError {
  code?: string
  timeoutType?: string
  command?: string
  response?: string
  responseCode?: number
  message?: string
}

// No answer from the server at all. A name that does not resolve is here too: offline, many
// systems say ENOTFOUND rather than EAI_AGAIN, and an outage must not fail every message.
const UNREACHABLE_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])
// The server answered, but not as these settings expect (a wrong TLS mode or port): a set-up mistake.
const MISMATCH_CODES = new Set(['ETLS', 'EREQUIRETLS', 'EPROTOCOL'])

export function explainSendError(error: unknown, mailer: Pick<Mailer, 'transport' | 'scrub'>): SendFailure {
  const e = (error ?? {}) as MailError
  const answer = (e.response ?? e.message ?? String(error)).trim()
  const say = (message: string) => mailer.scrub(message)
  if (mailer.transport === 'file') {
    return {
      permanent: false,
      wholeServer: true,
      unreachable: false,
      message: folderTrouble(e.code),
      detail: error,
    }
  }
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    return {
      permanent: false,
      wholeServer: true,
      unreachable: false,
      message: say(`The mail server refused the user name or password: ${answer}`),
    }
  }
  const code = e.responseCode ?? 0
  const perMessage = e.command === 'RCPT TO' || e.command === 'DATA' || e.code === 'EMESSAGE'
  if (perMessage && code >= 500) {
    const what = e.command === 'RCPT TO' ? 'the recipient' : 'the message'
    return {
      permanent: true,
      wholeServer: false,
      unreachable: false,
      message: say(`The mail server refused ${what}: ${answer}`),
    }
  }
  if (e.command === 'MAIL FROM') {
    // The sender address is the set-up's, not this message's: every message would meet it.
    return {
      permanent: false,
      wholeServer: true,
      unreachable: false,
      message: say(`The mail server refused the sender: ${answer}`),
    }
  }
  if (code >= 400 && code < 500) {
    return {
      permanent: false,
      wholeServer: false,
      unreachable: false,
      message: say(`The mail server asked to try later: ${answer}`),
    }
  }
  // Past the greeting (whose silence is GREETING_TIMEOUT): the server answered, then stopped.
  if (e.code === 'ETIMEDOUT' && e.timeoutType === 'SOCKET_TIMEOUT') {
    return {
      permanent: false,
      wholeServer: false,
      unreachable: false,
      unanswered: true,
      message: say(
        'The mail server stopped answering in the middle of sending; it may have received the message anyway.',
      ),
    }
  }
  if (e.code && UNREACHABLE_CODES.has(e.code)) {
    return {
      permanent: false,
      wholeServer: true,
      unreachable: true,
      message: say(`Cannot reach the mail server: ${answer}`),
    }
  }
  if (e.code && MISMATCH_CODES.has(e.code)) {
    return {
      permanent: false,
      wholeServer: true,
      unreachable: false,
      message: say(
        `The mail server does not speak as these settings expect (check the port and TLS): ${answer}`,
      ),
    }
  }
  return {
    permanent: false,
    wholeServer: false,
    unreachable: false,
    message: say(`Sending failed: ${answer}`),
  }
}

/** A folder's trouble in the venue's words: the path and the system's own message go to the log only. */
function folderTrouble(code: string | undefined): string {
  const why: Record<string, string> = {
    EACCES: 'Ticketi is not allowed to write there',
    EPERM: 'Ticketi is not allowed to write there',
    EROFS: 'that disk is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    ENOENT: 'that folder cannot be made there',
    ENOTDIR: 'part of its path is a file, not a folder',
    ETIMEDOUT: 'the folder did not answer in time',
  }
  const reason = (code && why[code]) ?? 'the computer refused'
  return `Cannot write to the mail folder: ${reason}. Choose another folder in Settings.`
}
