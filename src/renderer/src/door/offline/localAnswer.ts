// The door's answer from its own copy of the list, by the host's rules (re-entry
// included) and in the host's words. It also says how the ticket looks after it,
// so a second scan of the same code, still offline, says DUPLICATE.
import { doorWords, NO_HOLDER } from '../../../../shared/door-words'
import { stationLabel } from '../../../../shared/stations'
import { formatVenueTime, type VenueFormat } from '../../../../shared/venue-format'
import type { CheckInAnswer, CheckInResult } from '../../../../shared/views'
import type { CopyEvent, CopyTicket } from './doorList'

/** An answer the door gave alone: `list_from` is when its copy last matched the host. */
export type DoorAnswer = CheckInAnswer & { offline?: { list_from: string } }

export interface LocalVerdict {
  answer: DoorAnswer
  /** The ticket as it is after this answer, when the answer moved it. */
  after: CopyTicket | null
}

export interface LocalContext {
  /** This station, as the host records it. */
  station: string
  /** When the scan happened (ISO). */
  now: string
  /** When the copy last matched the host (ISO). */
  listFrom: string
  venue: VenueFormat
}

export function localAnswer(
  event: CopyEvent,
  ticket: CopyTicket | undefined,
  code: string,
  direction: 'in' | 'out',
  ctx: LocalContext,
): LocalVerdict {
  const offline = { list_from: ctx.listFrom }
  const refuse = (
    result: Exclude<CheckInResult, 'OK'>,
    message: string,
    extra: Partial<DoorAnswer> = {},
  ) => ({
    answer: { result, direction, message, checkin_id: 0, ticket: null, offline, ...extra },
    after: null,
  })
  const admit = (message: string, after: CopyTicket) => ({
    answer: {
      result: 'OK' as const,
      direction,
      message,
      checkin_id: 0,
      // The copy has no uuid (it is the QR code's secret), and the door shows none.
      ticket: {
        id: after.id,
        uuid: '',
        short_code: after.short_code,
        ticket_type_name: after.ticket_type_name,
        holder_name: after.holder_name,
        status: after.status,
      },
      offline,
    },
    after,
  })

  if (!ticket || ticket.short_code === null) {
    const listed = formatVenueTime(ctx.listFrom, ctx.venue)
    return refuse('UNKNOWN', `${doorWords.unknown(code, event.name)} ${doorWords.listFrom(listed)}`)
  }
  if (ticket.status === 'void') return refuse('VOID', doorWords.voided)
  if (ticket.status === 'available') return refuse('NOT_ASSIGNED', doorWords.neverSold)
  const holder = ticket.holder_name ?? NO_HOLDER

  if (direction === 'out') {
    if (!event.allow_reentry) return refuse('REENTRY_DISABLED', doorWords.noReentry(event.name))
    if (ticket.status !== 'checked_in' || !ticket.inside) return refuse('NOT_INSIDE', doorWords.notInside)
    return admit(doorWords.goodbye(holder), { ...ticket, inside: false })
  }
  if (ticket.status === 'assigned') {
    return admit(doorWords.welcome(holder), {
      ...ticket,
      status: 'checked_in',
      inside: true,
      checked_in_at: ctx.now,
      checked_in_by: ctx.station,
    })
  }
  if (ticket.status === 'checked_in' && event.allow_reentry && !ticket.inside) {
    return admit(doorWords.welcomeBack(holder), { ...ticket, inside: true })
  }
  const at = ticket.checked_in_at ?? ''
  const station = ticket.checked_in_by ? stationLabel(ticket.checked_in_by) : 'unknown station'
  return refuse('DUPLICATE', doorWords.duplicate(formatVenueTime(at, ctx.venue), station), {
    first_checked_in_at: at,
    first_station: station,
  })
}
