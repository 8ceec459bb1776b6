// The .ics file attached to a ticket email (RFC 5545), so the night lands in
// the customer's calendar. Text is escaped and long lines folded as the RFC asks.
import { formatWhen, snapshotFormat, type SaleSnapshot } from './ticket-email'

function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

function icsTime(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** Lines of at most 75 octets; continuations start with a space. Never splits a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char)
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

// Times stay in UTC (no VTIMEZONE to get wrong); X-WR-TIMEZONE tells calendars the venue's
// zone, and the description says the start as the venue's clock shows it.
export function calendarFile(sale: SaleSnapshot, uid: string, now: Date): string {
  const codes = sale.tickets.map((t) => t.short_code).join(', ')
  const format = snapshotFormat(sale)
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Ticketi//Tickets//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-TIMEZONE:${icsText(format.time_zone)}`,
    'BEGIN:VEVENT',
    `UID:${icsText(uid)}`,
    `DTSTAMP:${icsTime(now.toISOString())}`,
    `DTSTART:${icsTime(sale.event.starts_at)}`,
    ...(sale.event.ends_at ? [`DTEND:${icsTime(sale.event.ends_at)}`] : []),
    `SUMMARY:${icsText(sale.event.name)}`,
    ...(sale.event.venue ? [`LOCATION:${icsText(sale.event.venue)}`] : []),
    `DESCRIPTION:${icsText(`${formatWhen(sale.event.starts_at, format)}\nDoor ${sale.tickets.length === 1 ? 'code' : 'codes'}: ${codes}`)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(fold).join('\r\n') + '\r\n'
}
