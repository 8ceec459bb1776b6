// The email that carries a customer's door codes. The outbox stores its text as
// composed at sale time, with a snapshot of the sale from which the HTML, the QR
// codes and the calendar file are made when it goes out, so a later edit of the
// event cannot change a copy already queued or sent.
export interface TicketEmailInput {
  event: { name: string; venue: string; startsAt: string; endsAt: string | null }
  customerName: string
  tickets: Array<{
    uuid: string
    shortCode: string
    ticketTypeName: string | null
    holderName: string | null
  }>
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
}

export interface ComposedEmail {
  subject: string
  body: string
  snapshot: SaleSnapshot
}

const WHEN = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
})

/** In this computer's time zone: the box office laptop sits at the venue. */
export function formatWhen(iso: string): string {
  return WHEN.format(new Date(iso))
}

export function ticketCount(n: number): string {
  return n === 1 ? 'your ticket' : `your ${n} tickets`
}

export function composeTicketEmail({ event, customerName, tickets }: TicketEmailInput): ComposedEmail {
  const lines = tickets.map(
    (t) =>
      `  Code ${t.shortCode}${t.ticketTypeName ? ` (${t.ticketTypeName})` : ''}${t.holderName ? ` for ${t.holderName}` : ''}`,
  )
  return {
    subject: `Your tickets for ${event.name}`,
    body: [
      `Hello ${customerName},`,
      '',
      `Here is ${ticketCount(tickets.length)} for ${event.name}${event.venue ? ` at ${event.venue}` : ''}, ${formatWhen(event.startsAt)}.`,
      '',
      ...lines,
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
    },
  }
}
