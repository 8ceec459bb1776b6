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

/** A copy of the real migrations up to (not including) the first whose tag starts with `before`. */
function migrationsBefore(before: string): string {
  const dir = join(freshDir(), 'migrations')
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true })
  const journalPath = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> }
  const at = journal.entries.findIndex((e) => e.tag.startsWith(before))
  journal.entries = journal.entries.slice(0, at)
  writeFileSync(journalPath, JSON.stringify(journal))
  return dir
}

/** Event 1, written as any schema since the first has it, for a test to hang rows on. */
function insertEvent(db: Database.Database, name: string) {
  db.exec(
    `INSERT INTO event (id, name, starts_at, capacity, created_at) VALUES (1, '${name}', '2026-01-01', 10, '2026-01-01')`,
  )
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
    expect(store.sqlite.pragma('temp_store', { simple: true })).toBe(2) // MEMORY
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
  it('counts the tickets and the money of an older database and logs its door versions when it gains the read models', () => {
    const path = dbPathIn(freshDir())
    const older = openStore(path, migrationsBefore('0014_'))
    const db = older.sqlite
    insertEvent(db, 'Old')
    db.exec(`INSERT INTO ticket_type (id, event_id, name, price_cents) VALUES (1, 1, 'Standard', 1500)`)
    db.exec(`INSERT INTO customer (id, name, created_at) VALUES (1, 'Ann', '2026-01-01')`)
    db.exec(
      `INSERT INTO ticket (uuid, event_id, ticket_type_id, status) VALUES ('a', 1, 1, 'available'), ('b', 1, 1, 'available')`,
    )
    db.exec(`INSERT INTO ticket (uuid, event_id, ticket_type_id, status, short_code, customer_id, price_cents, inside)
             VALUES ('c', 1, 1, 'assigned', '001', 1, 1500, 0), ('d', 1, 1, 'checked_in', '002', 1, 1500, 1),
                    ('e', 1, NULL, 'void', '003', 1, 0, 0)`)
    db.exec(`INSERT INTO sale (id, event_id, customer_id, payment_method, amount_cents, ticket_count, operator, station, created_at)
             VALUES (1, 1, 1, 'card', 3000, 2, 'op', 'Box office', '2026-01-01'), (2, 1, 1, 'card', 1500, 1, 'op', 'Box office', '2026-01-01')`)
    db.exec(`INSERT INTO refund (event_id, sale_id, amount_cents, payment_method, reason, ticket_count, operator, station, created_at)
             VALUES (1, 1, 1500, 'cash', 'Could not come', 1, 'op', 'Box office', '2026-01-02')`)
    const versions = db
      .prepare('SELECT id, door_version FROM ticket WHERE door_version > 0 ORDER BY id')
      .all()
    expect(versions).toHaveLength(3)
    older.close()

    const store = openStore(path, DEFAULT_MIGRATIONS_DIR)
    const counts = store.sqlite
      .prepare('SELECT ticket_type_id, status, inside, n, price_cents FROM ticket_count ORDER BY 1, 2')
      .all()
    expect(counts).toEqual([
      { ticket_type_id: 0, status: 'void', inside: 0, n: 1, price_cents: 0 },
      { ticket_type_id: 1, status: 'assigned', inside: 0, n: 1, price_cents: 1500 },
      { ticket_type_id: 1, status: 'available', inside: 0, n: 2, price_cents: 0 },
      { ticket_type_id: 1, status: 'checked_in', inside: 1, n: 1, price_cents: 1500 },
    ])
    expect(
      store.sqlite
        .prepare('SELECT kind, payment_method, count, tickets, amount_cents FROM money_total ORDER BY 1')
        .all(),
    ).toEqual([
      { kind: 'refund', payment_method: 'cash', count: 1, tickets: 1, amount_cents: 1500 },
      { kind: 'sale', payment_method: 'card', count: 2, tickets: 3, amount_cents: 4500 },
    ])
    const logged = store.sqlite
      .prepare('SELECT ticket_id AS id, version AS door_version FROM door_change ORDER BY 1')
      .all()
    expect(logged).toEqual(versions)
    store.close()
  })

  it('draws door versions from the change log after the counter, and keeps them above any a door holds', () => {
    const path = dbPathIn(freshDir())
    const older = openStore(path, migrationsBefore('0016_'))
    const db = older.sqlite
    insertEvent(db, 'Old')
    db.exec(
      `INSERT INTO ticket (id, uuid, event_id, status, short_code) VALUES (1, 'a', 1, 'assigned', '001')`,
    )
    // A counter ahead of its log: a door that synced then holds version 40.
    db.exec('UPDATE door_version SET version = 40')
    older.close()

    const store = openStore(path, DEFAULT_MIGRATIONS_DIR)
    const { sqlite } = store
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'door_version'").all()).toEqual([])
    sqlite.exec(`UPDATE ticket SET status = 'checked_in', inside = 1 WHERE id = 1`)
    sqlite.exec(
      `INSERT INTO ticket (id, uuid, event_id, status, short_code) VALUES (2, 'b', 1, 'assigned', '002')`,
    )
    sqlite.exec(`INSERT INTO ticket (id, uuid, event_id, status) VALUES (3, 'c', 1, 'available')`)
    const versions = sqlite.prepare('SELECT id, door_version FROM ticket ORDER BY id').all()
    expect(versions).toEqual([
      { id: 1, door_version: 41 },
      { id: 2, door_version: 42 },
      { id: 3, door_version: 0 },
    ])
    const logged = sqlite
      .prepare(
        'SELECT ticket_id AS id, version AS door_version FROM door_change WHERE version > 40 ORDER BY 1',
      )
      .all()
    expect(logged).toEqual(versions.slice(0, 2))
    store.close()
  })

  it('indexes check-ins by nonce only where they have one, and still refuses a nonce twice', () => {
    const store = openStore(dbPathIn(freshDir()), DEFAULT_MIGRATIONS_DIR)
    const { sqlite } = store
    insertEvent(sqlite, 'Night')
    const log = sqlite.prepare(
      `INSERT INTO checkin (event_id, code_typed, result, direction, station, operator, at, nonce, answer)
       VALUES (1, '001', 'UNKNOWN', 'in', 'Door 1', 'op', '2026-01-01', ?, '{}')`,
    )
    log.run(null)
    log.run(null)
    log.run('1765000000000-abc')
    expect(() => log.run('1765000000000-abc')).toThrow(/UNIQUE/)
    const indexed = sqlite
      .prepare('SELECT count(*) FROM checkin INDEXED BY checkin_nonce_unique WHERE nonce IS NOT NULL')
      .pluck()
      .get()
    expect(indexed).toBe(1)
    const partial = (sqlite.pragma('index_list(checkin)') as Array<{ name: string; partial: number }>).find(
      (i) => i.name === 'checkin_nonce_unique',
    )
    expect(partial?.partial).toBe(1)
    store.close()
  })
})
