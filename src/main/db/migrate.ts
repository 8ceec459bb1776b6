// Applies drizzle-kit's SQL migrations at start-up. The schema version lives in
// PRAGMA user_version (the number of migrations applied), which lets us refuse a
// database written by a newer Ticketi instead of corrupting it.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { TicketiError } from '../../shared/errors'

interface JournalEntry {
  idx: number
  tag: string
}

export interface Migration {
  tag: string
  statements: string[]
}

export function readMigrations(migrationsDir: string): Migration[] {
  const journalPath = join(migrationsDir, 'meta', '_journal.json')
  if (!existsSync(journalPath)) {
    throw new Error(`Database migrations not found in ${migrationsDir}`)
  }
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: JournalEntry[] }
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => ({
      tag,
      statements: readFileSync(join(migrationsDir, `${tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    }))
}

export interface MigrationReport {
  from: number
  to: number
  backupPath: string | null
}

/**
 * Brings the database up to the newest migration in one transaction, after a
 * file copy of the old database: a failed upgrade leaves the file untouched,
 * and the copy survives even a bug in a migration that did commit.
 */
export function migrate(sqlite: Database.Database, dbPath: string, migrations: Migration[]): MigrationReport {
  const from = sqlite.pragma('user_version', { simple: true }) as number
  const to = migrations.length
  if (from > to) {
    throw new TicketiError(
      'DB_FROM_FUTURE',
      `This database was written by a newer version of Ticketi (schema ${from}, this app knows ${to}). ` +
        'Update Ticketi to open it; the file was not changed.',
    )
  }
  if (from === to) return { from, to, backupPath: null }

  let backupPath: string | null = null
  if (from > 0 && dbPath !== ':memory:') {
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const dir = join(dbPath, '..', 'backups')
    mkdirSync(dir, { recursive: true })
    backupPath = join(dir, `ticketi-schema${from}-${Date.now()}.db`)
    copyFileSync(dbPath, backupPath)
  }

  sqlite
    .transaction(() => {
      for (const migration of migrations.slice(from)) {
        for (const statement of migration.statements) sqlite.exec(statement)
      }
      sqlite.pragma(`user_version = ${to}`)
    })
    .immediate()
  return { from, to, backupPath }
}
