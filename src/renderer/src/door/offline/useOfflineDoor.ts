// One OfflineDoor for the door page's event and station, fed by the live stream;
// and what the rest of the page (sign-out) needs to know about its queue.
import { useEffect, useState, useSyncExternalStore } from 'react'
import { create } from 'zustand'
import { client } from '../../api'
import { onLiveChanges } from '../../live/changes'
import { currentVenueFormat } from '../../venue/format'
import { clientDoorHost } from './clientHost'
import { clearCopy } from './doorCopy'
import { doorDb } from './doorDb'
import { OfflineDoor, type DoorState } from './offlineDoor'

/** Check-ins made at this door that the host has not got yet: sign-out says how many. */
export const useDoorQueue = create<{ waiting: number; door: OfflineDoor | null }>(() => ({
  waiting: 0,
  door: null,
}))

const NO_DOOR: DoorState = {
  online: true,
  ready: false,
  listFrom: null,
  waiting: 0,
  sending: false,
  problem: null,
  conflicts: 0,
}

export function useOfflineDoor(station: string, eventId: number, newNonce: () => string) {
  const [door, setDoor] = useState<OfflineDoor | null>(null)
  useEffect(() => {
    const db = doorDb()
    if (!db || station === '') return
    let live = true
    let made: OfflineDoor | null = null
    let stopListening = () => {}
    void db.then(async (opened) => {
      if (!live) return
      made = new OfflineDoor({
        host: clientDoorHost(client),
        db: opened,
        station,
        eventId,
        venue: currentVenueFormat,
        newNonce,
      })
      setDoor(made)
      useDoorQueue.setState({ door: made })
      const follow = () => useDoorQueue.setState({ waiting: made!.getState().waiting })
      const unsubscribe = made.subscribe(follow)
      const unlisten = onLiveChanges((changes) => {
        if (changes.some((change) => change.event_id === eventId)) made?.changed()
      })
      stopListening = () => {
        unsubscribe()
        unlisten()
      }
      await made.start()
    })
    return () => {
      live = false
      stopListening()
      made?.stop()
      if (useDoorQueue.getState().door === made) useDoorQueue.setState({ door: null })
      setDoor(null)
    }
  }, [station, eventId, newNonce])
  const state = useSyncExternalStore(door?.subscribe ?? noSubscribe, door?.getState ?? (() => NO_DOOR))
  return { door, state }
}

const noSubscribe = () => () => {}

/** Signing out or a revoked station: this browser keeps no guest list, only the queue. */
export async function forgetDoorCopy(): Promise<void> {
  useDoorQueue.getState().door?.stop()
  const db = doorDb()
  if (db) await clearCopy(await db).catch(() => {})
}

/** Before signing out: what waits goes to the host if it answers within a few seconds. */
export async function sendDoorQueue(): Promise<void> {
  const door = useDoorQueue.getState().door
  if (door && door.getState().waiting > 0) await door.sendNow(3000)
}
