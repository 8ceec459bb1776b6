// What the host's door list and upload routes carry (SPEC §5.2), as the door
// keeps and sends it.
import type { InputOf } from '../../../../shared/contract'
import type { DoorList, DoorListTicket, UploadResult } from '../../../../shared/views'

export type CopyEvent = DoorList['event']
/** One ticket as the door needs it to answer alone: a hash of the uuid, never the uuid. */
export type CopyTicket = DoorListTicket
export type DoorListPage = DoorList
export type UploadEntry = InputOf<'uploadCheckIns'>['checkins'][number]
export type UploadAnswer = UploadResult

/**
 * Check-ins per upload request. The host takes up to 500 (MAX_UPLOAD), but each request is one
 * transaction that every other door waits for: 200 keep it well under the 50 ms bar (SPEC §6).
 */
export const UPLOAD_BATCH = 200
