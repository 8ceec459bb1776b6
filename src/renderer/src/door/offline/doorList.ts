// What the host's door list and upload routes carry (SPEC §5.2), as the door
// keeps and sends it.
import { MAX_UPLOAD, type InputOf } from '../../../../shared/contract'
import type { DoorList, DoorListTicket, UploadResult } from '../../../../shared/views'

export type CopyEvent = DoorList['event']
/** One ticket as the door needs it to answer alone: a hash of the uuid, never the uuid. */
export type CopyTicket = DoorListTicket
export type DoorListPage = DoorList
export type UploadEntry = InputOf<'uploadCheckIns'>['checkins'][number]
export type UploadAnswer = UploadResult

/**
 * Check-ins per upload request: as many as the host takes (MAX_UPLOAD), since each request waits
 * for its own trip and disk sync. Each is one transaction every other door waits for, and 500
 * take about 25 ms of the host (BENCHMARKS.md), inside the 50 ms bar (SPEC §6).
 */
export const UPLOAD_BATCH = MAX_UPLOAD
