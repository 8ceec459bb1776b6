// Set-up shared by the mail tests: a core whose outbox worker sends to a test
// SMTP server, with retries in milliseconds instead of minutes.
import { simpleParser, type ParsedMail } from 'mailparser'
import { afterEach } from 'vitest'
import type { InputOf, OperationName, OutputOf } from '../../src/shared/contract'
import type { Principal } from '../../src/shared/principal'
import { openCore, type Core } from '../../src/main/core'
import { invoke } from '../../src/main/dispatcher'
import { ADMIN, tempDir } from './core'
import type { MailOptions } from '../../src/main/mail/service'
import type { MailSettings } from '../../src/main/mail/settings'
import { startTestSmtp, type TestSmtp, type TestSmtpOptions } from './smtp'

/** Reads a message as a mail client would, keeping cid: links as they are. */
export function parseMail(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw, { skipImageLinks: true })
}

export const FAST_RETRIES = { retryBaseMs: 5, retryMaxMs: 40, maxAttempts: 3, pollMs: 50 }

export function smtpSettings(port: number, login?: { user: string; password: string }): MailSettings {
  return {
    transport: 'smtp',
    host: '127.0.0.1',
    port,
    security: 'none',
    user: login?.user ?? null,
    password: login?.password ?? null,
    from: { name: 'Jazz Club', address: 'tickets@jazz.example' },
  }
}

/** What Settings sends for the test server: SMTP on 127.0.0.1 without TLS, with this password. */
export function smtpInput(
  port: number,
  login: { user: string; password: string },
): InputOf<'updateMailSettings'> {
  return {
    transport: 'smtp',
    host: '127.0.0.1',
    port,
    security: 'none',
    user: login.user,
    password: login.password,
    from_address: 'tickets@jazz.example',
  }
}

export interface MailCore extends Core {
  dataDir: string
  call<N extends OperationName>(name: N, input: InputOf<N>, who?: Principal): OutputOf<N>
  /** Closes the core, keeping the folder (a restart opens it again). */
  stop(): Promise<void>
  dispose(): Promise<void>
}

export function openMailCore(
  mail: MailOptions,
  dataDir?: string,
  logError: (error: unknown) => void = () => {},
): MailCore {
  const dir = dataDir ? null : tempDir('ticketi-mail-')
  const path = dataDir ?? dir!.path
  const core = openCore({ dataDir: path, logError, mail })
  const stop = async () => {
    await core.mail.stop()
    core.close()
  }
  return {
    ...core,
    dataDir: path,
    call: (name, input, who = ADMIN) => invoke(core.dispatch, name, input, who),
    stop,
    async dispose() {
      await stop()
      dir?.remove()
    },
  }
}

/** An event with `seed` tickets and a sale, as the box office would make them. */
export function sell(
  core: MailCore,
  customer: { name: string; email: string },
  quantity = 1,
  holder?: string,
) {
  let eventId = core.store.sqlite.prepare('SELECT id FROM event ORDER BY id LIMIT 1').pluck().get() as
    number | undefined
  if (eventId === undefined) {
    eventId = core.call('createEvent', {
      name: 'Jazz Night',
      venue: 'The Cellar',
      starts_at: '2026-12-01T20:00:00Z',
      ends_at: '2026-12-01T23:30:00Z',
      capacity: 5000,
      code_length: 4,
    }).id
    core.call('seedInventory', { event_id: eventId, count: 2000 })
  }
  return core.call('assign', { event_id: eventId, customer, quantity, holder_name: holder })
}

export function outboxRows(core: Core) {
  return core.store.sqlite
    .prepare(
      'SELECT id, sale_id, recipient, status, attempts, last_error, message_id FROM email_outbox ORDER BY id',
    )
    .all() as Array<{
    id: number
    sale_id: number
    recipient: string
    status: string
    attempts: number
    last_error: string | null
    message_id: string | null
  }>
}

/**
 * The cores and SMTP servers a test file opens, each closed after its test, last
 * opened first; `onCleanup` adds anything else a test starts.
 */
export function mailFixtures() {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  return {
    core(mail: MailOptions, dataDir?: string, logError?: (error: unknown) => void): MailCore {
      const opened = openMailCore(mail, dataDir, logError)
      cleanups.push(() => opened.dispose())
      return opened
    },
    async smtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
      const server = await startTestSmtp(options)
      cleanups.push(() => server.close())
      return server
    },
    onCleanup(cleanup: () => Promise<void> | void) {
      cleanups.push(cleanup)
    },
  }
}
