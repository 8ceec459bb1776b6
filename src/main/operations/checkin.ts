// The door: one typed code or scanned ticket in, exactly one answer out. Every
// attempt is logged; the ticket's state changes only through guarded UPDATEs,
// so when two stations admit the same code at once the database lets one win.
import { doorWords, NO_HOLDER } from '../../shared/door-words'
import { TicketiError } from '../../shared/errors'
import { stationLabel } from '../../shared/stations'
import { formatVenueTime, type VenueFormat } from '../../shared/venue-format'
import type { CheckInAnswer, CheckInResult, TicketStatus } from '../../shared/views'
import { prepared } from '../db/prepared'
import type { Handlers, OperationContext } from '../dispatcher'
import { guessWatch, type Outcome } from './guessing'
import { DOOR_TICKET_BY_ID_SQL, DOOR_TICKET_SQL } from './ticket-read-model'
import { venueFormat } from './venue'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface DoorTicket {
  id: number
  uuid: string
  event_id: number
  short_code: string | null
  status: TicketStatus
  inside: number
  checked_in_at: string | null
  checked_in_by: string | null
  ticket_type_name: string | null
  holder_name: string | null
  door_version: number
}

export interface DoorEvent {
  id: number
  name: string
  allow_reentry: number
}

export function findDoorEvent(ctx: OperationContext, eventId: number): DoorEvent {
  const ev = prepared(ctx.store.sqlite, 'SELECT id, name, allow_reentry FROM event WHERE id = ?').get(
    eventId,
  ) as DoorEvent | undefined
  if (!ev) throw new TicketiError('NOT_FOUND', `There is no event with id ${eventId}.`)
  return ev
}

export type Answer = Omit<CheckInAnswer, 'checkin_id'>

/** The answer, and the ticket it was about for the check-in log (which the answer may not name). */
export interface Answered {
  answer: Answer
  ticketId: number | null
}

function ticketPart(t: DoorTicket): Answer['ticket'] {
  return {
    id: t.id,
    uuid: t.uuid,
    short_code: t.short_code,
    ticket_type_name: t.ticket_type_name,
    holder_name: t.holder_name,
    status: t.status,
  }
}

/** A welcome or a goodbye: the only answer that shows who the ticket is for. */
function admitted(direction: 'in' | 'out', message: string, t: DoorTicket): Answered {
  return { answer: { result: 'OK', direction, message, ticket: ticketPart(t) }, ticketId: t.id }
}

/**
 * Any other answer names no guest and carries no uuid: a guesser who hits a real code learns
 * only that it exists, and the door needs no more to refuse or to send the guest on.
 */
export function refused(
  result: Exclude<CheckInResult, 'OK'>,
  direction: 'in' | 'out',
  message: string,
  t: DoorTicket | null,
  extra: Partial<Answer> = {},
): Answered {
  return { answer: { result, direction, message, ticket: null, ...extra }, ticketId: t?.id ?? null }
}

/** The first admission, on the venue's clock (Settings); formatters are cached, so this stays cheap. */
function duplicate(t: DoorTicket, venue: VenueFormat): Answered {
  const at = t.checked_in_at ?? ''
  // The door reads who let the guest in: "Admin", not the admin token the host recorded.
  const station = t.checked_in_by ? stationLabel(t.checked_in_by) : 'unknown station'
  return refused('DUPLICATE', 'in', doorWords.duplicate(formatVenueTime(at, venue), station), t, {
    first_checked_in_at: at,
    first_station: station,
  })
}

