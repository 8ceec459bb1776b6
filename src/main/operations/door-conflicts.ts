// Door conflicts (SPEC §5.2): tickets let in more than once by doors that could
// not see each other. Every uploaded admission counts (the guest is inside); the
// ones the host could not count first are kept with conflict = 1 and listed here.
import type Database from 'better-sqlite3'
import { prepared } from '../db/prepared'

// Conflict rows are few, and the partial index checkin_conflict holds only them. A conflict on
// a code the host does not know has no ticket: each such code is a conflict of its own.
const COUNT_SQL = `
  SELECT count(DISTINCT coalesce(ticket_id, 'code ' || code_typed)) FROM checkin
   WHERE event_id = ? AND conflict = 1`

/** How many tickets of the event were let in more than once: the door counters show it. */
export function countDoorConflicts(sqlite: Database.Database, eventId: number): number {
  return prepared(sqlite, COUNT_SQL).pluck().get(eventId) as number
}
