// The door list (SPEC §5.2): what a door needs to answer on its own while it
// cannot reach the host. Every change to a ticket a door must hear of appends a
// row to door_change, whose rowid is the ticket's new door version (triggers,
// drizzle/0016); a door holds the version it has and asks for what changed
// after it, page by page.
import { createHash } from 'node:crypto'
import { stationLabel } from '../../shared/stations'
import type { DoorListTicket } from '../../shared/views'
import { prepared } from '../db/prepared'
import type { Handlers } from '../dispatcher'
import type { DoorTicket } from './checkin'
import { DOOR_TICKET_SQL } from './ticket-read-model'
import { findEvent } from './events'

export const DOOR_LIST_PAGE = 5000

// The log of door changes (door_change, kept by triggers) in version order, each ticket at its
// latest change only. A full list (since = 0) leaves out the tickets without a code: nobody can
// show one at the door.
const PAGE_SQL = `${DOOR_TICKET_SQL}
  JOIN door_change dc ON dc.ticket_id = t.id AND dc.version = t.door_version
  WHERE dc.event_id = +? AND dc.version > +? AND (+? > 0 OR t.short_code IS NOT NULL)
  ORDER BY dc.version LIMIT +?`

/** The hash a door matches a scanned QR code by: the uuid itself never leaves the host. */
export function uuidHash(uuid: string): string {
  return createHash('sha256').update(uuid.toLowerCase()).digest('hex')
}

function doorListTicket(t: DoorTicket): DoorListTicket {
  // A ticket without a code is one the door must drop, whatever became of it.
  const coded = t.short_code !== null
  return {
    id: t.id,
    short_code: t.short_code,
    uuid_hash: uuidHash(t.uuid),
    status: coded ? t.status : 'available',
    inside: t.inside === 1,
    holder_name: t.holder_name,
    ticket_type_name: t.ticket_type_name,
    checked_in_at: t.checked_in_at,
    checked_in_by: t.checked_in_by === null ? null : stationLabel(t.checked_in_by),
  }
}

export const doorListOperations: Pick<Handlers, 'doorList'> = {
  doorList({ event_id, since }, { store: { db, sqlite } }) {
    const ev = findEvent(db, event_id)
    const rows = prepared(sqlite, PAGE_SQL).all(event_id, since, since, DOOR_LIST_PAGE + 1) as DoorTicket[]
    const page = rows.slice(0, DOOR_LIST_PAGE)
    const last = page.at(-1)
    const highest = prepared(sqlite, 'SELECT coalesce(max(version), 0) FROM door_change')
      .pluck()
      .get() as number
    return {
      event: { id: ev.id, name: ev.name, allow_reentry: ev.allowReentry, code_length: ev.codeLength },
      version: last ? last.door_version : Math.max(since, highest),
      complete: rows.length <= DOOR_LIST_PAGE,
      tickets: page.map(doorListTicket),
    }
  },
}
