import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_MIGRATIONS_DIR } from '../core'
import { tempDir } from '../../../test/support/core'
import { dbPathIn, openStore } from './open'
import { readMigrations } from './migrate'

const dirs: Array<{ remove(): void }> = []
function freshDir() {
  const dir = tempDir()
  dirs.push(dir)
  return dir.path
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

/** A copy of the real migrations with one more, as a later Ticketi would ship it. */
function migrationsPlus(tag: string, sql: string): string {
  const dir = join(freshDir(), 'migrations')
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true })
  const journalPath = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  journal.entries.push({ idx: journal.entries.length, tag, version: '6', when: 1, breakpoints: true })
  writeFileSync(journalPath, JSON.stringify(journal))
  writeFileSync(join(dir, `${tag}.sql`), sql)
  return dir
}

function schemaOf(path: string): string {
  const db = new Database(path, { readonly: true })
  const sql = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
  db.close()
  return JSON.stringify(sql)
}

describe('database start-up', () => {
  it('applies every migration to an empty database and records the schema version', () => {
    const path = dbPathIn(freshDir())
    const store = openStore(path, DEFAULT_MIGRATIONS_DIR)
    const migrations = readMigrations(DEFAULT_MIGRATIONS_DIR)
    expect(store.migration).toEqual({ from: 0, to: migrations.length, backupPath: null })
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(migrations.length)
    const tables = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    for (const table of ['event', 'ticket_type', 'ticket', 'customer', 'person', 'sale', 'checkin']) {
      expect(tables).toContain(table)
    }
    expect(tables).toEqual(expect.arrayContaining(['email_outbox', 'audit_log', 'operator', 'station']))
    store.close()
  })

  it('sets WAL, durable commits and foreign keys', () => {
    const store = openStore(dbPathIn(freshDir()), DEFAULT_MIGRATIONS_DIR)
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(() =>
      store.sqlite
        .prepare("INSERT INTO ticket (uuid, event_id, status) VALUES ('x', 999, 'available')")
        .run(),
    ).toThrow(/FOREIGN KEY/)
    store.close()
  })

  it('changes nothing on a second start', () => {
    const dir = freshDir()
    const path = dbPathIn(dir)
    openStore(path, DEFAULT_MIGRATIONS_DIR).close()
    const before = schemaOf(path)
    const second = openStore(path, DEFAULT_MIGRATIONS_DIR)
    expect(second.migration.from).toBe(second.migration.to)
    expect(second.migration.backupPath).toBeNull()
    second.close()
    expect(schemaOf(path)).toBe(before)
    expect(existsSync(join(dir, 'backups'))).toBe(false)
  })

  it('backs up the old file before upgrading an existing database', () => {
    const dir = freshDir()
    const path = dbPathIn(dir)
    openStore(path, DEFAULT_MIGRATIONS_DIR).close()
    // Pretend the file was written by an older Ticketi that lacked a later migration.
    const db = new Database(path)
    db.exec("CREATE TABLE legacy_marker (x); INSERT INTO legacy_marker VALUES ('kept')")
    db.close()
    const extra = migrationsPlus('9999_test_upgrade', 'ALTER TABLE event ADD `note` text;')

    const store = openStore(path, extra)
    expect(store.migration.to).toBe(store.migration.from + 1)
    expect(store.migration.backupPath).not.toBeNull()
    expect(store.sqlite.prepare('SELECT note FROM event').all()).toEqual([])
    store.close()
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1)
    const backup = new Database(store.migration.backupPath!, { readonly: true })
    expect(backup.prepare('SELECT x FROM legacy_marker').pluck().get()).toBe('kept')
    expect(backup.pragma('user_version', { simple: true })).toBe(store.migration.from)
    backup.close()
  })

  it('rolls back a failing upgrade as a whole and leaves the file as it was', () => {
    const dir = freshDir()
    const path = dbPathIn(dir)
    openStore(path, DEFAULT_MIGRATIONS_DIR).close()
    const before = schemaOf(path)
    const extra = migrationsPlus(
      '9999_broken',
      'ALTER TABLE event ADD `note` text;\n--> statement-breakpoint\nTHIS IS NOT SQL;',
    )
    expect(() => openStore(path, extra)).toThrow()
    expect(schemaOf(path)).toBe(before)
  })

  it('refuses a database written by a newer Ticketi, with a clear message, and leaves it alone', () => {
    const path = dbPathIn(freshDir())
    openStore(path, DEFAULT_MIGRATIONS_DIR).close()
    const db = new Database(path)
    const future = readMigrations(DEFAULT_MIGRATIONS_DIR).length + 5
    db.pragma(`user_version = ${future}`)
    db.close()
    expect(() => openStore(path, DEFAULT_MIGRATIONS_DIR)).toThrow(/newer version of Ticketi/)
    const after = new Database(path, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(future)
    after.close()
  })
})
