// Backups of this core's database: on request (Settings, POST /api/v1/backups)
// and by themselves every 10 minutes while an event is on, the newest 12 of
// those kept. A copy runs outside any transaction, in steps, so the door and
// the box office keep their speed meanwhile.
import type Database from 'better-sqlite3'
import { eventPhase } from '../../shared/event-phase'
import type { BackupList, BackupView } from '../../shared/views'
import type { DiskWatch } from '../disk'
import { isDiskFull } from '../disk'
import { backupsDirOf, listBackups, makeBackup, pruneAutomatic, type BackupOptions } from './backups'
import { pendingRestore } from './restore'

export const AUTOMATIC_EVERY_MINUTES = 10
export const AUTOMATIC_KEEP = 12

/** The copies in the backups folder beside `dbPath`, and the restore asked for at the next start. */
export function backupList(dbPath: string, keep = AUTOMATIC_KEEP): BackupList {
  return {
    backups: listBackups(backupsDirOf(dbPath)),
    pending_restore: pendingRestore(dbPath),
    automatic: { every_minutes: AUTOMATIC_EVERY_MINUTES, keep },
  }
}

export interface BackupServiceOptions {
  sqlite: Database.Database
  dbPath: string
  disk: DiskWatch
  clock?: () => number
  logError?: (error: unknown) => void
  /** How many automatic copies are kept (default 12). */
  keep?: number
  /** How a copy is written; tests make the disk fail here. */
  copy?: BackupOptions['copy']
}

export interface BackupService {
  backUp(kind?: 'manual' | 'auto'): Promise<BackupView>
  list(): BackupList
  /** One look of the automatic schedule: a copy if an event is on now. Returns it, or null. */
  tick(): Promise<BackupView | null>
  /** Looks every 10 minutes from now on (the timer never keeps the process alive). */
  startAutomatic(): void
  stop(): void
}

export function createBackupService({
  sqlite,
  dbPath,
  disk,
  clock = Date.now,
  logError = console.error,
  keep = AUTOMATIC_KEEP,
  copy,
}: BackupServiceOptions): BackupService {
  const dir = backupsDirOf(dbPath)
  let running: Promise<BackupView> | null = null
  let timer: NodeJS.Timeout | null = null

  async function backUp(kind: 'manual' | 'auto' = 'manual'): Promise<BackupView> {
    // One copy at a time: a second request waits for the one under way and gets a copy of its own.
    while (running) await running.catch(() => null)
    const made = makeBackup(sqlite, dir, { kind, now: new Date(clock()), copy })
    running = made
    try {
      const view = await made
      disk.noteRoom()
      if (kind === 'auto') pruneAutomatic(dir, keep)
      return view
    } catch (error) {
      if (isDiskFull(error)) disk.noteFull()
      throw error
    } finally {
      running = null
    }
  }

  function eventOnNow(): boolean {
    const events = sqlite
      .prepare(`SELECT starts_at, ends_at FROM event WHERE status = 'active' AND archived_at IS NULL`)
      .all() as Array<{ starts_at: string; ends_at: string | null }>
    const now = new Date(clock())
    return events.some((event) => eventPhase(event, now) === 'on_now')
  }

  async function tick(): Promise<BackupView | null> {
    if (!sqlite.open || !eventOnNow()) return null
    return backUp('auto')
  }

  return {
    backUp,
    tick,
    list: () => backupList(dbPath, keep),
    startAutomatic() {
      if (timer) return
      timer = setInterval(() => {
        tick().catch(logError)
      }, AUTOMATIC_EVERY_MINUTES * 60_000)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}