// Built once: the statement cache is keyed by the text, which a template built on every
// check-in would make it read through (and hash) every time.
const TICKET_BY_UUID_SQL = `${DOOR_TICKET_SQL} WHERE t.uuid = +?`
const TICKET_BY_CODE_SQL = `${DOOR_TICKET_SQL} WHERE t.event_id = +? AND t.short_code = +?`
// The same short code in another running event: the guest is most likely at the wrong door.
// Looked up event by event (a venue runs a few at once) in each event's own code index.
const TICKET_ELSEWHERE_SQL = `${DOOR_TICKET_SQL} WHERE t.id = (
  SELECT other.id FROM event e CROSS JOIN ticket other ON other.event_id = e.id AND other.short_code = +?
   WHERE e.id != +? AND e.status = 'active' AND other.status != 'available'
   ORDER BY abs(julianday(e.starts_at) - julianday(+?)) LIMIT 1)`

export function findTicket(ctx: OperationContext, ev: DoorEvent, code: string): DoorTicket | undefined {
  const { sqlite } = ctx.store
  if (UUID.test(code)) {
    return prepared(sqlite, TICKET_BY_UUID_SQL).get(code.toLowerCase()) as DoorTicket | undefined
  }
  const own = prepared(sqlite, TICKET_BY_CODE_SQL).get(ev.id, code)
  if (own) return own as DoorTicket
  return prepared(sqlite, TICKET_ELSEWHERE_SQL).get(code, ev.id, ctx.now) as DoorTicket | undefined
}

/** `at` is when the guest came in: now, or when a door that was offline let them in. */
function admit(ctx: OperationContext, ev: DoorEvent, t: DoorTicket, at: string): Answered {
  const { sqlite } = ctx.store
  const holder = t.holder_name ?? NO_HOLDER
  /** A guarded UPDATE found the ticket changed since it was read. */
  let raced = false
  if (t.status === 'assigned') {
    const won = prepared(
      sqlite,
      `UPDATE ticket SET status = 'checked_in', checked_in_at = ?, checked_in_by = ?, inside = 1
        WHERE id = ? AND status = 'assigned'`,
    ).run(at, ctx.who.station, t.id).changes
    if (won === 1) {
      ctx.audit({ action: 'check_in', entity: 'ticket', entity_id: t.id, before: { status: t.status } })
      return admitted('in', doorWords.welcome(holder), { ...t, status: 'checked_in' })
    }
    raced = true
  } else if (t.status === 'checked_in' && ev.allow_reentry && !t.inside) {
    const won = prepared(
      sqlite,
      `UPDATE ticket SET inside = 1 WHERE id = ? AND status = 'checked_in' AND inside = 0`,
    ).run(t.id).changes
    if (won === 1) {
      ctx.audit({ action: 're_entry', entity: 'ticket', entity_id: t.id })
      return admitted('in', doorWords.welcomeBack(holder), t)
    }
    raced = true
  }
  // The guest is in already: the first admission, as read, or as it stands after the race.
  const now = raced ? (prepared(sqlite, DOOR_TICKET_BY_ID_SQL).get(t.id) as DoorTicket) : t
  return duplicate(now, venueFormat(sqlite))
}

function letOut(ctx: OperationContext, ev: DoorEvent, t: DoorTicket): Answered {
  if (!ev.allow_reentry) {
    return refused('REENTRY_DISABLED', 'out', doorWords.noReentry(ev.name), t)
  }
  const won = prepared(
    ctx.store.sqlite,
    `UPDATE ticket SET inside = 0 WHERE id = ? AND status = 'checked_in' AND inside = 1`,
  ).run(t.id).changes
  if (won !== 1) return refused('NOT_INSIDE', 'out', doorWords.notInside, t)
  ctx.audit({ action: 'exit', entity: 'ticket', entity_id: t.id })
  return admitted('out', doorWords.goodbye(t.holder_name ?? NO_HOLDER), t)
}

