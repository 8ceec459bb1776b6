// Shared set-up for tests: a real core on a real SQLite file in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { InputOf, OperationName, OutputOf } from '../../src/shared/contract'
import { openCore, type Core } from '../../src/main/core'
import type { Principal } from '../../src/shared/principal'
import { invoke } from '../../src/main/dispatcher'

export const ADMIN: Principal = { role: 'admin', station: 'Box office', operator: 'tester' }
export const DOOR: Principal = { role: 'door', station: 'Door 1', operator: 'volunteer' }
export const BOX_OFFICE: Principal = { role: 'boxoffice', station: 'Box office', operator: 'seller' }

export function tempDir(prefix = 'ticketi-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

export interface TestCore extends Core {
  dataDir: string
  /** Calls an operation as `who` (admin by default); throws its TicketiError on refusal. */
  call<N extends OperationName>(name: N, input: InputOf<N>, who?: Principal): OutputOf<N>
  /** Closes the database and removes the folder. */
  dispose(): void
}

export function openTestCore(): TestCore {
  const dir = tempDir()
  const core = openCore({ dataDir: dir.path, logError: () => {} })
  return {
    ...core,
    dataDir: dir.path,
    call: (name, input, who = ADMIN) => invoke(core.dispatch, name, input, who),
    dispose() {
      core.close()
      dir.remove()
    },
  }
}

/** An event with one ticket type and `seed` available tickets of that type. */
export function seededEvent(
  core: TestCore,
  seed: number,
  overrides: Partial<InputOf<'createEvent'>> = {},
): { eventId: number; typeId: number } {
  const event = core.call('createEvent', {
    name: 'Jazz Night',
    venue: 'The Cellar',
    starts_at: '2026-12-01T20:00:00Z',
    capacity: 1000,
    ...overrides,
  })
  const type = core.call('addTicketType', { event_id: event.id, name: 'Standard', price_cents: 1500 })
  if (seed > 0) core.call('seedInventory', { event_id: event.id, count: seed, ticket_type_id: type.id })
  return { eventId: event.id, typeId: type.id }
}

/** Another connection to the same file that never waits for a lock, to see what the core holds. */
export interface OtherStation {
  /** Whether a write could start now, i.e. nobody holds the write lock. */
  canWrite(): boolean
  count(table: string): number
  /** Writes a row at once (autocommit), as another process would. */
  writeAuditRow(): void
  close(): void
}

export function otherConnection(core: Core): OtherStation {
  const other = new Database(core.store.path, { timeout: 0 })
  return {
    canWrite() {
      try {
        other.prepare('BEGIN IMMEDIATE').run()
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return false
        throw error
      }
      other.prepare('ROLLBACK').run()
      return true
    },
    count: (table) => other.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
    writeAuditRow() {
      other
        .prepare(
          "INSERT INTO audit_log (operator, station, action, entity) VALUES ('x', 'y', 'probe', 'none')",
        )
        .run()
    },
    close: () => other.close(),
  }
}
