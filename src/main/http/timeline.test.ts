// The night over time (GET /api/v1/reports/timeline): arrivals per 15 minutes
// and inside at each slot's end from the door log, sales per venue day by type.
import { afterEach, describe, expect, it } from 'vitest'
import type { EventView, Timeline } from '../../shared/views'
import { api, seededEvent, startTestHost, type TestHost } from '../../../test/support/host'

let t: TestHost
afterEach(() => t.dispose())

describe('GET /api/v1/reports/timeline', () => {
  it('counts arrivals per 15 minutes, who is inside, and tickets sold per day by type', async () => {
    let now = Date.parse('2026-11-30T10:00:00Z')
    t = await startTestHost(undefined, { clock: () => now })
    const http = api(t)
    await t.ok('PUT', '/api/v1/settings/venue', { locale: null, time_zone: 'UTC' })
    const { eventId, typeId } = await seededEvent(t, 20, {
      starts_at: '2026-12-01T20:00:00Z',
      ends_at: '2026-12-01T23:00:00Z',
      allow_reentry: true,
    })
    const student = await http.addTicketType(eventId, { name: 'Student', price_cents: 900 })
    await http.seed(eventId, 5, student.id)
    const first = await http.assign({
      event_id: eventId,
      customer: { name: 'Ann' },
      quantity: 3,
      ticket_type_id: typeId,
    })
    now = Date.parse('2026-12-01T12:00:00Z')
    const second = await http.assign({
      event_id: eventId,
      customer: { name: 'Bo' },
      quantity: 2,
      ticket_type_id: student.id,
    })

    const codes = [...first.tickets, ...second.tickets].map((ticket) => ticket.short_code!)
    const scanAt = async (iso: string, code: string, direction: 'in' | 'out' = 'in') => {
      now = Date.parse(iso)
      return http.checkIn({ event_id: eventId, code, direction })
    }
    await scanAt('2026-12-01T19:50:00Z', codes[0]!)
    await scanAt('2026-12-01T20:01:00Z', codes[1]!)
    await scanAt('2026-12-01T20:14:59Z', codes[2]!)
    await scanAt('2026-12-01T20:20:00Z', codes[0]!, 'out')
    // Refused scans let nobody in.
    expect((await scanAt('2026-12-01T20:21:00Z', codes[1]!)).status).toBe(409)
    await scanAt('2026-12-01T20:40:00Z', codes[3]!)
    now = Date.parse('2026-12-01T20:50:00Z')
    // An offline door let the last guest in at 20:05 and told the host only now: 20:05 it was.
    await t.ok('POST', '/api/v1/checkins/upload', {
      checkins: [
        {
          event_id: eventId,
          code: codes[4]!,
          nonce: '0c6f0e5c-4c43-4a5e-9a1b-5b2d0f6e7a10',
          scanned_at: '2026-12-01T20:05:00Z',
          direction: 'in',
          offline_result: 'OK',
        },
      ],
    })

    const timeline = await t.ok<Timeline>('GET', `/api/v1/reports/timeline?event_id=${eventId}`)
    expect(timeline.slot_minutes).toBe(15)
    // From an hour before the doors to now, one slot each quarter hour.
    expect(timeline.door.map((s) => [s.at.slice(11, 16), s.arrivals, s.inside])).toEqual([
      ['19:00', 0, 0],
      ['19:15', 0, 0],
      ['19:30', 0, 0],
      ['19:45', 1, 1],
      ['20:00', 3, 4],
      ['20:15', 0, 3],
      ['20:30', 1, 4],
      ['20:45', 0, 4],
    ])
    expect(timeline.ticket_types.map((type) => type.name)).toEqual(['Standard', 'Student'])
    expect(timeline.sales).toEqual([
      { day: '2026-11-30', by_type: { [typeId]: 3 }, total: 3 },
      { day: '2026-12-01', by_type: { [student.id]: 2 }, total: 2 },
    ])
  })

  it('is open to the door (no money in it) and refuses an unknown event', async () => {
    t = await startTestHost()
    const door = await api(t).createStation({ name: 'Door 1', role: 'door' })
    const event = await t.ok<EventView>(
      'POST',
      '/api/v1/events',
      { name: 'Gig', starts_at: '2026-12-01T20:00:00Z', capacity: 10 },
      201,
    )
    const seen = await t.request<Timeline>('GET', `/api/v1/reports/timeline?event_id=${event.id}`, {
      token: door.token,
    })
    expect(seen.status).toBe(200)
    expect(JSON.stringify(seen.body)).not.toMatch(/cents|revenue/)
    expect((await t.request('GET', '/api/v1/reports/timeline?event_id=999')).status).toBe(404)
    expect((await t.request('GET', '/api/v1/reports/timeline?event_id=abc')).status).toBe(400)
  })
})
