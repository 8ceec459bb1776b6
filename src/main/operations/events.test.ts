import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BOX_OFFICE, DOOR, openTestCore, type TestCore } from '../test-support'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

const night = {
  name: 'Jazz Night',
  venue: 'The Cellar',
  starts_at: '2026-12-01T21:00:00+01:00',
  capacity: 200,
}

describe('events', () => {
  it('creates an event with defaults and stores times in UTC', () => {
    const event = core.call('createEvent', night)
    expect(event).toMatchObject({
      name: 'Jazz Night',
      starts_at: '2026-12-01T20:00:00.000Z',
      code_length: 3,
      allow_reentry: false,
      status: 'active',
      counts: { available: 0, assigned: 0, checked_in: 0, void: 0 },
      warnings: [],
    })
    expect(core.call('getEvent', { event_id: event.id })).toMatchObject({ id: event.id, ticket_types: [] })
  })

  it('refuses a capacity larger than the code space and warns above a quarter of it', () => {
    expect(() => core.call('createEvent', { ...night, capacity: 1001 })).toThrow(/longer code/)
    const crowded = core.call('createEvent', { ...night, capacity: 400 })
    expect(crowded.warnings[0]).toMatch(/40% of the 1000 possible 3-digit codes.*4-digit/)
    expect(core.call('createEvent', { ...night, capacity: 1001, code_length: 4 }).warnings).toEqual([])
  })

  it('refuses an end before the start', () => {
    expect(() => core.call('createEvent', { ...night, ends_at: '2026-12-01T19:00:00Z' })).toThrow(/ends_at/)
  })

  it('lists events with live ticket counts', () => {
    const a = core.call('createEvent', night)
    core.call('createEvent', { ...night, name: 'Folk Night' })
    core.call('seedInventory', { event_id: a.id, count: 5 })
    core.call('assign', { event_id: a.id, customer: { name: 'Ann', email: 'ann@example.com' } })
    const list = core.call('listEvents', {}, DOOR)
    expect(list.map((e) => e.name)).toEqual(['Jazz Night', 'Folk Night'])
    expect(list[0]!.counts).toEqual({ available: 4, assigned: 1, checked_in: 0, void: 0 })
  })

  it('updates an event but never below its tickets or to another code length once seeded', () => {
    const event = core.call('createEvent', night)
    expect(
      core.call('updateEvent', { event_id: event.id, venue: 'Main Hall', allow_reentry: true }),
    ).toMatchObject({ venue: 'Main Hall', allow_reentry: true, name: 'Jazz Night' })
    core.call('seedInventory', { event_id: event.id, count: 50 })
    expect(() => core.call('updateEvent', { event_id: event.id, capacity: 49 })).toThrow(/cannot be lower/)
    expect(() => core.call('updateEvent', { event_id: event.id, code_length: 4 })).toThrow(/code length/)
    expect(core.call('getEvent', { event_id: event.id }).capacity).toBe(200)
  })

  it('adds ticket types with prices, refusing a duplicate name', () => {
    const event = core.call('createEvent', night)
    const vip = core.call('addTicketType', {
      event_id: event.id,
      name: 'VIP',
      price_cents: 4500,
      capacity: 20,
    })
    expect(vip).toMatchObject({ name: 'VIP', price_cents: 4500, currency: 'EUR', capacity: 20 })
    expect(() => core.call('addTicketType', { event_id: event.id, name: 'VIP', price_cents: 1 })).toThrow(
      /already has/,
    )
    expect(core.call('getEvent', { event_id: event.id }).ticket_types).toHaveLength(1)
  })

  it('answers NOT_FOUND for an unknown event', () => {
    expect(() => core.call('getEvent', { event_id: 404 })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })

  it('lets only admins set events up', () => {
    for (const who of [BOX_OFFICE, DOOR]) {
      expect(() => core.call('createEvent', night, who)).toThrow(
        expect.objectContaining({ code: 'FORBIDDEN' }),
      )
    }
    expect(core.call('listEvents', {})).toEqual([])
  })
})
