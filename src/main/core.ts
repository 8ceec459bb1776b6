// The core without any transport: the database and the dispatcher over it.
// The Electron entry, the headless host, tests and benchmarks all start here.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Principal } from '../shared/principal'
import type { DoorCounts } from '../shared/views'
import { lockDataFolder } from './data-lock'
import { anyChange, createAfterCommit, type AfterCommit } from './after-commit'
import { dbPathIn, openStore, type Store } from './db/open'
import { createDispatcher, type AsyncDispatch, type Dispatch, type Dispatcher } from './dispatcher'
import { createGroupCommit } from './group-commit'
import { openMail, type MailOptions, type MailService } from './mail/service'
import { createLiveHub, type LiveHub } from './live/hub'
import { handlers } from './operations'
import { mailEffects } from './operations/mail'
import { exportEffects } from './exports/build'
import { createPipeline } from './pipeline'
import type { Effects } from './effects'

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
  /** Reads and writes, answered at once, each write committed alone: for tests, benchmarks and set-up. */
  dispatch: Dispatch
  /** Every operation, the test email included, each write committed alone: what IPC calls. */
  dispatchAsync: AsyncDispatch
  /** Every operation, the writes of one event-loop turn committed together: what the LAN host calls. */
  dispatchGrouped: AsyncDispatch
  /** Checked writes committed together at once: for benchmarks that sell in bulk. */
  dispatchTogether: Dispatcher['dispatchTogether']
  /** Subscribe here for the writes each commit saved (the mail worker does, and so can a live stream). */
  afterCommit: Pick<AfterCommit, 'subscribe'>
  /** The changes pushed to the stations: the LAN's live streams and the desktop window. */
  live: LiveHub
  mail: MailService
  close(): void
}

/** Who reads the door counts that follow a change: the host itself. */
const LIVE_COUNTS: Principal = { role: 'admin', station: 'live changes', operator: 'live changes' }

/** Every operation that runs outside a transaction: the test email, and exports built in steps. */
export function coreEffects(store: Store, mail: MailService, clock?: () => number): Effects {
  return { ...mailEffects(store.sqlite, mail), ...exportEffects(store, clock) }
}

export interface CoreOptions {
  dataDir: string
  migrationsDir?: string
  logError?: (error: unknown) => void
  mail?: MailOptions
  /** Milliseconds since the epoch for every operation's timestamp; tests move it. */
  clock?: () => number
}

export function openCore({
  dataDir,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
  logError = console.error,
  mail: mailOptions = {},
  clock,
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
  const afterCommit = createAfterCommit(logError)
  const dispatcher = createDispatcher(store, handlers, { logError, mail: mail.context, afterCommit, clock })
  // A sale or resend queues mail inside its transaction; the worker looks once that commit is saved.
  afterCommit.subscribe((writes) => {
    if (anyChange(writes, 'mailSettings')) mail.settingsChanged()
    if (anyChange(writes, 'mailQueued')) mail.worker?.wake()
  })
  const effects = coreEffects(store, mail, clock)
  const live = createLiveHub({
    afterCommit,
    countsOf: (event_id) => {
      const counts = dispatcher.dispatch('doorCounts', { event_id }, LIVE_COUNTS)
      return counts.ok ? (counts.value as DoorCounts) : null
    },
    logError,
  })
  return {
    store,
    dispatch: dispatcher.dispatch,
    dispatchAsync: createPipeline({ dispatcher, effects, write: dispatcher.run, logError }),
    dispatchGrouped: createPipeline({ dispatcher, effects, write: createGroupCommit(dispatcher), logError }),
    dispatchTogether: dispatcher.dispatchTogether,
    afterCommit: { subscribe: afterCommit.subscribe },
    live,
    mail,
    close() {
      live.close()
      mail.close()
      store.close()
      lock.release()
    },
  }
}
