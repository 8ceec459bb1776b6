// A sample night for someone trying Ticketi: an event on now, with ticket types,
// sales over the last ten days, emails queued and guests arriving at the door.
// Made through the same operations as a real night (each at its own moment on
// the clock), so every count, report and chart agrees with the data.
import type { Principal } from '../shared/principal'
import type { AssignResult, EventView, PaymentMethod, TicketTypeView } from '../shared/views'
import { invoke, type Dispatch } from './dispatcher'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

const GUESTS = [
  'Ada Lovelace',
  'Miles Davis',
  'Nina Simone',
  'Chet Baker',
  'Ella Fitzgerald',
  'Bill Evans',
  'Sarah Vaughan',
  'Dexter Gordon',
  'Billie Holiday',
  'Art Blakey',
  'Carla Bley',
  'Ornette Coleman',
  'Dinah Washington',
  'Wayne Shorter',
  'Alice Coltrane',
  'Charles Mingus',
  'Betty Carter',
  'Herbie Hancock',
  'Abbey Lincoln',
  'Max Roach',
  'Mary Lou Williams',
  'Sonny Rollins',
  'Anita O’Day',
  'Thelonious Monk',
  'Esperanza Spalding',
  'Ahmad Jamal',
  'Cassandra Wilson',
  'Lester Young',
  'Shirley Horn',
  'Stan Getz',
]
const PAYMENTS: PaymentMethod[] = ['card', 'card', 'cash', 'card', 'cash', 'comp']

/** A small generator of its own, so every sample night looks alike and tests can count on it. */
function sequence(seed: number) {
  let state = seed
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state % below
  }
}

export interface SampleNightParts {
  /** Runs one operation at the moment `at` (milliseconds since the epoch). */
  dispatchAt(at: number): Dispatch
  now: () => number
}

export function createSampleNight({ dispatchAt, now }: SampleNightParts, who: Principal): EventView {
  const pick = sequence(7)
  const started = Math.floor(now() / (15 * MINUTE)) * 15 * MINUTE - 90 * MINUTE
  const startsAt = new Date(started).toISOString()
  const call = <N extends Parameters<typeof invoke>[1]>(
    at: number,
    name: N,
    input: Parameters<typeof invoke<N>>[2],
    as: Principal = who,
  ) => invoke(dispatchAt(at), name, input, as)

  const setUp = started - 12 * DAY
  const event = call(setUp, 'createEvent', {
    name: 'Sample night: Blue Room Jazz',
    venue: 'The Blue Room',
    starts_at: startsAt,
    ends_at: new Date(started + 5 * 60 * MINUTE).toISOString(),
    capacity: 240,
    allow_reentry: true,
  })
  const types: TicketTypeView[] = [
    call(setUp, 'addTicketType', { event_id: event.id, name: 'Standard', price_cents: 2500, capacity: 150 }),
    call(setUp, 'addTicketType', { event_id: event.id, name: 'Student', price_cents: 1500, capacity: 60 }),
    call(setUp, 'addTicketType', { event_id: event.id, name: 'Guest list', price_cents: 0, capacity: 30 }),
  ]
  for (const type of types) {
    call(setUp, 'seedInventory', { event_id: event.id, count: type.capacity!, ticket_type_id: type.id })
  }

  // Sales over the ten days before, more of them as the night comes near.
  const sold: AssignResult[] = []
  for (let n = 0; n < 60; n++) {
    const at = started - 10 * DAY + Math.floor(Math.sqrt((n + 1) / 60) * 10 * DAY) - pick(6 * 60) * MINUTE
    const name = GUESTS[n % GUESTS.length]!
    const type = types[n % 7 === 6 ? 2 : n % 3 === 2 ? 1 : 0]!
    const payment = type.price_cents === 0 ? 'comp' : PAYMENTS[pick(PAYMENTS.length)]!
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${n}@example.org`
    sold.push(
      call(at, 'assign', {
        event_id: event.id,
        // A few walk-ins at the door give no email at all.
        customer: n % 10 === 9 ? { name } : { name, email },
        ticket_type_id: type.id,
        quantity: 1 + pick(3),
        payment_method: payment,
      }),
    )
  }

  // The door: most guests in since half an hour before the start, a few out for air, one code shown twice.
  const door: Principal = { role: 'door', station: 'Front door', operator: 'Door' }
  const codes = sold.flatMap((sale) => sale.tickets.map((t) => t.short_code!))
  const arriving = codes.filter((_, i) => i % 5 !== 4)
  const opened = started - 30 * MINUTE
  const span = Math.max(MINUTE, now() - opened - MINUTE)
  arriving.forEach((code, i) => {
    const at = opened + Math.floor(span * Math.sqrt(i / arriving.length))
    call(at, 'checkIn', { event_id: event.id, code }, door)
    if (i % 9 === 0)
      call(
        at + 40 * MINUTE > now() ? at + MINUTE : at + 40 * MINUTE,
        'checkIn',
        { event_id: event.id, code, direction: 'out' },
        door,
      )
  })
  call(now() - 2 * MINUTE, 'checkIn', { event_id: event.id, code: arriving[1]! }, door)
  return call(now(), 'getEvent', { event_id: event.id })
}
