// The door's host over this page's client: HTTP in a browser, IPC in the desktop
// app (whose main process forwards to the host in station mode).
import type { Client } from '../../api/client'
import type { DoorHost } from './hostDoor'

export function clientDoorHost(client: Client): DoorHost {
  return {
    checkIn: (input) => client.call('checkIn', input),
    undo: (input) => client.call('undoCheckIn', input),
    doorList: (eventId, since) => client.call('doorList', { event_id: eventId, since }),
    upload: (checkins) => client.call('uploadCheckIns', { checkins }),
  }
}
