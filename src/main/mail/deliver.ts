// One outbox row made into a message and handed to a mailer, and the test
// email, each with what came of it as plain data. This is the CPU-heavy part
// of mail (QR PNGs, HTML, the calendar file, MIME) and the SMTP exchange: it
// runs in the mail thread (src/main/mail/thread.ts), never on the thread that
// answers the door. Tests of the outbox's own logic run it in place.
import type { TestEmailResult } from '../../shared/views'
import { composeOutboxMessage, escapeHtml, type OutboxRow } from './message'
import type { MailSettings } from './settings'
import {
  createMailer,
  explainSendError,
  type Delivery,
  type Mailer,
  type MailerOptions,
  type SendFailure,
} from './transport'

export type SendResult = { delivery: Delivery } | { failure: SendFailure }

/** What the outbox worker sends through: the mail thread, or a mailer in this thread. */
export interface Courier {
  deliver(row: OutboxRow): Promise<SendResult>
  /** Resolves true once the server (or folder) would take a message now, without sending one. */
  probe(): Promise<boolean>
}

export async function deliverRow(
  row: OutboxRow,
  mailer: Mailer,
  logError: (error: unknown) => void,
): Promise<SendResult> {
  let message
  try {
    message = await composeOutboxMessage(row, mailer.from, new Date())
  } catch (error) {
    logError(error)
    const failure = { permanent: true, wholeServer: false, unreachable: false }
    return { failure: { ...failure, message: 'The message could not be put together; the log says why.' } }
  }
  try {
    return { delivery: await mailer.send(message) }
  } catch (error) {
    const failure = explainSendError(error, mailer)
    if (failure.detail !== undefined) logError(failure.detail)
    delete failure.detail
    return { failure }
  }
}

export async function probeMailer(mailer: Mailer): Promise<boolean> {
  try {
    await mailer.verify()
    return true
  } catch {
    return false
  }
}

/** A courier on a mailer of this thread. */
export function localCourier(mailer: Mailer, logError: (error: unknown) => void = () => {}): Courier {
  return { deliver: (row) => deliverRow(row, mailer, logError), probe: () => probeMailer(mailer) }
}

/** The Settings screen's test: its own connection, so it says what these settings do now. */
export async function sendTestEmail(
  settings: MailSettings,
  to: string,
  options: MailerOptions,
  logError: (error: unknown) => void,
): Promise<TestEmailResult | null> {
  const test = createMailer(settings, options)
  if (!test) return null
  const text = `This is a test email from Ticketi, sent as ${settings.from.address}. Ticket emails will look like they come from the same sender.`
  try {
    const delivery = await test.send({
      from: { ...settings.from, name: settings.from.name || 'Ticketi' },
      to,
      subject: 'Ticketi test email',
      text,
      html: `<p>${escapeHtml(text)}</p>`,
    })
    return {
      accepted: true,
      recipient: to,
      transport: test.transport,
      message_id: delivery.messageId,
      server_answer: test.scrub(delivery.response),
    }
  } catch (error) {
    const failure = explainSendError(error, test)
    if (failure.detail !== undefined) logError(failure.detail)
    return {
      accepted: false,
      recipient: to,
      transport: test.transport,
      message_id: null,
      server_answer: failure.message,
    }
  } finally {
    test.close()
  }
}
