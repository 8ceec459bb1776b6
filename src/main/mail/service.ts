// The core's mail: the settings context operations see, the mail thread that
// composes and sends (told the settings again when they change), the outbox
// worker that claims and records rows where one runs, and the test email the
// Settings screen sends.
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { TicketiError } from '../../shared/errors'
import type { TestEmailResult } from '../../shared/views'
import type { DoorSignal } from '../door-watch'
import type { MailContext, SecretBox } from './context'
import type { Courier } from './deliver'
import { startMailThread } from './mail-thread'
import { keyFileSecretBox } from './secrets'
import { currentMailSettings, type MailSettings } from './settings'
import type { MailerOptions } from './transport'
import { startOutboxWorker, WORKER_DEFAULTS, type OutboxWorker, type OutboxWorkerOptions } from './worker'

export type WorkerTuning = Omit<OutboxWorkerOptions, 'sqlite' | 'courier' | 'logError'> & {
  /** How long an SMTP connection may stay silent mid-exchange (30 s by default). */
  socketTimeoutMs?: number
}

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

export function openMail(
  sqlite: Database.Database,
  dataDir: string,
  options: MailOptions,
  logError: (error: unknown) => void,
  /** While the door is busy, mail gives way to it (pace.ts). */
  door?: DoorSignal,
): MailService {
  const thread = startMailThread(logError, door)
  // The courier for the settings in force; null until read, and again after they change.
  let courier: { current: Courier | null } | null = null
  let worker: OutboxWorker | null = null
  const tuning = typeof options.worker === 'object' ? options.worker : {}
  const pooled: MailerOptions = {
    pool: true,
    maxConnections: tuning.connections ?? WORKER_DEFAULTS.connections,
    socketTimeoutMs: tuning.socketTimeoutMs,
  }

  const context: MailContext = {
    secrets: options.secretBox ?? keyFileSecretBox(dataDir),
    environment: options.environment ?? null,
    defaultDir: defaultMailDir(dataDir),
  }

  function currentCourier(): Courier | null {
    if (!courier) {
      // Read here, on the main thread: the password is unsealed by this process's secret store.
      const settings: MailSettings = currentMailSettings(sqlite, context)
      if (settings.transport !== 'off') thread.use(settings, pooled)
      courier = { current: settings.transport === 'off' ? null : thread.courier }
    }
    return courier.current
  }

  if (options.worker) {
    // The first sale's message should not wait for the thread's code to load.
    thread.warm()
    worker = startOutboxWorker({ ...tuning, sqlite, courier: currentCourier, logError })
  }

  return {
    context,
    worker,
    settingsChanged() {
      courier = null
      // A pause was for the old settings; the admin who fixed them expects the queue to move now.
      worker?.resume()
    },
    async sendTestEmail(to) {
      const settings = currentMailSettings(sqlite, context)
      if (settings.transport === 'off') {
        throw new TicketiError('CONFLICT', 'Email is off: choose SMTP, Gmail or a folder in Settings first.')
      }
      // Its own connection, so the test says what these settings do now, not what an old pool did.
      const result = await thread.sendTestEmail(settings, to, { socketTimeoutMs: tuning.socketTimeoutMs })
      if (!result)
        throw new TicketiError('CONFLICT', 'Email is off: choose SMTP, Gmail or a folder in Settings first.')
      return result
    },
    async stop(timeoutMs) {
      await worker?.stop(timeoutMs)
      await thread.stop()
    },
    close() {
      void worker?.stop(0)
      void thread.stop()
    },
  }
}
