// The core without any transport: the database and the dispatcher over it.
// The Electron entry, the headless host, tests and benchmarks all start here.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { operations, isOperationName } from '../shared/contract'
import { lockDataFolder } from './data-lock'
import { dbPathIn, openStore, type Store } from './db/open'
import { createDispatcher, type Dispatch } from './dispatcher'
import { withEffects } from './effects'
import type { AsyncDispatch } from './group-commit'
import { openMail, type MailOptions, type MailService } from './mail/service'
import { handlers } from './operations'
import { mailEffects } from './operations/mail'

/**
 * Finds a folder of the project from wherever this code runs: src/main under
 * tests, or a chunk under out/main once built.
 */
function projectPath(relative: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative)
    if (dirname(dir) === dir) return join(__dirname, relative)
  }
}

export const DEFAULT_MIGRATIONS_DIR = projectPath('drizzle')
export const DEFAULT_RENDERER_DIR = projectPath(join('out', 'renderer'))

export interface Core {
  store: Store
  /** The transactional operations, answered at once; a write wakes the mail worker. */
  dispatch: Dispatch
  /** Every operation, the test email included: what IPC calls. */
  dispatchAsync: AsyncDispatch
  /** Adds the operations that wait on the network to another dispatch (the LAN host's group commit). */
  withEffects(dispatch: AsyncDispatch): AsyncDispatch
  mail: MailService
  close(): void
}

export interface CoreOptions {
  dataDir: string
  migrationsDir?: string
  logError?: (error: unknown) => void
  mail?: MailOptions
}

export function openCore({
  dataDir,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
  logError = console.error,
  mail: mailOptions = {},
}: CoreOptions): Core {
  // Taken before the database is opened, so a second Ticketi on this folder never starts a mail worker.
  const lock = lockDataFolder(dataDir, process.versions.electron ? 'the desktop app' : 'the headless host')
  let store: Store
  let mail: MailService
  try {
    store = openStore(dbPathIn(dataDir), migrationsDir)
  } catch (error) {
    lock.release()
    throw error
  }
  try {
    mail = openMail(store.sqlite, dataDir, mailOptions, logError)
  } catch (error) {
    store.close()
    lock.release()
    throw error
  }
  const transactional = createDispatcher(store, handlers, logError, mail.context)
  const wakeMail = mail.worker?.wake
  // A sale or resend queues mail inside its transaction; the worker looks once the write is answered.
  const dispatch: Dispatch = wakeMail
    ? (name, input, who) => {
        const outcome = transactional(name, input, who)
        if (outcome.ok && isOperationName(name) && !operations[name].readOnly) wakeMail()
        return outcome
      }
    : transactional
  const effects = mailEffects(store.sqlite, mail)
  return {
    store,
    dispatch,
    dispatchAsync: withEffects(dispatch, effects, logError),
    withEffects: (other) => withEffects(other, effects, logError),
    mail,
    close() {
      mail.close()
      store.close()
      lock.release()
    },
  }
}
