// The email that carries a customer's door codes. The outbox stores its text as
// composed at sale time, with a snapshot of the sale from which the HTML, the QR
// codes and the calendar file are made when it goes out, so a later edit of the
// event cannot change a copy already queued or sent.
import type { PaymentMethod } from '../../shared/views'
import {
  formatEventStart,
  formatVenueMoney,
  systemVenueFormat,
  type VenueFormat,
} from '../../shared/venue-format'

export interface TicketEmailInput {
  event: { name: string; venue: string; startsAt: string; endsAt: string | null }
  customerName: string
  tickets: Array<{
    uuid: string
    shortCode: string
    ticketTypeName: string | null
    holderName: string | null
  }>
  payment: SalePayment
  /** The venue's locale and time zone in force when the sale was made. */
  format: VenueFormat
}

export interface SalePayment {
  method: PaymentMethod
  amount_cents: number
  currency: string
}

/** The sale as the email shows it (stored as JSON in email_outbox.sale_snapshot). */
export interface SaleSnapshot {
  event: { name: string; venue: string; starts_at: string; ends_at: string | null }
  customer_name: string
  tickets: Array<{
    uuid: string
    short_code: string
    ticket_type_name: string | null
    holder_name: string | null
  }>
  // Left out by older versions of Ticketi: their copies read in this system's format, without payment.
  payment?: SalePayment
  locale?: string
  time_zone?: string
}

export interface ComposedEmail {
  subject: string
  body: string
  snapshot: SaleSnapshot
}

let lastWhen: { iso: string; locale: string; timeZone: string; text: string } | null = null

/** The venue's wall-clock time with the zone's name, for a customer who may read it anywhere. */
export function formatWhen(iso: string, format: VenueFormat = systemVenueFormat()): string {
  // A guest list's emails all name the same evening: formatting it costs more than the rest of the email.
  const last = lastWhen
  if (last && last.iso === iso && last.locale === format.locale && last.timeZone === format.time_zone) {
    return last.text
  }
  const text = formatEventStart(iso, format)
  lastWhen = { iso, locale: format.locale, timeZone: format.time_zone, text }
  return text
}

/** The format a queued copy was composed in. */
export function snapshotFormat(sale: SaleSnapshot): VenueFormat {
  const system = systemVenueFormat()
  return { locale: sale.locale ?? system.locale, time_zone: sale.time_zone ?? system.time_zone }
}

export function ticketCount(n: number): string {
  return n === 1 ? 'your ticket' : `your ${n} tickets`
}

/** "here is your ticket", "here are your 3 tickets". */
export function hereAre(n: number): string {
  return `here ${n === 1 ? 'is' : 'are'} ${ticketCount(n)}`
}

const PAID_HOW: Record<PaymentMethod, string> = { cash: ' in cash', card: ' by card', comp: '', other: '' }

/** "Paid €50.00 by card", "Complimentary", "Free". */
export function paymentLine(payment: SalePayment, format: Pick<VenueFormat, 'locale'>): string {
  if (payment.method === 'comp') return 'Complimentary'
  if (payment.amount_cents === 0) return 'Free'
  return `Paid ${formatVenueMoney(payment.amount_cents, payment.currency, format)}${PAID_HOW[payment.method]}`
}

export function composeTicketEmail({
  event,
  customerName,
  tickets,
  payment,
  format,
}: TicketEmailInput): ComposedEmail {
  const lines = tickets.map(
    (t) =>
      `  Code ${t.shortCode}${t.ticketTypeName ? ` (${t.ticketTypeName})` : ''}${t.holderName ? ` for ${t.holderName}` : ''}`,
  )
  const here = hereAre(tickets.length)
  return {
    subject: `${tickets.length === 1 ? 'Your ticket' : `Your ${tickets.length} tickets`} for ${event.name}`,
    body: [
      `Hello ${customerName},`,
      '',
      `${here[0]!.toUpperCase()}${here.slice(1)} for ${event.name}${event.venue ? ` at ${event.venue}` : ''}, ${formatWhen(event.startsAt, format)}.`,
      '',
      ...lines,
      '',
      `${paymentLine(payment, format)}.`,
      '',
      'Say or type your code at the door, or show the QR code in this email to the scanner.',
    ].join('\n'),
    snapshot: {
      event: { name: event.name, venue: event.venue, starts_at: event.startsAt, ends_at: event.endsAt },
      customer_name: customerName,
      tickets: tickets.map((t) => ({
        uuid: t.uuid,
        short_code: t.shortCode,
        ticket_type_name: t.ticketTypeName,
        holder_name: t.holderName,
      })),
      payment,
      locale: format.locale,
      time_zone: format.time_zone,
    },
  }
}
