// The audit log: every operation writes here through its context, and so do changes
// made outside the dispatcher (first-run PINs, sign-in, kiosk mode).
import type Database from 'better-sqlite3'
import { prepared } from './db/prepared'
import type { Principal } from '../shared/principal'
import type { AuditEntry } from './dispatcher'

export type AuditWho = Pick<Principal, 'operator' | 'station'>

export function recordAudit(sqlite: Database.Database, who: AuditWho, entry: AuditEntry, at: string): void {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value))
  prepared(
    sqlite,
    `INSERT INTO audit_log (operator, station, action, entity, entity_id, before, after, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    who.operator,
    who.station,
    entry.action,
    entry.entity,
    entry.entity_id ?? null,
    json(entry.before),
    json(entry.after),
    at,
  )
}
