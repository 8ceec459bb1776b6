// Editing events and ticket types over the LAN API: the routes, their answers,
// and refusals that change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventDetails, EventView, TicketTypeView } from '../../shared/views'
import { api, fingerprint, seededEvent, startTestHost, type TestHost } from '../../../test/support/host'

let t: TestHost
beforeEach(async () => (t = await startTestHost()))
afterEach(() => t.dispose())

describe('editing events and ticket types over HTTP', () => {
  it('PATCH /events/{id} edits an event; a capacity below its tickets is 422 and changes nothing', async () => {
    const { eventId } = await seededEvent(t, 20)
    const edited = await t.ok<EventView>('PATCH', `/api/v1/events/${eventId}`, {
      name: 'Jazz Night (late show)',
      capacity: 25,
      allow_reentry: true,
    })
    expect(edited).toMatchObject({ name: 'Jazz Night (late show)', capacity: 25, allow_reentry: true })

    const before = fingerprint(t.sqlite)
    const refused = await t.request('PATCH', `/api/v1/events/${eventId}`, { json: { capacity: 19 } })
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ code: 'CAPACITY', error: expect.stringMatching(/20 tickets/) })
    const unknown = await t.request('PATCH', `/api/v1/events/${eventId}`, { json: { colour: 'red' } })
    expect(unknown.status).toBe(400)
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('PATCH /ticket-types/{id} renames a type; a name clashing in another case is 409', async () => {
    const { eventId, typeId } = await seededEvent(t, 0)
    await api(t).addTicketType(eventId, { name: 'VIP', price_cents: 4500 })
    const renamed = await t.ok<TicketTypeView>('PATCH', `/api/v1/ticket-types/${typeId}`, {
      name: 'Early bird',
      price_cents: 1200,
    })
    expect(renamed).toMatchObject({ id: typeId, name: 'Early bird', price_cents: 1200, tickets: 0, sold: 0 })

    const before = fingerprint(t.sqlite)
    const clash = await t.request('PATCH', `/api/v1/ticket-types/${typeId}`, { json: { name: 'vip' } })
    expect(clash.status).toBe(409)
    expect(clash.body).toMatchObject({ code: 'CONFLICT', error: expect.stringMatching(/"VIP"/) })
    const added = await t.request('POST', `/api/v1/events/${eventId}/ticket-types`, {
      json: { name: 'Vip', price_cents: 1 },
    })
    expect(added.status).toBe(409)
    const missing = await t.request('PATCH', '/api/v1/ticket-types/999', { json: { name: 'X' } })
    expect(missing.status).toBe(404)
    const badId = await t.request('PATCH', '/api/v1/ticket-types/abc', { json: { name: 'X' } })
    expect(badId.status).toBe(400)
    expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('DELETE /ticket-types/{id} deletes a type without tickets, and is 409 for one with tickets', async () => {
    const { eventId, typeId } = await seededEvent(t, 3)
    const spare = await api(t).addTicketType(eventId, { name: 'Spare', price_cents: 0 })
    const deleted = await t.request<TicketTypeView>('DELETE', `/api/v1/ticket-types/${spare.id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toMatchObject({ id: spare.id, name: 'Spare' })

    const before = fingerprint(t.sqlite)
    const refused = await t.request('DELETE', `/api/v1/ticket-types/${typeId}`)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'CONFLICT', error: expect.stringMatching(/has 3 tickets/) })
    expect(fingerprint(t.sqlite)).toEqual(before)
    const details = await t.ok<EventDetails>('GET', `/api/v1/events/${eventId}`)
    expect(details.ticket_types.map((type) => type.name)).toEqual(['Standard'])
  })

  it('POST /events/{id}/archive hides a past event from GET /events until it is unarchived', async () => {
    const { eventId } = await seededEvent(t, 0, { starts_at: '2020-01-01T20:00:00Z' })
    const upcoming = await api(t).createEvent({
      name: 'Next',
      starts_at: '2999-01-01T20:00:00Z',
      capacity: 5,
    })

    const refused = await t.request('POST', `/api/v1/events/${upcoming.id}/archive`)
    expect(refused.status).toBe(409)
    const archived = await t.ok<EventView>('POST', `/api/v1/events/${eventId}/archive`)
    expect(archived.archived_at).toEqual(expect.any(String))

    const names = async (query = '') =>
      (await t.ok<EventView[]>('GET', `/api/v1/events${query}`)).map((e) => e.name)
    expect(await names()).toEqual(['Next'])
    expect(await names('?include_archived=true')).toEqual(['Jazz Night', 'Next'])
    const bad = await t.request('GET', '/api/v1/events?include_archived=yes')
    expect(bad.status).toBe(400)

    await t.ok('POST', `/api/v1/events/${eventId}/unarchive`)
    expect(await names()).toEqual(['Jazz Night', 'Next'])
  })
})
