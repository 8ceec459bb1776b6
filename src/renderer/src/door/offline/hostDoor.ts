// What the door asks of the host, above the transport: the same for a browser
// (HTTP) and the desktop app in station mode (IPC through its main process).
import { TicketiError } from '../../../../shared/errors'
import type { CheckInAnswer, UndoResult } from '../../../../shared/views'
import type { DoorListPage, UploadAnswer, UploadEntry } from './doorList'

export interface DoorHost {
  checkIn(input: {
    event_id: number
    code: string
    nonce: string
    direction: 'in' | 'out'
  }): Promise<CheckInAnswer>
  undo(input: { ticket_id: number; reason: string; nonce: string }): Promise<UndoResult>
  doorList(eventId: number, since: number): Promise<DoorListPage>
  upload(checkins: UploadEntry[]): Promise<UploadAnswer>
}

export class NoAnswer extends Error {
  constructor() {
    super('The host did not answer in time.')
  }
}

/** The host did not answer at all (as opposed to answering no). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof NoAnswer || (error instanceof TicketiError && error.code === 'OFFLINE')
}

/** The promise, or NoAnswer after `ms`: a door never waits longer for the host. */
export function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer()), ms)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}
