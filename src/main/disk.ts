// Whether the disk had room at the last write. A write that SQLite or the file
// system refused for want of space (SQLITE_FULL, ENOSPC) changed nothing and
// sets this; the next write that commits clears it. GET /api/v1/health and the
// banner on every screen read it, so the venue hears of it before a sale fails.
import type { HealthView } from '../shared/views'

export interface DiskWatch {
  noteFull(): void
  noteRoom(): void
  health(): HealthView
}

const PROBLEM =
  'The disk of the laptop that holds the database is full: nothing new can be saved (sales, check-ins, ' +
  'emails). Everything saved so far is kept. Free some space on it; Ticketi carries on by itself.'

export function createDiskWatch(clock: () => number = Date.now): DiskWatch {
  let fullSince: string | null = null
  return {
    noteFull() {
      fullSince ??= new Date(clock()).toISOString()
    },
    noteRoom() {
      fullSince = null
    },
    health: () =>
      fullSince ? { status: 'disk_full', problem: PROBLEM, since: fullSince } : { status: 'ok' },
  }
}

/** A full disk says so by one of these codes, from SQLite or from the file system. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'DISK_FULL'
}
