// One outbox row made into the message that goes out: the plain text stored at
// sale time, and, from the sale's snapshot, HTML with each code in large type,
// a QR code of each ticket's uuid (what the door's USB scanner types), and a
// calendar file. Everything a person typed is escaped.
import type { SendMailOptions } from 'nodemailer'
import QRCode from 'qrcode'
import { calendarFile } from './calendar'
import type { Sender } from './settings'
import { formatWhen, hereAre, paymentLine, snapshotFormat, type SaleSnapshot } from './ticket-email'

export interface OutboxRow {
  id: number
  sale_id: number | null
  recipient: string
  subject: string
  body: string
  sale_snapshot: string | null
  created_at: string
}

// The standard quiet zone of four modules helps USB scanners; 4 px modules keep the PNG cheap to
// draw (about 2 ms of CPU, against 4.5 ms at 6 px) and sharp at the 180 px it is shown.
export const QR_OPTIONS = { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 } as const

/** The QR image of a ticket: exactly its uuid, nothing around it, so the scanner types what the door accepts. */
export function qrPng(uuid: string): Promise<Buffer> {
  return QRCode.toBuffer(uuid, QR_OPTIONS)
}

export function qrContentId(uuid: string): string {
  return `qr-${uuid}@ticketi`
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
}

function domainOf(address: string): string {
  return /@([A-Za-z0-9.-]+)$/.exec(address)?.[1] ?? 'ticketi.local'
}

/**
 * The same for every attempt at one row: a copy sent twice (see "at-least-once"
 * in the README) carries one Message-ID, which mail clients fold together.
 */
export function outboxMessageId(row: Pick<OutboxRow, 'id' | 'created_at'>, from: Sender): string {
  return `<ticketi-outbox-${row.id}-${Date.parse(row.created_at)}@${domainOf(from.address)}>`
}

function ticketHtml(t: SaleSnapshot['tickets'][number]): string {
  const about = [t.holder_name, t.ticket_type_name].filter(Boolean).map((s) => escapeHtml(s!))
  return `
      <tr><td style="padding:20px 0;border-top:1px solid #e4e4e7">
        ${about.length ? `<div style="font-size:15px;color:#52525b">${about.join(' &middot; ')}</div>` : ''}
        <div style="font-size:56px;line-height:1.1;font-weight:bold;letter-spacing:10px;font-family:'Courier New',monospace">${escapeHtml(t.short_code)}</div>
        <img src="cid:${qrContentId(t.uuid)}" width="180" height="180" alt="QR code of ticket ${escapeHtml(t.short_code)}" style="display:block;margin-top:8px">
      </td></tr>`
}

export function ticketHtmlBody(sale: SaleSnapshot): string {
  const { event } = sale
  const format = snapshotFormat(sale)
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(event.name)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#18181b">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px">
    <tr><td style="padding:24px">
      <h1 style="font-size:24px;margin:0 0 8px">${escapeHtml(event.name)}</h1>
      <p style="margin:0 0 4px;font-size:16px">${escapeHtml(formatWhen(event.starts_at, format))}</p>
      ${event.venue ? `<p style="margin:0 0 16px;font-size:16px">${escapeHtml(event.venue)}</p>` : ''}
      <p style="margin:16px 0">Hello ${escapeHtml(sale.customer_name)}, ${hereAre(sale.tickets.length)}.</p>
      <table role="presentation" width="100%" cellpadding="0" cellspacing="0">${sale.tickets.map(ticketHtml).join('')}
      </table>
      ${sale.payment ? `<p style="margin:16px 0 0">${escapeHtml(paymentLine(sale.payment, format))}.</p>` : ''}
      <p style="margin:16px 0 0;color:#52525b">Say or type your code at the door, or show the QR code to the scanner.</p>
    </td></tr>
  </table>
</body></html>`
}

function fileSafe(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'event'
  )
}

function parseSnapshot(row: OutboxRow): SaleSnapshot | null {
  if (!row.sale_snapshot) return null
  try {
    return JSON.parse(row.sale_snapshot) as SaleSnapshot
  } catch {
    return null
  }
}

export async function composeOutboxMessage(
  row: OutboxRow,
  from: Sender,
  now: Date,
): Promise<SendMailOptions> {
  const sale = parseSnapshot(row)
  const message: SendMailOptions = {
    // The customer knows the venue, not the software: an unnamed sender takes the venue's name.
    from: { name: from.name || sale?.event.venue || sale?.event.name || 'Ticketi', address: from.address },
    to: row.recipient,
    subject: row.subject,
    text: row.body,
    messageId: outboxMessageId(row, from),
    headers: { 'X-Ticketi-Outbox-Id': String(row.id) },
  }
  // A row without a snapshot (queued by an older Ticketi) still carries every code in its text.
  if (!sale) return message
  // Drawn in the mail thread (src/main/mail/thread.ts): the door's event loop never waits on them.
  const images: Buffer[] = []
  for (const t of sale.tickets) images.push(await qrPng(t.uuid))
  return {
    ...message,
    html: ticketHtmlBody(sale),
    attachments: [
      ...sale.tickets.map((t, i) => ({
        filename: `ticket-${t.short_code}.png`,
        content: images[i]!,
        contentType: 'image/png',
        contentDisposition: 'inline' as const,
        cid: qrContentId(t.uuid),
      })),
      {
        filename: `${fileSafe(sale.event.name)}.ics`,
        content: calendarFile(sale, `ticketi-sale-${row.sale_id ?? row.id}@${domainOf(from.address)}`, now),
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      },
    ],
  }
}
