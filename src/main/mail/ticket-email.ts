// The email that carries a customer's door codes. The outbox stores it as
// composed at sale time, so a later edit of the event cannot change a sent copy.
export interface TicketEmailInput {
  event: { name: string; venue: string; startsAt: string }
  customerName: string
  tickets: Array<{ shortCode: string; ticketTypeName: string | null; holderName: string | null }>
}

export interface ComposedEmail {
  subject: string
  body: string
}

export function composeTicketEmail({ event, customerName, tickets }: TicketEmailInput): ComposedEmail {
  const when = new Date(event.startsAt).toUTCString()
  const lines = tickets.map(
    (t) =>
      `  Code ${t.shortCode}${t.ticketTypeName ? ` (${t.ticketTypeName})` : ''}${t.holderName ? ` for ${t.holderName}` : ''}`,
  )
  const count = tickets.length === 1 ? 'your ticket' : `your ${tickets.length} tickets`
  return {
    subject: `Your tickets for ${event.name}`,
    body: [
      `Hello ${customerName},`,
      '',
      `Here is ${count} for ${event.name}${event.venue ? ` at ${event.venue}` : ''}, ${when}.`,
      '',
      ...lines,
      '',
      'Say or type your code at the door.',
    ].join('\n'),
  }
}
