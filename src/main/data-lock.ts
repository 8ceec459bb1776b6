// Only one Ticketi holds a data folder at a time: two processes on one database
// would each run a mail worker and send every email twice. The holder keeps a
// lock file naming itself (pid, host, start time) and touches it now and then;
// a lock whose process is gone, or that nobody touched for a while (a holder on
// another machine that was switched off), is stale and taken over.
import { hostname } from 'node:os'
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILE_NAME = 'ticketi.lock'
const TOUCH_EVERY_MS = 15_000
/** Four missed touches: the holder is gone even if its pid cannot be checked from here. */
const STALE_AFTER_MS = 60_000

export interface LockHolder {
  pid: number
  host: string
  started_at: string
  app: string
}

export interface DataLock {
  release(): void
}

export class DataFolderHeldError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `Another Ticketi (${holder.app}, process ${holder.pid} on ${holder.host}, started ${holder.started_at}) ` +
            `is using the data folder ${dataDir}. Stop it first, or choose another folder.`
        : `Another Ticketi is using the data folder ${dataDir}. Stop it first, or choose another folder.`,
    )
    this.name = 'DataFolderHeldError'
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : null
  } catch {
    return null
  }
}

/** Whether a process of this id runs on this machine (lock holders, leftover mail files). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function isStale(path: string, holder: LockHolder | null): boolean {
  let touchedAt: number
  try {
    touchedAt = statSync(path).mtimeMs
  } catch {
    return true
  }
  if (Date.now() - touchedAt > STALE_AFTER_MS) return true
  // Half-written by a holder that was killed while writing it: give it the touch interval to finish.
  if (!holder) return Date.now() - touchedAt > TOUCH_EVERY_MS
  return holder.host === hostname() && holder.pid !== process.pid && !alive(holder.pid)
}

/** Takes the data folder for this process, or throws DataFolderHeldError naming the one that has it. */
export function lockDataFolder(dataDir: string, app = 'Ticketi'): DataLock {
  const path = join(dataDir, LOCK_FILE_NAME)
  mkdirSync(dataDir, { recursive: true })
  const me: LockHolder = { pid: process.pid, host: hostname(), started_at: new Date().toISOString(), app }
  for (let attempt = 0; ; attempt++) {
    let fd: number
    try {
      // 'wx' creates the file only if it is not there: of two processes starting at once, one wins.
      fd = openSync(path, 'wx', 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readHolder(path)
      if (attempt > 0 || !isStale(path, holder)) throw new DataFolderHeldError(dataDir, holder)
      rmSync(path, { force: true })
      continue
    }
    writeSync(fd, JSON.stringify(me))
    closeSync(fd)
    break
  }
  const touch = setInterval(() => {
    try {
      const now = new Date()
      utimesSync(path, now, now)
    } catch {
      // The folder went away (a USB stick pulled): the database will say so soon enough.
    }
  }, TOUCH_EVERY_MS)
  touch.unref()
  let released = false
  return {
    release() {
      if (released) return
      released = true
      clearInterval(touch)
      // Only our own lock is removed, never one a later holder took over.
      if (readHolder(path)?.pid === me.pid && readHolder(path)?.started_at === me.started_at) {
        rmSync(path, { force: true })
      }
    },
  }
}
