// Mail settings, the test email and the outbox as the box office sees it.
// The password is sealed before it is stored and never leaves the core.
import type { EmailView } from '../../shared/views'
import { recordAudit } from '../audit'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import type { Effects } from '../effects'
import type { MailService } from '../mail/service'
import { mailSettingsView, saveMailSettings } from '../mail/settings'
import type Database from 'better-sqlite3'

const EMAIL_COLUMNS = `o.id, o.sale_id, s.event_id, o.recipient, o.subject, o.status, o.attempts, o.last_error,
  o.next_attempt_at, o.sent_at, o.message_id, o.created_at`

export const mailOperations: Pick<Handlers, 'getMailSettings' | 'updateMailSettings' | 'listEmails'> = {
  getMailSettings(_input, { store, mail }) {
    return mailSettingsView(store.sqlite, mail)
  },

  updateMailSettings(input, { store, mail, now, audit, changed }) {
    const { before, after } = saveMailSettings(store.sqlite, input, mail, now)
    // The worker takes up the new settings once they are committed, not while they might roll back.
    changed({ kind: 'mailSettings' })
    audit({ action: 'updateMailSettings', entity: 'setting', before, after })
    return after
  },

  listEmails({ event_id, sale_id, status, limit, offset }, { store }) {
    const filters = (
      [
        ['s.event_id = ?', event_id],
        ['o.sale_id = ?', sale_id],
        ['o.status = ?', status],
      ] as const
    ).filter(([, value]) => value !== undefined)
    const where = filters.map(([sql]) => sql)
    const params = filters.map(([, value]) => value!)
    const from = `FROM email_outbox o LEFT JOIN sale s ON s.id = o.sale_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
    const total = prepared(store.sqlite, `SELECT count(*) ${from}`)
      .pluck()
      .get(...params) as number
    const emails = prepared(
      store.sqlite,
      `SELECT ${EMAIL_COLUMNS} ${from} ORDER BY o.id DESC LIMIT ? OFFSET ?`,
    ).all(...params, limit, offset) as EmailView[]
    return { emails, total }
  },
}

/** The test email: it waits on the server's answer, so it runs outside the dispatcher (src/main/effects.ts). */
export function mailEffects(sqlite: Database.Database, mail: MailService): Pick<Effects, 'sendTestEmail'> {
  return {
    async sendTestEmail({ to }, who) {
      const result = await mail.sendTestEmail(to)
      recordAudit(
        sqlite,
        who,
        { action: 'sendTestEmail', entity: 'setting', after: { ...result } },
        new Date().toISOString(),
      )
      return result
    },
  }
}
