// The door's IndexedDB: its copy of one event's list (tickets + meta) and the
// queue of check-ins and undos made while the host could not be reached. The
// queue outlives a reload, a restart and a sign-out; the copy does not.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { CopyEvent, CopyTicket, UploadEntry } from './doorList'

export interface CopyMeta {
  station: string
  event: CopyEvent
  /** The host's door version this copy has caught up to. */
  version: number
  /** When the copy last matched the host (ISO), shown as "list from 21:04". */
  synced_at: string
}

/** One thing this door did alone, waiting to reach the host, in scan order (`seq`). */
export type QueuedEntry = {
  seq?: number
  station: string
  event_id: number
  nonce: string
  scanned_at: string
  /** The ticket the door's copy matched, so fresher lists do not undo what the door did. */
  ticket_id: number | null
} & (
  | { kind: 'checkin'; code: string; direction: 'in' | 'out'; offline_result: UploadEntry['offline_result'] }
  | { kind: 'undo'; ticket_id: number; reason: string }
)

interface DoorSchema extends DBSchema {
  tickets: { key: number; value: CopyTicket }
  meta: { key: 'copy'; value: CopyMeta }
  queue: { key: number; value: QueuedEntry; indexes: { station: string } }
}

export type DoorDb = IDBPDatabase<DoorSchema>

export function openDoorDb(name = 'ticketi-door'): Promise<DoorDb> {
  return openDB<DoorSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('tickets', { keyPath: 'id' })
      db.createObjectStore('meta')
      db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true }).createIndex('station', 'station')
    },
  })
}

let shared: Promise<DoorDb> | null = null

/** This page's one connection; null where the browser has no IndexedDB (the door then needs the host). */
export function doorDb(): Promise<DoorDb> | null {
  if (typeof indexedDB === 'undefined') return null
  shared ??= openDoorDb()
  return shared
}