/** The host's own answer to a code, admitting or letting out the guest when it may. */
export function answerFor(
  ctx: OperationContext,
  ev: DoorEvent,
  code: string,
  direction: 'in' | 'out',
  at = ctx.now,
): Answered {
  const t = findTicket(ctx, ev, code)
  if (!t) return refused('UNKNOWN', direction, doorWords.unknown(code, ev.name), null)
  if (t.event_id !== ev.id) {
    const other = prepared(ctx.store.sqlite, 'SELECT id, name, starts_at FROM event WHERE id = ?').get(
      t.event_id,
    ) as { id: number; name: string; starts_at: string }
    return refused('WRONG_EVENT', direction, doorWords.wrongEvent(other.name), t, { other_event: other })
  }
  if (t.status === 'void') return refused('VOID', direction, doorWords.voided, t)
  if (t.status === 'available') return refused('NOT_ASSIGNED', direction, doorWords.neverSold, t)
  return direction === 'in' ? admit(ctx, ev, t, at) : letOut(ctx, ev, t)
}

export function outcomeOf(answer: Answer): Outcome {
  if (answer.result === 'UNKNOWN' || answer.result === 'WRONG_EVENT') return 'miss'
  return answer.result === 'OK' && answer.direction === 'in' ? 'admitted' : 'other'
}

/** A typed code, paced by the station's and the event's misses; a scanned uuid is never held up. */
function pacedAnswer(ctx: OperationContext, ev: DoorEvent, code: string, direction: 'in' | 'out'): Answered {
  if (UUID.test(code)) return answerFor(ctx, ev, code, direction)
  const now = Date.parse(ctx.now)
  const watch = guessWatch(ctx.store, now)
  const waitMs = watch.retryAfterMs(ctx.who.station, now)
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000)
    return refused(
      'THROTTLED',
      direction,
      `Too many unknown codes from this station: wait ${seconds} s.`,
      null,
      {
        retry_after_s: seconds,
      },
    )
  }
  const answered = answerFor(ctx, ev, code, direction)
  watch.record(ctx.who.station, ev.id, outcomeOf(answered.answer), now)
  return answered
}

interface EarlierCheckIn {
  id: number
  event_id: number
  code_typed: string
  direction: string
  result: CheckInResult
  conflict: number
  answer: string
}

/**
 * The check-in already logged under this nonce (online or uploaded), so a retry counts once;
 * a nonce sent again for another code, event or direction is refused.
 */
export function earlierCheckIn(
  ctx: OperationContext,
  nonce: string,
  attempt: { event_id: number; code: string; direction: string },
  path = 'nonce',
): EarlierCheckIn | undefined {
  const earlier = prepared(
    ctx.store.sqlite,
    'SELECT id, event_id, code_typed, direction, result, conflict, answer FROM checkin WHERE nonce = ?',
  ).get(nonce) as EarlierCheckIn | undefined
  if (
    earlier &&
    (earlier.event_id !== attempt.event_id ||
      earlier.code_typed !== attempt.code ||
      earlier.direction !== attempt.direction)
  ) {
    const message = 'already used for a different check-in'
    throw new TicketiError('VALIDATION', `${path}: ${message}`, [{ path, message }])
  }
  return earlier
}

/** One attempt for the check-in log, as the door made it. */
export interface Attempt {
  event_id: number
  code: string
  direction: 'in' | 'out'
  nonce: string | null
  /** When the door scanned it; the host's clock for an online check-in. */
  scanned_at: string
  offline: boolean
  conflict: boolean
}

