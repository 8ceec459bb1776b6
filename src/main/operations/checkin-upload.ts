// Check-ins a door made while it could not reach the host (SPEC §5.2), uploaded
// later in scan order, all in one transaction. They already happened, so they
// are never throttled, and an admission the door made counts: the guest is
// inside. When the host cannot count it first (the ticket was already in, or is
// void or unknown here), the row is kept as a door conflict for the organizer.
import { TicketiError } from '../../shared/errors'
import type { ParsedInputOf } from '../../shared/contract'
import type { UploadedCheckIn } from '../../shared/views'
import type { Handlers, OperationContext } from '../dispatcher'
import {
  answerFor,
  earlierCheckIn,
  findDoorEvent,
  findTicket,
  logCheckIn,
  outcomeOf,
  refused,
  UUID,
  type Answered,
  type DoorEvent,
} from './checkin'
import { guessWatch, type Outcome } from './guessing'

type Entry = ParsedInputOf<'uploadCheckIns'>['checkins'][number]

/** A door's clock may run a little ahead of the host's; further than this, it is wrong. */
const AHEAD_MS = 5 * 60_000

/** When the door scanned each entry, in UTC like every time in the database; refuses a door clock far ahead. */
function scanTimes(entries: Entry[], now: string): string[] {
  const latest = Date.parse(now) + AHEAD_MS
  const problems = entries.flatMap((entry, i) =>
    Date.parse(entry.scanned_at) > latest
      ? [
          {
            path: `checkins.${i}.scanned_at`,
            message: 'is more than 5 minutes ahead of the host’s clock: set the door’s clock right',
          },
        ]
      : [],
  )
  if (problems.length > 0) {
    throw new TicketiError('VALIDATION', `${problems[0]!.path}: ${problems[0]!.message}`, problems)
  }
  return entries.map((entry) => new Date(entry.scanned_at).toISOString())
}

/** The host's record of one entry, and whether it clashes with what the door did. */
function recorded(
  ctx: OperationContext,
  ev: DoorEvent,
  entry: Entry,
  scannedAt: string,
): { answered: Answered; conflict: boolean } {
  if (entry.offline_result === 'OK') {
    const answered = answerFor(ctx, ev, entry.code, entry.direction, scannedAt)
    return { answered, conflict: entry.direction === 'in' && answered.answer.result !== 'OK' }
  }
  // The door refused it: logged as the door answered, and the ticket is left as it is.
  const message = `Answered ${entry.offline_result} by a door that could not reach the host.`
  const ticket = findTicket(ctx, ev, entry.code) ?? null
  return { answered: refused(entry.offline_result, entry.direction, message, ticket), conflict: false }
}

export const checkInUploadOperations: Pick<Handlers, 'uploadCheckIns'> = {
  uploadCheckIns({ checkins }, ctx) {
    const scannedAt = scanTimes(checkins, ctx.now)
    // Taken before any row is logged: a watch built now replays the log, which must not hold them yet.
    const now = Date.parse(ctx.now)
    const watch = guessWatch(ctx.store, now)
    const events = new Map<number, DoorEvent>()
    const moved = new Set<number>()
    const guesses: Array<{ event_id: number; outcome: Outcome }> = []
    const results = checkins.map((entry, i): UploadedCheckIn => {
      const { event_id, code, nonce, direction } = entry
      // Sent before (the answer was lost, or the door went offline again): it counts once.
      const earlier = earlierCheckIn(ctx, nonce, entry, `checkins.${i}.nonce`)
      if (earlier) return { nonce, result: earlier.result, conflict: earlier.conflict === 1 }

      let ev = events.get(event_id)
      if (!ev) events.set(event_id, (ev = findDoorEvent(ctx, event_id)))
      const { answered, conflict } = recorded(ctx, ev, entry, scannedAt[i]!)
      const attempt = { event_id, code, direction, nonce, scanned_at: scannedAt[i]!, offline: true, conflict }
      logCheckIn(ctx, attempt, answered)
      // A conflict moves no ticket, but the door counters show how many there are.
      if (answered.answer.result === 'OK' || conflict) moved.add(event_id)
      if (!UUID.test(code)) guesses.push({ event_id, outcome: outcomeOf(answered.answer) })
      return { nonce, result: answered.answer.result, conflict }
    })
    for (const event_id of moved) ctx.changed({ kind: 'tickets', event_id })
    // Counted only once nothing in the upload was refused, so a refused upload leaves no trace.
    for (const { event_id, outcome } of guesses) watch.recordUploaded(ctx.who.station, event_id, outcome, now)
    return { results }
  },
}
