import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

describe('seeding inventory', () => {
  it('seeding N gives N available tickets with unique uuids and no codes yet', () => {
    const { eventId, typeId } = seededEvent(core, 250)
    const page = core.call('listTickets', { event_id: eventId, status: 'available', limit: 1000 })
    expect(page.total).toBe(250)
    expect(new Set(page.tickets.map((t) => t.uuid)).size).toBe(250)
    expect(page.tickets.every((t) => t.short_code === null && t.ticket_type_id === typeId)).toBe(true)
  })

  it('never seeds beyond the event or ticket type capacity', () => {
    const { eventId } = seededEvent(core, 990)
    expect(() => core.call('seedInventory', { event_id: eventId, count: 11 })).toThrow(/at most 10 more/)
    const small = core.call('addTicketType', {
      event_id: eventId,
      name: 'Balcony',
      price_cents: 900,
      capacity: 5,
    })
    expect(() =>
      core.call('seedInventory', { event_id: eventId, count: 6, ticket_type_id: small.id }),
    ).toThrow(/at most 5 more/)
    expect(core.call('getEvent', { event_id: eventId }).counts.available).toBe(990)
  })

  it('refuses a ticket type of another event', () => {
    const a = seededEvent(core, 0)
    const b = seededEvent(core, 0)
    expect(() =>
      core.call('seedInventory', { event_id: a.eventId, count: 1, ticket_type_id: b.typeId }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})

describe('listing tickets', () => {
  it('filters by status and finds tickets by name, email, phone or code', () => {
    const { eventId } = seededEvent(core, 10)
    const ann = core.call('assign', {
      event_id: eventId,
      customer: { name: 'Ann Lee', email: 'ann@example.com', phone: '+44 20 7946 0000' },
      quantity: 2,
    })
    core.call('assign', { event_id: eventId, customer: { name: 'Bob Stone', phone: '0612345678' } })
    expect(core.call('listTickets', { event_id: eventId, status: 'assigned' }).total).toBe(3)
    expect(core.call('listTickets', { event_id: eventId, status: 'available' }).total).toBe(7)
    expect(core.call('listTickets', { event_id: eventId, q: 'lee' }).total).toBe(2)
    expect(core.call('listTickets', { event_id: eventId, q: 'ANN@EXAMPLE' }).total).toBe(2)
    expect(core.call('listTickets', { event_id: eventId, q: '7946' }).total).toBe(2)
    expect(core.call('listTickets', { event_id: eventId, q: 'Stone' }).tickets[0]!.customer!.phone).toBe(
      '0612345678',
    )
    const code = ann.tickets[0]!.short_code!
    expect(
      core.call('listTickets', { event_id: eventId, q: code }).tickets.map((t) => t.short_code),
    ).toContain(code)
    expect(core.call('listTickets', { event_id: eventId, q: '%' }).total).toBe(0)
  })

  it('pages through results', () => {
    const { eventId } = seededEvent(core, 30)
    const first = core.call('listTickets', { event_id: eventId, limit: 20 })
    const second = core.call('listTickets', { event_id: eventId, limit: 20, offset: 20 })
    expect(first.total).toBe(30)
    expect(first.tickets).toHaveLength(20)
    expect(second.tickets).toHaveLength(10)
    expect(second.tickets[0]!.id).toBeGreaterThan(first.tickets[19]!.id)
  })
})
