// The email outbox: every message waits here until the mail server accepts it.
// The database copies each sale's email status onto its tickets whenever an outbox row changes
// (drizzle/0010_email_status_follows_outbox.sql): nothing here has to remember it.
import type Database from 'better-sqlite3'
import { prepared } from '../db/prepared'
import type { SaleSnapshot } from './ticket-email'

export interface QueuedEmail {
  saleId: number
  recipient: string
  subject: string
  body: string
  /** What the HTML, QR codes and calendar file are made from when the message goes out. */
  snapshot?: SaleSnapshot
}

/**
 * A queued message waits while the guest list it belongs to is still being imported: the list's
 * emails go out together once its last step is committed, and never if the import is undone.
 */
export const NOT_HELD_BY_IMPORT = `NOT EXISTS (
  SELECT 1 FROM sale s JOIN guest_import g ON g.id = s.import_id
   WHERE s.id = email_outbox.sale_id AND g.status = 'selling')`

/** Queues messages to send as soon as possible, with one statement; returns their outbox ids in order. */
export function queueEmails(
  sqlite: Database.Database,
  emails: readonly QueuedEmail[],
  now: string,
): number[] {
  if (emails.length === 0) return []
  const rows = emails.map((e) => [
    e.saleId,
    e.recipient,
    e.subject,
    e.body,
    e.snapshot ? JSON.stringify(e.snapshot) : null,
  ])
  // Inserted in the list's order (ORDER BY key), so the ids, sorted, follow it.
  const ids = prepared(
    sqlite,
    `INSERT INTO email_outbox (sale_id, recipient, subject, body, sale_snapshot, status, next_attempt_at,
                               created_at)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, 'queued', ?, ?
       FROM json_each(?) ORDER BY key
     RETURNING id`,
  )
    .pluck()
    .all(now, now, JSON.stringify(rows)) as number[]
  return ids.sort((a, b) => a - b)
}

/** Queues a message to send as soon as possible; returns its outbox id. */
export function queueEmail(sqlite: Database.Database, email: QueuedEmail, now: string): number {
  return queueEmails(sqlite, [email], now)[0]!
}
