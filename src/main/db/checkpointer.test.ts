import { statSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_MIGRATIONS_DIR } from '../core'
import { tempDir } from '../../../test/support/core'
import { dbPathIn, openStore } from './open'

const dirs: Array<{ remove(): void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

describe('the background checkpointer', () => {
  it('moves committed pages into the database file without the main connection doing it', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const path = dbPathIn(dir.path)
    const store = openStore(path, DEFAULT_MIGRATIONS_DIR)
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const before = statSync(path).size
    const insert = store.sqlite.prepare(
      "INSERT INTO audit_log (operator, station, action, entity, after) VALUES ('t', 't', 'fill', 'x', ?)",
    )
    for (let i = 0; i < 300; i++) insert.run('x'.repeat(2000))
    // Only the worker can grow the main file: this connection never checkpoints now.
    await expect
      .poll(() => statSync(path).size, { timeout: 10_000, interval: 100 })
      .toBeGreaterThan(before + 500_000)
    store.close()
    expect(statSync(path).size).toBeGreaterThan(before + 500_000)
  })

  it('closes cleanly, leaving no WAL behind', () => {
    const dir = tempDir()
    dirs.push(dir)
    const path = dbPathIn(dir.path)
    const store = openStore(path, DEFAULT_MIGRATIONS_DIR)
    store.sqlite
      .prepare("INSERT INTO audit_log (operator, station, action, entity) VALUES ('t','t','a','x')")
      .run()
    store.close()
    const wal = (() => {
      try {
        return statSync(`${path}-wal`).size
      } catch {
        return 0
      }
    })()
    expect(wal).toBe(0)
    const again = openStore(path, DEFAULT_MIGRATIONS_DIR)
    expect(again.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1)
    again.close()
  })

  it('can be closed while its worker is still starting, again and again', () => {
    const dir = tempDir()
    dirs.push(dir)
    for (let i = 0; i < 25; i++) {
      // The worker may still be starting: closing waits for it to close its connection.
      const store = openStore(dbPathIn(dir.path), DEFAULT_MIGRATIONS_DIR)
      store.close()
    }
    const store = openStore(dbPathIn(dir.path), DEFAULT_MIGRATIONS_DIR)
    expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    store.close()
  })
})
