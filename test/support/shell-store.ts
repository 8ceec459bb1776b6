// A real database in a temp folder for the shell's tests, opened without the
// operations map so these tests need nothing but the schema and migrations.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dbPathIn, openStore, type Store } from '../../src/main/db/open'

export interface TestStore extends Store {
  dataDir: string
  /** Closes the database and removes its folder (also when it was reopened from a closed one). */
  dispose(): void
}

export function openTestStore(dataDir?: string): TestStore {
  const path = dataDir ?? mkdtempSync(join(tmpdir(), 'ticketi-shell-'))
  const store = openStore(dbPathIn(path), join(__dirname, '../../drizzle'))
  return {
    ...store,
    dataDir: path,
    dispose() {
      store.close()
      rmSync(path, { recursive: true, force: true })
    },
  }
}

export function auditActions(store: Store): string[] {
  return store.sqlite
    .prepare('SELECT action FROM audit_log ORDER BY id')
    .pluck()
    .all()
    .map((action) => String(action))
}

export function addEvent(store: Store, name = 'Jazz Night'): number {
  return Number(
    store.sqlite
      .prepare(`INSERT INTO event (name, starts_at, capacity, created_at) VALUES (?, ?, 100, ?)`)
      .run(name, '2026-12-01T20:00:00Z', '2026-11-01T00:00:00Z').lastInsertRowid,
  )
}
