// A commit that skips SQLite's own sync to disk (WAL mode, synchronous=NORMAL for
// that one commit): written to the WAL, and on disk with the next sync of the WAL,
// made by the next commit of anyone, or by the checkpointer within half a second.
// For the group commit, which syncs the WAL itself before it answers anyone, and for
// bookkeeping that a power cut may take back without harm (the mail worker's:
// a message it had marked sent goes again, as after a crash).
import type Database from 'better-sqlite3'
import { prepared } from './prepared'

export function withoutSync<T>(sqlite: Database.Database, commit: () => T): T {
  prepared(sqlite, 'PRAGMA synchronous = NORMAL').run()
  try {
    return commit()
  } finally {
    prepared(sqlite, 'PRAGMA synchronous = FULL').run()
  }
}
