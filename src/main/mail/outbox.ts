// The email outbox: every message waits here until the mail server accepts it.
// Whatever changes an outbox row must call refreshEmailStatus afterwards.
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
  refreshEmailStatus(sqlite, email.saleId)
  return Number(lastInsertRowid)
}

/**
 * Copies a sale's email status onto its tickets: delivered once any message was
 * accepted by the mail server, else pending while one waits, else failed.
 */
export function refreshEmailStatus(sqlite: Database.Database, saleId: number): void {
  prepared(
    sqlite,
    `UPDATE ticket SET email_status = coalesce((
       SELECT CASE WHEN max(o.status = 'sent') THEN 'delivered'
                   WHEN max(o.status IN ('queued', 'sending')) THEN 'pending'
                   WHEN max(o.status = 'failed') THEN 'failed' END
         FROM email_outbox o WHERE o.sale_id = @sale), 'none')
     WHERE sale_id = @sale`,
  ).run({ sale: saleId })
}
