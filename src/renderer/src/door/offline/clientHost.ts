// The door's host over this page's client: HTTP in a browser, IPC in the desktop
// app (whose main process forwards to the host in station mode).
import type { Client } from '../../api/client'
import type { DoorListPage, UploadAnswer } from './doorList'
import type { DoorHost } from './hostDoor'

/** Operations the contract gained for the door (door list, upload), called by name. */
type ByName = (name: string, input: unknown) => Promise<unknown>

export function clientDoorHost(client: Client): DoorHost {
  const call = client.call as unknown as ByName
  return {
    checkIn: (input) => client.call('checkIn', input),
    undo: (input) => call('undoCheckIn', input) as ReturnType<DoorHost['undo']>,
    doorList: async (eventId, since) =>
      (await call('doorList', { event_id: eventId, since })) as DoorListPage,
    upload: async (checkins) => (await call('uploadCheckIns', { checkins })) as UploadAnswer,
  }
}
