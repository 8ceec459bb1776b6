// Opens (or creates) the Ticketi database file with the settings every
// acknowledged sale and check-in relies on to survive a crash or power cut.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { startCheckpointer } from './checkpointer'
import { migrate, readMigrations, type MigrationReport } from './migrate'
import * as schema from './schema'
import { refuseDamagedDatabase, refuseEmptyDatabase } from './soundness'

// $client: the same connection, for the reads written in SQL (the counts read model).
export type Drizzle = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export interface Store {
  sqlite: Database.Database
  db: Drizzle
  path: string
  migration: MigrationReport
  close(): void
}

const DB_FILE_NAME = 'ticketi.db'

export function dbPathIn(dataDir: string): string {
  return join(dataDir, DB_FILE_NAME)
}

export function openStore(path: string, migrationsDir: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  refuseEmptyDatabase(path)
  const sqlite = new Database(path)
  try {
    refuseDamagedDatabase(sqlite, path)
    sqlite.pragma('journal_mode = WAL')
    // FULL: a commit is on disk before we answer, so an acknowledged check-in survives a power cut.
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    // Statement journals and sorts in memory: on disk, every statement of a guest list's step
    // that changes rows wrote the pages it touched to a temporary file first (two thirds of the
    // import's time). They hold a statement's changes only, never the database.
    sqlite.pragma('temp_store = MEMORY')
    // Another station process may hold the write lock for a moment; wait instead of failing.
    sqlite.pragma('busy_timeout = 5000')
    const migration = migrate(sqlite, path, readMigrations(migrationsDir))
    const checkpointer = path === ':memory:' ? null : startCheckpointer(sqlite, path)
    return {
      sqlite,
      db: drizzle(sqlite, { schema }),
      path,
      migration,
      close() {
        if (!sqlite.open) return
        checkpointer?.stop()
        // Folds the WAL back into the main file so a copied .db is complete on its own.
        sqlite.pragma('wal_checkpoint(TRUNCATE)')
        sqlite.close()
      },
    }
  } catch (error) {
    sqlite.close()
    throw error
  }
}
