// Syncs the database's WAL file to disk on libuv's thread pool. A commit made
// with synchronous=NORMAL is already written to the WAL (the OS holds it), so
// this one fsync makes it, and every commit written before it, survive a power
// cut. The main thread goes on answering HTTP and running the next commits
// while the disk works, instead of waiting inside SQLite's own sync.
import { close, fsync, openSync } from 'node:fs'

export interface WalSync {
  /** Resolves once everything written to the WAL so far is on disk. */
  sync(): Promise<void>
  close(): void
}

export function walSyncFor(dbPath: string): WalSync {
  let fd: number | null = null
  return {
    sync: () =>
      new Promise((resolve, reject) => {
        try {
          // Opened on first use: SQLite creates the WAL with the first write. 'r+': Windows
          // flushes only a handle opened for writing; nothing is ever written through it.
          fd ??= openSync(`${dbPath}-wal`, 'r+')
        } catch (error) {
          return reject(error as Error)
        }
        fsync(fd, (error) => (error ? reject(error) : resolve()))
      }),
    close() {
      if (fd !== null) close(fd, () => {})
      fd = null
    },
  }
}
