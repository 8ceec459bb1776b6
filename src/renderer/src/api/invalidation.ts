// What each change touches in the query cache: a write made on this page (by
// operation name), or a change the host pushed (by live event name).
import type { OperationName } from '../../../shared/contract'
import type { LiveChange } from '../../../shared/live'
import type { QueryMatch } from './queryCache'

/** Everything that shows an event's tickets, counts or sales. */
const EVENT_DATA: readonly OperationName[] = [
  'listEvents',
  'getEvent',
  'listTickets',
  'reconciliation',
  'doorCounts',
  'doorConflicts',
  'listEmails',
  'getSale',
  'cashUp',
  'timeline',
]
const DOOR_DATA: readonly OperationName[] = [
  'listEvents',
  'getEvent',
  'listTickets',
  'reconciliation',
  'doorConflicts',
  'timeline',
]

/** Writes that touch something else than the events; any other write touches EVENT_DATA. */
const WRITES: Partial<Record<OperationName, readonly OperationName[]>> = {
  createStation: ['listStations'],
  revokeStation: ['listStations'],
  renameStation: ['listStations'],
  createPairing: ['listStations'],
  setOperatorPin: ['listOperators'],
  updateMailSettings: ['getMailSettings', 'listEmails'],
  updateVenueSettings: ['getVenueSettings'],
  sendTestEmail: [],
  createBackup: ['listBackups', 'health'],
  restoreBackup: ['listBackups'],
  cancelRestore: ['listBackups'],
  // Exports only read, in steps outside a transaction.
  exportReport: [],
  exportProgress: [],
}

const among = (names: readonly OperationName[]) => (name: OperationName) => names.includes(name)

/** A write made here: what it touched, in any event. */
export function touchedByWrite(write: OperationName): QueryMatch {
  const names = among(WRITES[write] ?? EVENT_DATA)
  return (name) => names(name)
}

function ofEvent(input: unknown, eventId: number): boolean {
  const asked = (input as { event_id?: unknown } | null)?.event_id
  // A list of every event (listEvents) shows this one too.
  return asked === undefined || asked === eventId
}

/** A change pushed by the host; null when nothing on screen shows it (a refused check-in). */
export function touchedByChange(change: LiveChange): QueryMatch | null {
  let names: (name: OperationName) => boolean
  switch (change.type) {
    case 'counts':
      // Put into the cache as it came (see live/changes.ts); nothing to load again.
      return null
    case 'checkin':
      // A refusal moved nothing, unless it is an admission a door made offline: a door conflict.
      if (change.data.result !== 'OK' && change.data.conflict !== true) return null
      names = among(DOOR_DATA)
      break
    case 'undo':
      names = among(DOOR_DATA)
      break
    default:
      names = among(EVENT_DATA)
  }
  return (name, input) => names(name) && ofEvent(input, change.event_id)
}
