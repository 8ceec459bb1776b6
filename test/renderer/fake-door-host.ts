// A host in memory for the door's tests: the door list with versions, check-ins
// and uploads deduplicated by nonce, undo; and a switch that makes it stop answering.
import { TicketiError } from '../../src/shared/errors'
import type { CheckInAnswer } from '../../src/shared/views'
import type { CopyEvent, CopyTicket, UploadEntry } from '../../src/renderer/src/door/offline/doorList'
import type { DoorHost } from '../../src/renderer/src/door/offline/hostDoor'
import { uuidHash } from '../../src/renderer/src/door/offline/uuidHash'

export interface FakeHost extends DoorHost {
  tickets: Map<number, CopyTicket & { version: number }>
  /** Every request the door made, by kind. */
  calls: { kind: string; size?: number }[]
  uploads: UploadEntry[]
  undone: string[]
  /** 'down': every call fails at once; 'silent': calls never answer. */
  mode: 'up' | 'down' | 'silent'
  sell(id: number, code: string, uuid: string): void
  pageSize: number
}

export function fakeHost(event: CopyEvent): FakeHost {
  let version = 0
  const seen = new Map<string, string>()
  const host: FakeHost = {
    tickets: new Map(),
    calls: [],
    uploads: [],
    undone: [],
    mode: 'up',
    pageSize: 5000,
    sell(id, code, uuid) {
      host.tickets.set(id, {
        id,
        short_code: code,
        uuid_hash: uuidHash(uuid),
        status: 'assigned',
        inside: false,
        holder_name: `Guest ${code}`,
        ticket_type_name: 'Standing',
        checked_in_at: null,
        checked_in_by: null,
        version: ++version,
      })
    },
    async checkIn({ code, nonce }) {
      await reachable('checkIn')
      const ticket = [...host.tickets.values()].find((t) => t.short_code === code)
      seen.set(nonce, 'checkin')
      if (!ticket) return answer('UNKNOWN', null)
      if (ticket.status === 'checked_in') return answer('DUPLICATE', null)
      Object.assign(ticket, {
        status: 'checked_in',
        inside: true,
        checked_in_at: new Date().toISOString(),
        checked_in_by: 'Door 9',
        version: ++version,
      })
      return answer('OK', ticket)
    },
    async undo({ ticket_id, nonce }) {
      await reachable('undo')
      const ticket = host.tickets.get(ticket_id)
      if (seen.has(nonce)) return { ticket_id, status: 'assigned' }
      if (ticket?.status !== 'checked_in') throw new TicketiError('CONFLICT', 'nothing to undo')
      seen.set(nonce, 'undo')
      host.undone.push(nonce)
      Object.assign(ticket, {
        status: 'assigned',
        inside: false,
        checked_in_at: null,
        checked_in_by: null,
        version: ++version,
      })
      return { ticket_id, status: 'assigned' }
    },
    async doorList(_eventId, since) {
      await reachable('doorList')
      const rows = [...host.tickets.values()]
        .filter((t) => t.version > since)
        .sort((a, b) => a.version - b.version)
      const page = rows.slice(0, host.pageSize)
      return {
        event,
        version: page.at(-1)?.version ?? Math.max(since, version),
        complete: rows.length <= host.pageSize,
        tickets: page.map(({ version: _v, ...ticket }) => ticket),
      }
    },
    async upload(checkins) {
      await reachable('upload', checkins.length)
      if (checkins.length > 500) throw new TicketiError('VALIDATION', 'at most 500')
      const results = checkins.map((entry) => {
        if (seen.has(entry.nonce))
          return { nonce: entry.nonce, result: entry.offline_result, conflict: false }
        seen.set(entry.nonce, 'upload')
        host.uploads.push(entry)
        const ticket = [...host.tickets.values()].find((t) => t.short_code === entry.code)
        const admits = entry.offline_result === 'OK' && entry.direction === 'in'
        if (admits && ticket?.status === 'checked_in')
          return { nonce: entry.nonce, result: 'DUPLICATE' as const, conflict: true }
        if (admits && ticket)
          Object.assign(ticket, {
            status: 'checked_in',
            inside: true,
            checked_in_at: entry.scanned_at,
            checked_in_by: 'Door 1',
            version: ++version,
          })
        return { nonce: entry.nonce, result: entry.offline_result, conflict: false }
      })
      return { results }
    },
  }

  async function reachable(kind: string, size?: number) {
    host.calls.push({ kind, size })
    if (host.mode === 'down') throw new TicketiError('OFFLINE', 'The Ticketi host cannot be reached.')
    if (host.mode === 'silent') await new Promise(() => {})
  }

  function answer(result: CheckInAnswer['result'], ticket: CopyTicket | null): CheckInAnswer {
    return {
      result,
      direction: 'in',
      message: result,
      checkin_id: 1,
      ticket: ticket && {
        id: ticket.id,
        uuid: '',
        short_code: ticket.short_code,
        ticket_type_name: ticket.ticket_type_name,
        holder_name: ticket.holder_name,
        status: ticket.status,
      },
    }
  }
  return host
}
