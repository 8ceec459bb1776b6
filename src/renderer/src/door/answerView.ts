// What the door says for each answer, in words a volunteer reads from a metre
// away in one glance: a verdict, the guest, and the one fact that matters.
import { stationLabel } from '../../../shared/stations'
import { formatVenueDay, formatVenueTime, sameVenueDay } from '../../../shared/venue-format'
import type { CheckInAnswer } from '../../../shared/views'
import { currentVenueFormat } from '../venue/format'

export type AnswerTone = 'good' | 'exit' | 'warn' | 'bad'

export interface AnswerView {
  tone: AnswerTone
  /** One or two words: what to do with the guest. */
  verdict: string
  /** The guest's name, or what went wrong. */
  headline: string
  /** Ticket type, or the fact behind the verdict (when they came in, which event). */
  detail: string | null
  /** On a refusal: what the volunteer does next, in a few words. */
  instruction: string | null
}

const NBSP = '\u00a0'
/** "20:14", or "Sat 12 Dec 20:14" when it was not today: the venue's clock and calendar. */
export function whenShort(iso: string, now = new Date(), venue = currentVenueFormat()): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const time = formatVenueTime(iso, venue)
  const text = sameVenueDay(at, now, venue) ? time : `${formatVenueDay(iso, venue)} ${time}`
  // "8:25 AM" must not break across two lines of a big headline.
  return text.replace(/\s/g, NBSP)
}

/**
 * Only an OK names the guest: the host tells a refusal without the ticket (a guesser could
 * have typed it), so a refusal says what happened to the code and what to do next.
 */
export function answerView(answer: CheckInAnswer, now = new Date()): AnswerView {
  const holder = answer.ticket?.holder_name ?? 'Guest'
  const type = answer.ticket?.ticket_type_name ?? null
  switch (answer.result) {
    case 'OK':
      return answer.direction === 'out'
        ? {
            tone: 'exit',
            verdict: 'Goodbye',
            headline: holder,
            detail: 'Exit recorded: may come back in',
            instruction: null,
          }
        : { tone: 'good', verdict: 'OK · Let in', headline: holder, detail: type, instruction: null }
    case 'DUPLICATE': {
      const since = answer.first_checked_in_at ? whenShort(answer.first_checked_in_at, now) : '?'
      const where = answer.first_station ? ` at${NBSP}${stationLabel(answer.first_station)}` : ''
      return {
        tone: 'warn',
        verdict: 'Duplicate',
        headline: `Already in since ${since}${where}`,
        detail: 'This code was let in before',
        instruction: 'Already in: check with a supervisor',
      }
    }
    case 'UNKNOWN':
      return {
        tone: 'bad',
        verdict: 'Unknown code',
        headline: answer.message,
        detail: null,
        instruction: 'Do not let in',
      }
    case 'WRONG_EVENT': {
      const other = answer.other_event
      return {
        tone: 'bad',
        verdict: 'Wrong event',
        headline: other ? `Ticket for ${other.name}` : answer.message,
        detail: other ? `Starts ${whenShort(other.starts_at, now)}` : null,
        instruction: other ? `Send to ${other.name}` : 'Do not let in',
      }
    }
    case 'VOID':
      return {
        tone: 'bad',
        verdict: 'Void',
        headline: 'This ticket was voided',
        detail: 'Refunded, transferred or cancelled',
        instruction: 'Do not let in',
      }
    case 'NOT_ASSIGNED':
      return {
        tone: 'bad',
        verdict: 'Not sold',
        headline: 'This ticket was never sold',
        detail: null,
        instruction: 'Do not let in: send to the box office',
      }
    case 'THROTTLED':
      return {
        tone: 'bad',
        verdict: 'Slow down',
        headline: `Too many unknown codes: wait ${answer.retry_after_s ?? 60} s`,
        detail: 'This code was not checked: type it again then',
        instruction: 'Ask the guest to show the email with the code',
      }
    case 'NOT_INSIDE':
      return {
        tone: 'warn',
        verdict: 'Not inside',
        headline: 'This ticket is not inside right now',
        detail: 'No exit to record',
        instruction: 'Check with a supervisor',
      }
    case 'REENTRY_DISABLED':
      return {
        tone: 'bad',
        verdict: 'No re-entry',
        headline: answer.message,
        detail: null,
        instruction: 'Once out, the guest cannot come back in',
      }
  }
}
