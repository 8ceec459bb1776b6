// Syncs the database's WAL file to disk ourselves, after a commit made with
// synchronous=NORMAL (written to the WAL, not yet synced): in place for a batch of
// check-ins, or on libuv's thread pool for a big step, so the main thread goes on
// answering the door while the disk works. Either way one sync makes that commit,
// and every commit written before it, survive a power cut.
//
// fdatasync, not fsync: a WAL is written in place over the same blocks, so the
// file's times are all fsync would add, and on ext4 they cost a journal commit
// per sync. A file that grew still has its new size synced (what reading it back
// needs). Built this way, SQLite's own sync of a FULL commit is a whole fsync.
import { close, fdatasync, fdatasyncSync, openSync } from 'node:fs'

export interface WalSync {
  /** Resolves once everything written to the WAL so far is on disk. */
  sync(): Promise<void>
  /** The same, on this thread: for a batch whose few pages the disk takes at once. */
  syncNow(): void
  close(): void
}

export function walSyncFor(dbPath: string): WalSync {
  let fd: number | null = null
  // Opened on first use: SQLite creates the WAL with the first write. 'r+': Windows flushes
  // only a handle opened for writing; nothing is ever written through it.
  const wal = () => (fd ??= openSync(`${dbPath}-wal`, 'r+'))
  return {
    sync: () =>
      new Promise((resolve, reject) => {
        let handle: number
        try {
          handle = wal()
        } catch (error) {
          return reject(error as Error)
        }
        fdatasync(handle, (error) => (error ? reject(error) : resolve()))
      }),
    syncNow: () => fdatasyncSync(wal()),
    close() {
      if (fd !== null) close(fd, () => {})
      fd = null
    },
  }
}
