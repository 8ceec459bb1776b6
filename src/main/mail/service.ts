// The core's mail: the settings context operations see, the mailer the worker
// sends with (rebuilt when the settings change), the worker itself where one
// runs, and the test email the Settings screen sends.
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { TicketiError } from '../../shared/errors'
import type { TestEmailResult } from '../../shared/views'
import type { MailContext, SecretBox } from './context'
import { escapeHtml } from './message'
import { keyFileSecretBox } from './secrets'
import { currentMailSettings, type MailSettings } from './settings'
import { createMailer, explainSendError, type Mailer } from './transport'
import { startOutboxWorker, WORKER_DEFAULTS, type OutboxWorker, type OutboxWorkerOptions } from './worker'

export type WorkerTuning = Omit<OutboxWorkerOptions, 'sqlite' | 'mailer' | 'logError'>

export interface MailOptions {
  /** Electron's safeStorage on the desktop; by default a key file in the data folder. */
  secretBox?: SecretBox
  /** The headless host's settings from TICKETI_SMTP_URL or TICKETI_MAIL_DIR. */
  environment?: MailSettings | null
  /** Run the outbox worker in this process: the desktop app and the headless host do. */
  worker?: boolean | WorkerTuning
}

export interface MailService {
  context: MailContext
  worker: OutboxWorker | null
  /** New settings were committed: the next message goes with them, and a pause for the old ones ends. */
  settingsChanged(): void
  sendTestEmail(to: string): Promise<TestEmailResult>
  /** Stops the worker, letting messages in flight be marked first. */
  stop(timeoutMs?: number): Promise<void>
  /** Stops at once: a message in flight stays 'sending' and goes again at the next start. */
  close(): void
}

/** The folder the file transport writes to on a new install: the whole flow works with no set-up. */
export function defaultMailDir(dataDir: string): string {
  return join(dataDir, 'mail')
}

const RETIRED_MAILER_GRACE_MS = 60_000

export function openMail(
  sqlite: Database.Database,
  dataDir: string,
  options: MailOptions,
  logError: (error: unknown) => void,
): MailService {
  let mailer: { current: Mailer | null } | null = null
  let worker: OutboxWorker | null = null
  const tuning = typeof options.worker === 'object' ? options.worker : {}

  const context: MailContext = {
    secrets: options.secretBox ?? keyFileSecretBox(dataDir),
    environment: options.environment ?? null,
    defaultDir: defaultMailDir(dataDir),
  }

  function currentMailer(): Mailer | null {
    mailer ??= {
      current: createMailer(currentMailSettings(sqlite, context), {
        pool: true,
        maxConnections: tuning.connections ?? WORKER_DEFAULTS.connections,
      }),
    }
    return mailer.current
  }

  if (options.worker) {
    worker = startOutboxWorker({ ...tuning, sqlite, mailer: currentMailer, logError })
  }

  return {
    context,
    worker,
    settingsChanged() {
      const retired = mailer?.current
      mailer = null
      // Messages may still be on their way through the old connections.
      if (retired) setTimeout(() => retired.close(), RETIRED_MAILER_GRACE_MS).unref()
      // A pause was for the old settings; the admin who fixed them expects the queue to move now.
      worker?.resume()
    },
    async sendTestEmail(to) {
      const settings = currentMailSettings(sqlite, context)
      // Its own connection, so the test says what these settings do now, not what an old pool did.
      const test = createMailer(settings)
      if (!test) {
        throw new TicketiError('CONFLICT', 'Email is off: choose SMTP, Gmail or a folder in Settings first.')
      }
      const text = `This is a test email from Ticketi, sent as ${settings.from.address}. Ticket emails will look like they come from the same sender.`
      try {
        const delivery = await test.send({
          from: { ...settings.from, name: settings.from.name || 'Ticketi' },
          to,
          subject: 'Ticketi test email',
          text,
          html: `<p>${escapeHtml(text)}</p>`,
        })
        return {
          accepted: true,
          recipient: to,
          transport: test.transport,
          message_id: delivery.messageId,
          server_answer: test.scrub(delivery.response),
        }
      } catch (error) {
        return {
          accepted: false,
          recipient: to,
          transport: test.transport,
          message_id: null,
          server_answer: explainSendError(error, test).message,
        }
      } finally {
        test.close()
      }
    },
    async stop(timeoutMs) {
      await worker?.stop(timeoutMs)
      mailer?.current?.close()
      mailer = null
    },
    close() {
      void worker?.stop(0)
      mailer?.current?.close()
      mailer = null
    },
  }
}
