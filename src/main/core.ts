// The core without any transport: the database and the dispatcher over it.
// The Electron entry, the headless host, tests and benchmarks all start here.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { TransactionalName } from '../shared/contract'
import type { Principal } from '../shared/principal'
import type { DoorCounts } from '../shared/views'
import { lockDataFolder } from './data-lock'
import { restoreAtStart, type RestoreReport } from './backup/restore'
import { createBackupService, type BackupService } from './backup/service'
import { createDiskWatch, type DiskWatch } from './disk'
import { watchTheDoor, type DoorWatch } from './door-watch'
import { anyChange, createAfterCommit, type AfterCommit } from './after-commit'
import { dbPathIn, openStore, type Store } from './db/open'
import { walSyncFor } from './db/wal-sync'
import { createDispatcher, type AsyncDispatch, type Dispatch, type Dispatcher } from './dispatcher'
import { createGroupCommit } from './group-commit'
import { openMail, type MailOptions, type MailService } from './mail/service'
import { createLiveHub, type LiveHub } from './live/hub'
import { handlers } from './operations'
import { undoUnfinishedImports } from './operations/guest-import-sell'
import { backupEffects } from './operations/backups'
import { mailEffects } from './operations/mail'
import { createSampleNight } from './sample-night'
import { exportEffects } from './exports/build'
import { createPipeline } from './pipeline'
import { giveWayToTheDoor } from './step-turns'
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
  /** Copies of the database: on request, and every 10 minutes while an event is on. */
  backups: BackupService
  /** Whether the disk had room at the last write: GET /api/v1/health. */
  disk: DiskWatch
  /** Whether check-ins are coming in: mail and big jobs then give way to the door. */
  door: DoorWatch
  /** The operations that run outside any transaction (the test email, backups, the sample night). */
  effects: Effects
  /** The backup put back at this start, if one was asked for. */
  restored: RestoreReport | null
  close(): void
}

/** The door's own writes: while they come in, mail and big jobs give way to the door (door-watch.ts). */
const DOOR_WRITES: ReadonlySet<TransactionalName> = new Set(['checkIn', 'uploadCheckIns'])
/** Who reads the door counts that follow a change: the host itself. */
const LIVE_COUNTS: Principal = { role: 'admin', station: 'live changes', operator: 'live changes' }

export interface CoreOptions {
  dataDir: string
  migrationsDir?: string
  logError?: (error: unknown) => void
  mail?: MailOptions
  /** Milliseconds since the epoch for every operation's timestamp; tests move it. */
  clock?: () => number
  /** A backup to put back before the database is opened (`--restore NAME`). */
  restore?: string
  /** Copies every 10 minutes while an event is on (default on). */
  automaticBackups?: boolean
  /** Told after each committed step of a guest-list import; tests stop or disturb an import there. */
  afterImportStep?: (step: number) => void | Promise<void>
}

export function openCore({
  dataDir,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
  logError = console.error,
  mail: mailOptions = {},
  clock = Date.now,
  restore,
  automaticBackups = true,
  afterImportStep,
}: CoreOptions): Core {
  // Taken before the database is opened, so a second Ticketi on this folder never starts a mail worker.
  const lock = lockDataFolder(dataDir, process.versions.electron ? 'the desktop app' : 'the headless host')
  let store: Store
  let mail: MailService
  const door = watchTheDoor()
  let restored: RestoreReport | null
  try {
    // Only here, with the folder locked and the file not yet open, may a backup take its place.
    restored = restoreAtStart(dbPathIn(dataDir), restore)
    store = openStore(dbPathIn(dataDir), migrationsDir)
  } catch (error) {
    lock.release()
    throw error
  }
  try {
    // Before the mail worker starts and before anyone is served.
    undoUnfinishedImports(store.sqlite, new Date(clock()).toISOString(), logError)
    mail = openMail(store.sqlite, dataDir, mailOptions, logError, door)
  } catch (error) {
    store.close()
    lock.release()
    throw error
  }
  const afterCommit = createAfterCommit(logError)
  const disk = createDiskWatch(clock)
  const dispatcher = createDispatcher(store, handlers, {
    logError,
    mail: mail.context,
    afterCommit,
    clock,
    disk,
  })
  // A write that committed found room on the disk.
  afterCommit.subscribe(() => disk.noteRoom())
  // A sale or resend queues mail inside its transaction; the worker looks once that commit is saved.
  // A saved check-in tells the door watch.
  afterCommit.subscribe((writes) => {
    if (anyChange(writes, 'mailSettings')) mail.settingsChanged()
    if (anyChange(writes, 'mailQueued')) mail.worker?.wake()
    if (writes.some((w) => DOOR_WRITES.has(w.name))) door.checkedIn()
  })
  // A process holds one event loop: the big jobs of any core in it give way to this door.
  const stopGivingWay = giveWayToTheDoor(() => door.busy)
  const backups = createBackupService({ sqlite: store.sqlite, dbPath: store.path, disk, clock, logError })
  if (automaticBackups) backups.startAutomatic()
  // The sample night's operations each run at their own moment of the night, through the same handlers.
  const dispatchAt = (at: number) =>
    createDispatcher(store, handlers, { logError, mail: mail.context, afterCommit, clock: () => at, disk })
      .dispatch
  const effects: Effects = {
    ...mailEffects(store.sqlite, mail),
    ...exportEffects(store, clock),
    ...backupEffects(store.sqlite, store.path, backups, logError),
    createSampleEvent: async (_input: unknown, who: Principal) =>
      createSampleNight({ dispatchAt, now: clock }, who),
  }
  const wal = store.path === ':memory:' ? null : walSyncFor(store.path)
  const grouped = createGroupCommit(dispatcher, { wal, logError })
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
    // The window's reads wait for the LAN host's unsynced writes too (when Share on the LAN is on).
    dispatchAsync: createPipeline({
      dispatcher,
      effects,
      write: dispatcher.run,
      settled: grouped.settled,
      // A big seed's or guest list's step waits for the disk off the main thread, here too.
      seeds: { store, alone: grouped.alone },
      imports: { afterStep: afterImportStep },
      logError,
    }),
    dispatchGrouped: createPipeline({
      dispatcher,
      effects,
      write: grouped,
      settled: grouped.settled,
      seeds: { store, alone: grouped.alone },
      imports: { afterStep: afterImportStep },
      logError,
    }),
    dispatchTogether: dispatcher.dispatchTogether,
    afterCommit: { subscribe: afterCommit.subscribe },
    live,
    mail,
    backups,
    disk,
    door,
    effects,
    restored,
    close() {
      stopGivingWay()
      door.stop()
      backups.stop()
      live.close()
      mail.close()
      store.close()
      wal?.close()
      lock.release()
    },
  }
}
