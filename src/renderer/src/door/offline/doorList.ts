// What the host's door list and upload routes carry (SPEC §5.2), as the door
// keeps and sends it.
import type { CheckInResult, TicketStatus } from '../../../../shared/views'

export interface CopyEvent {
  id: number
  name: string
  allow_reentry: boolean
  code_length: number
}

/** One ticket as the door needs it to answer alone: a hash of the uuid, never the uuid. */
export interface CopyTicket {
  id: number
  short_code: string | null
  uuid_hash: string
  status: TicketStatus
  inside: boolean
  holder_name: string | null
  ticket_type_name: string | null
  checked_in_at: string | null
  checked_in_by: string | null
}

export interface DoorListPage {
  event: CopyEvent
  version: number
  complete: boolean
  tickets: CopyTicket[]
}

export interface UploadEntry {
  event_id: number
  code: string
  nonce: string
  scanned_at: string
  direction: 'in' | 'out'
  offline_result: CheckInResult
}

export interface UploadAnswer {
  results: { nonce: string; result: CheckInResult; conflict: boolean }[]
}

/** At most this many check-ins go in one upload request. */
export const UPLOAD_BATCH = 500