/** Logs one attempt and tells the stations' live screens of it; returns its check-in id. */
export function logCheckIn(ctx: OperationContext, attempt: Attempt, { answer, ticketId }: Answered): number {
  const { lastInsertRowid } = prepared(
    ctx.store.sqlite,
    `INSERT INTO checkin (event_id, ticket_id, code_typed, result, direction, station, operator, at,
                          scanned_at, uploaded_at, offline, conflict, nonce, answer)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    attempt.event_id,
    ticketId,
    attempt.code,
    answer.result,
    attempt.direction,
    ctx.who.station,
    ctx.who.operator,
    ctx.now,
    attempt.scanned_at,
    ctx.now,
    attempt.offline ? 1 : 0,
    attempt.conflict ? 1 : 0,
    attempt.nonce,
    JSON.stringify(answer),
  )
  const checkinId = Number(lastInsertRowid)
  const scanned = UUID.test(attempt.code)
  // Every logged attempt is shown live, but never a scanned uuid: it is the QR code's secret.
  ctx.changed({
    kind: 'live',
    type: 'checkin',
    event_id: attempt.event_id,
    data: {
      checkin_id: checkinId,
      code: scanned ? (answer.ticket?.short_code ?? null) : attempt.code,
      scanned,
      result: answer.result,
      direction: attempt.direction,
      ticket_id: answer.ticket?.id ?? null,
      station: ctx.who.station,
      at: ctx.now,
      scanned_at: attempt.scanned_at,
      offline: attempt.offline,
      conflict: attempt.conflict,
    },
  })
  return checkinId
}

export const checkInOperations: Pick<Handlers, 'checkIn' | 'undoCheckIn'> = {
  checkIn({ event_id, code, nonce, direction }, ctx) {
    if (nonce !== undefined) {
      const earlier = earlierCheckIn(ctx, nonce, { event_id, code, direction })
      if (earlier) return { ...(JSON.parse(earlier.answer) as Answer), checkin_id: earlier.id }
    }
    const ev = findDoorEvent(ctx, event_id)
    const answered = pacedAnswer(ctx, ev, code, direction)
    // Only an OK answer moved a ticket (in or out); every other answer left it as it was.
    if (answered.answer.result === 'OK') ctx.changed({ kind: 'tickets', event_id })
    const attempt = {
      event_id,
      code,
      direction,
      nonce: nonce ?? null,
      scanned_at: ctx.now,
      offline: false,
      conflict: false,
    }
    return { ...answered.answer, checkin_id: logCheckIn(ctx, attempt, answered) }
  },

  undoCheckIn({ ticket_id, reason, nonce }, { store: { sqlite }, who, now, audit, changed }) {
    if (nonce !== undefined) {
      const earlier = prepared(sqlite, 'SELECT ticket_id FROM checkin_undo WHERE nonce = ?').get(nonce) as
        { ticket_id: number } | undefined
      if (earlier && earlier.ticket_id !== ticket_id) {
        const message = 'already used for undoing another ticket'
        throw new TicketiError('VALIDATION', `nonce: ${message}`, [{ path: 'nonce', message }])
      }
      // Undone already: the same answer again, and the ticket is left as it is now.
      if (earlier) return { ticket_id, status: 'assigned' }
    }
    const before = prepared(
      sqlite,
      'SELECT status, inside, checked_in_at, checked_in_by FROM ticket WHERE id = ?',
    ).get(ticket_id) as { status: TicketStatus } | undefined
    if (!before) throw new TicketiError('NOT_FOUND', `There is no ticket with id ${ticket_id}.`)
    const undone = prepared(
      sqlite,
      `UPDATE ticket SET status = 'assigned', checked_in_at = NULL, checked_in_by = NULL, inside = 0
        WHERE id = ? AND status = 'checked_in' RETURNING event_id`,
    ).get(ticket_id) as { event_id: number } | undefined
    if (!undone) {
      throw new TicketiError(
        'CONFLICT',
        `Ticket ${ticket_id} is ${before.status}, not checked in; nothing to undo.`,
      )
    }
    prepared(
      sqlite,
      `INSERT INTO checkin_undo (ticket_id, reason, station, operator, at, nonce) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(ticket_id, reason, who.station, who.operator, now, nonce ?? null)
    changed({ kind: 'tickets', event_id: undone.event_id })
    changed({ kind: 'live', type: 'undo', event_id: undone.event_id, data: { ticket_id, reason } })
    audit({ action: 'undo_check_in', entity: 'ticket', entity_id: ticket_id, before, after: { reason } })
    return { ticket_id, status: 'assigned' }
  },
}
