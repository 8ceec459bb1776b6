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

/** Queues a message to send as soon as possible; returns its outbox id. */
export function queueEmail(sqlite: Database.Database, email: QueuedEmail, now: string): number {
  const { lastInsertRowid } = prepared(
    sqlite,
    `INSERT INTO email_outbox (sale_id, recipient, subject, body, sale_snapshot, status, next_attempt_at,
                               created_at)
     VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)`,
  ).run(
    email.saleId,
    email.recipient,
    email.subject,
    email.body,
    email.snapshot ? JSON.stringify(email.snapshot) : null,
    now,
    now,
  )
  return Number(lastInsertRowid)
}
