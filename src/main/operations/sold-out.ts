// Why a sale cannot have the tickets it asks for, and what the seller can do
// about it: sell fewer, choose another type, or have an admin seed more where
// the type's and the event's capacity still allow.
import { TicketiError } from '../../shared/errors'
import { prepared } from '../db/prepared'
import type { Store } from '../db/open'

interface Shortage {
  event: { id: number; name: string; capacity: number }
  type: { id: number; name: string; capacity: number | null } | null
  asked: number
  left: number
}

/** What stops more tickets being seeded, or how many more may be: the type's cap, else the event's. */
function seedingLimit(sqlite: Store['sqlite'], { event, type }: Shortage): { room: number; full: string } {
  const seeded = (sql: string, id: number) => prepared(sqlite, sql).pluck().get(id) as number
  const eventRoom = event.capacity - seeded('SELECT count(*) FROM ticket WHERE event_id = ?', event.id)
  const typeRoom =
    type && type.capacity !== null
      ? type.capacity - seeded('SELECT count(*) FROM ticket WHERE ticket_type_id = ?', type.id)
      : Infinity
  if (type && type.capacity !== null && typeRoom <= 0) {
    return { room: 0, full: `“${type.name}” is capped at ${type.capacity} tickets` }
  }
  return {
    room: Math.max(0, Math.min(eventRoom, typeRoom)),
    full: `the event’s capacity of ${event.capacity} is reached`,
  }
}

export function soldOut(sqlite: Store['sqlite'], shortage: Shortage): TicketiError {
  const { event, type, asked, left } = shortage
  const { room, full } = seedingLimit(sqlite, shortage)
  const what = type ? `“${type.name}” tickets` : 'tickets'
  const state =
    left === 0
      ? `${type ? `“${type.name}”` : event.name} is sold out${type ? ` for ${event.name}` : ''}`
      : `Only ${left} ${what} ${left === 1 ? 'is' : 'are'} left for ${event.name}; ${asked} were asked for`
  const options = [
    left > 0 && `sell ${left} or fewer`,
    room > 0 && `ask an admin to seed up to ${room} more on the Events page`,
    room === 0 && type && 'choose another ticket type',
  ].filter(Boolean)
  const why = room === 0 ? ` (${full}).` : '.'
  const message = options.length ? `${state}. ${capitalize(options.join(', or '))}${why}` : `${state}${why}`
  return new TicketiError('SOLD_OUT', message, { available: left, can_seed: room })
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
