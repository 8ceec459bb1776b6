import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InputOf } from '../../shared/contract'
import { BOX_OFFICE, DOOR, openTestCore, type TestCore } from '../../../test/support/core'

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

  it('edits name, venue, times, capacity and re-entry, and audits the change', () => {
    const event = core.call('createEvent', night)
    const edited = core.call('updateEvent', {
      event_id: event.id,
      name: 'Jazz Night II',
      venue: 'Main Hall',
      starts_at: '2026-12-05T19:30:00Z',
      ends_at: '2026-12-05T23:00:00Z',
      capacity: 300,
      allow_reentry: true,
    })
    expect(edited).toMatchObject({
      name: 'Jazz Night II',
      venue: 'Main Hall',
      starts_at: '2026-12-05T19:30:00.000Z',
      ends_at: '2026-12-05T23:00:00.000Z',
      capacity: 300,
      allow_reentry: true,
    })
    const audit = core.store.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE entity = 'event' AND action = 'update'")
      .get() as { before: string; after: string }
    expect(JSON.parse(audit.before)).toMatchObject({ name: 'Jazz Night', capacity: 200 })
    expect(JSON.parse(audit.after)).toMatchObject({ name: 'Jazz Night II', capacity: 300 })
    expect(core.call('updateEvent', { event_id: event.id, ends_at: null }).ends_at).toBeNull()
  })

  it('refuses an edit that breaks a rule and changes nothing', () => {
    const event = core.call('createEvent', night)
    core.call('seedInventory', { event_id: event.id, count: 10 })
    const refusals: Array<[Partial<InputOf<'updateEvent'>>, RegExp]> = [
      [{ capacity: 9 }, /already has 10 tickets/],
      [{ capacity: 1001 }, /1000 possible 3-digit codes/],
      [{ name: ' ' }, /name/],
      [{ ends_at: '2026-12-01T19:00:00Z' }, /ends_at: must not be before starts_at/],
      [{ starts_at: 'tomorrow' }, /starts_at: must be a date and time/],
    ]
    for (const [change, message] of refusals) {
      expect(() => core.call('updateEvent', { event_id: event.id, ...change })).toThrow(message)
    }
    expect(() => core.call('updateEvent', { event_id: event.id, name: 'X' }, BOX_OFFICE)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )
    const after = core.call('getEvent', { event_id: event.id })
    expect(after).toMatchObject({ name: 'Jazz Night', capacity: 200, ends_at: null })
    expect(core.call('updateEvent', { event_id: event.id, capacity: 10 }).capacity).toBe(10)
  })

  it('archives a past or cancelled event out of the lists, and brings it back', () => {
    const past = core.call('createEvent', { ...night, name: 'Last year', starts_at: '2020-05-01T20:00:00Z' })
    const future = core.call('createEvent', {
      ...night,
      name: 'Next year',
      starts_at: '2999-05-01T20:00:00Z',
    })
    const onNow = core.call('createEvent', {
      ...night,
      name: 'Tonight',
      starts_at: new Date(Date.now() - 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 3_600_000).toISOString(),
    })
    expect(() => core.call('archiveEvent', { event_id: future.id })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/still to come/) }),
    )
    expect(() => core.call('archiveEvent', { event_id: onNow.id })).toThrow(/is on now/)
    expect(() => core.call('archiveEvent', { event_id: past.id }, BOX_OFFICE)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )

    const archived = core.call('archiveEvent', { event_id: past.id })
    expect(archived.archived_at).not.toBeNull()
    expect(core.call('listEvents', {}).map((e) => e.name)).toEqual(['Tonight', 'Next year'])
    expect(core.call('listEvents', {}, DOOR).map((e) => e.name)).toEqual(['Tonight', 'Next year'])
    expect(core.call('listEvents', { include_archived: true }).map((e) => e.name)).toEqual([
      'Last year',
      'Tonight',
      'Next year',
    ])
    // An archived event keeps working wherever it is named.
    expect(core.call('getEvent', { event_id: past.id }).name).toBe('Last year')

    core.call('updateEvent', { event_id: future.id, status: 'cancelled' })
    expect(core.call('archiveEvent', { event_id: future.id }).archived_at).not.toBeNull()

    expect(core.call('unarchiveEvent', { event_id: past.id }).archived_at).toBeNull()
    expect(core.call('listEvents', {}).map((e) => e.name)).toEqual(['Last year', 'Tonight'])
    const actions = core.store.sqlite
      .prepare("SELECT action FROM audit_log WHERE entity_id = ? AND action LIKE '%archive'")
      .pluck()
      .all(past.id)
    expect(actions).toEqual(['archive', 'unarchive'])
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
