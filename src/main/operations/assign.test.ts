import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BOX_OFFICE, DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

const ann = { name: 'Ann Lee', email: 'Ann@Example.com' }

function rows(sql: string, ...params: unknown[]) {
  return core.store.sqlite.prepare(sql).all(...params) as Array<Record<string, unknown>>
}

describe('assigning tickets', () => {
  it('gives each ticket a zero-padded code, records the sale and queues one email with all codes', () => {
    const { eventId } = seededEvent(core, 20)
    const sale = core.call(
      'assign',
      { event_id: eventId, customer: ann, quantity: 3, payment_method: 'card' },
      BOX_OFFICE,
    )
    expect(sale.tickets).toHaveLength(3)
    for (const ticket of sale.tickets) {
      expect(ticket.short_code).toMatch(/^\d{3}$/)
      expect(ticket).toMatchObject({ status: 'assigned', holder_name: 'Ann Lee', email_status: 'pending' })
    }
    expect(sale).toMatchObject({ amount_cents: 4500, payment_method: 'card', email_queued: true })
    expect(rows('SELECT customer_id, amount_cents, operator, station FROM sale')).toEqual([
      { customer_id: sale.customer.id, amount_cents: 4500, operator: 'seller', station: 'Box office' },
    ])
    const outbox = rows('SELECT recipient, status, body FROM email_outbox')
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ recipient: 'ann@example.com', status: 'queued' })
    for (const ticket of sale.tickets) expect(outbox[0]!.body).toContain(`Code ${ticket.short_code}`)
  })

  it('keeps leading zeros: every code of a full code space is a 3-digit string', () => {
    const { eventId } = seededEvent(core, 1000)
    const codes: string[] = []
    for (let i = 0; i < 10; i++) {
      const sale = core.call('assign', { event_id: eventId, customer: ann, quantity: 100 })
      codes.push(...sale.tickets.map((t) => t.short_code!))
    }
    expect(new Set(codes).size).toBe(1000)
    expect(codes).toContain('000')
    expect(codes).toContain('007')
    expect(codes.every((c) => /^\d{3}$/.test(c))).toBe(true)
  })

  it('draws codes at random, not in sequence', () => {
    const { eventId } = seededEvent(core, 50)
    const codes = core
      .call('assign', { event_id: eventId, customer: ann, quantity: 50 })
      .tickets.map((t) => Number(t.short_code))
    const ascending = codes.every((c, i) => i === 0 || c === codes[i - 1]! + 1)
    expect(ascending).toBe(false)
    expect(Math.max(...codes)).toBeGreaterThan(100)
  })

  it('finds the customer again by email in any case, or by phone', () => {
    const { eventId } = seededEvent(core, 10)
    const first = core.call('assign', { event_id: eventId, customer: ann })
    const again = core.call('assign', {
      event_id: eventId,
      customer: { name: 'A. Lee', email: 'ANN@example.COM', phone: '+31 6 1234 5678' },
    })
    expect(again.customer.id).toBe(first.customer.id)
    const byPhone = core.call('assign', {
      event_id: eventId,
      customer: { name: 'Ann', phone: '+31 (6) 1234-5678' },
    })
    expect(byPhone.customer).toEqual({
      id: first.customer.id,
      name: 'Ann Lee',
      email: 'ann@example.com',
      phone: '+31612345678',
    })
    expect(rows('SELECT count(*) AS n FROM customer')).toEqual([{ n: 1 }])
  })

  it('names a separate holder when the ticket is for somebody else', () => {
    const { eventId } = seededEvent(core, 10)
    const sale = core.call('assign', { event_id: eventId, customer: ann, holder_name: 'Sam Lee' })
    expect(sale.tickets[0]).toMatchObject({ holder_name: 'Sam Lee', customer: { name: 'Ann Lee' } })
  })

  it('gives the tickets the name typed now when a known email belongs to a customer of another name', () => {
    const { eventId } = seededEvent(core, 10)
    core.call('assign', { event_id: eventId, customer: ann })
    const sale = core.call('assign', {
      event_id: eventId,
      customer: { name: 'Ben Lee', email: 'ANN@example.com' },
    })
    expect(sale.customer).toMatchObject({ name: 'Ann Lee', email: 'ann@example.com' })
    expect(sale.tickets[0]).toMatchObject({ holder_name: 'Ben Lee' })
    const again = core.call('assign', { event_id: eventId, customer: ann })
    expect(again.tickets[0]).toMatchObject({ holder_name: 'Ann Lee' })
    expect(rows('SELECT count(*) AS n FROM customer')).toEqual([{ n: 1 }])
  })

  it('takes tickets of the asked type and prices comps at zero', () => {
    const { eventId, typeId } = seededEvent(core, 5)
    const vip = core.call('addTicketType', { event_id: eventId, name: 'VIP', price_cents: 5000 })
    core.call('seedInventory', { event_id: eventId, count: 5, ticket_type_id: vip.id })
    const sale = core.call('assign', {
      event_id: eventId,
      customer: ann,
      ticket_type_id: vip.id,
      quantity: 2,
    })
    expect(sale.tickets.map((t) => t.ticket_type_name)).toEqual(['VIP', 'VIP'])
    expect(sale.amount_cents).toBe(10000)
    const comp = core.call('assign', {
      event_id: eventId,
      customer: ann,
      ticket_type_id: typeId,
      payment_method: 'comp',
    })
    expect(comp.amount_cents).toBe(0)
    expect(comp.tickets[0]!.price_cents).toBe(0)
  })

  it('answers SOLD_OUT and changes nothing when too few tickets are left', () => {
    const { eventId } = seededEvent(core, 2)
    expect(() => core.call('assign', { event_id: eventId, customer: ann, quantity: 3 })).toThrow(
      expect.objectContaining({ code: 'SOLD_OUT', message: expect.stringMatching(/Only 2/) }),
    )
    expect(rows("SELECT count(*) AS n FROM ticket WHERE status = 'available'")).toEqual([{ n: 2 }])
    expect(rows('SELECT count(*) AS n FROM customer')).toEqual([{ n: 0 }])
    expect(rows('SELECT count(*) AS n FROM sale')).toEqual([{ n: 0 }])
  })

  it('says how many of a capped type are left and to choose another type, not to seed more', () => {
    const { eventId } = seededEvent(core, 0, { capacity: 10 })
    const vip = core.call('addTicketType', { event_id: eventId, name: 'VIP', price_cents: 5000, capacity: 3 })
    core.call('seedInventory', { event_id: eventId, count: 3, ticket_type_id: vip.id })
    const tooMany = { event_id: eventId, customer: ann, ticket_type_id: vip.id, quantity: 5 }
    expect(() => core.call('assign', tooMany)).toThrow(
      expect.objectContaining({
        code: 'SOLD_OUT',
        message:
          'Only 3 “VIP” tickets are left for Jazz Night; 5 were asked for. Sell 3 or fewer, or choose ' +
          'another ticket type (“VIP” is capped at 3 tickets).',
      }),
    )
    core.call('assign', { ...tooMany, quantity: 3 })
    expect(() => core.call('assign', { ...tooMany, quantity: 1 })).toThrow(
      '“VIP” is sold out for Jazz Night. Choose another ticket type (“VIP” is capped at 3 tickets).',
    )
  })

  it('suggests seeding more only where the capacity leaves room, and says how much', () => {
    const { eventId, typeId } = seededEvent(core, 2, { capacity: 6 })
    expect(() =>
      core.call('assign', { event_id: eventId, customer: ann, ticket_type_id: typeId, quantity: 3 }),
    ).toThrow(
      'Only 2 “Standard” tickets are left for Jazz Night; 3 were asked for. Sell 2 or fewer, or ask an admin ' +
        'to seed up to 4 more on the Events page.',
    )
    core.call('seedInventory', { event_id: eventId, count: 4 })
    core.call('assign', { event_id: eventId, customer: ann, quantity: 6 })
    expect(() => core.call('assign', { event_id: eventId, customer: ann })).toThrow(
      'Jazz Night is sold out (the event’s capacity of 6 is reached).',
    )
  })

  it('sells to a phone-only customer without queueing an email', () => {
    const { eventId } = seededEvent(core, 2)
    const sale = core.call('assign', { event_id: eventId, customer: { name: 'Bob', phone: '0612345678' } })
    expect(sale.email_queued).toBe(false)
    expect(sale.tickets[0]!.email_status).toBe('none')
    expect(rows('SELECT count(*) AS n FROM email_outbox')).toEqual([{ n: 0 }])
  })

  it('sells to a walk-in who gives only a name, or nothing: codes on screen, no email queued', () => {
    const { eventId } = seededEvent(core, 5)
    const named = core.call('assign', { event_id: eventId, customer: { name: 'Cash Carl' } })
    const nameless = core.call('assign', { event_id: eventId, customer: {}, quantity: 2 })
    expect(named).toMatchObject({ customer: { name: 'Cash Carl', email: null, phone: null } })
    expect(nameless.customer).toMatchObject({ name: 'Walk-in', email: null, phone: null })
    for (const sale of [named, nameless]) {
      expect(sale).toMatchObject({
        email_queued: false,
        payment_method: 'cash',
        amount_cents: 1500 * sale.tickets.length,
      })
      for (const ticket of sale.tickets) {
        expect(ticket.short_code).toMatch(/^\d{3}$/)
        expect(ticket.email_status).toBe('none')
      }
    }
    expect(rows('SELECT count(*) AS n FROM email_outbox')).toEqual([{ n: 0 }])
  })

  it('never merges walk-ins: with no email or phone, each sale has a customer of its own', () => {
    const { eventId } = seededEvent(core, 5)
    const first = core.call('assign', { event_id: eventId, customer: {} })
    const second = core.call('assign', { event_id: eventId, customer: {} })
    const carl = core.call('assign', { event_id: eventId, customer: { name: 'Cash Carl' } })
    const carlAgain = core.call('assign', { event_id: eventId, customer: { name: 'Cash Carl' } })
    const ids = [first, second, carl, carlAgain].map((s) => s.customer.id)
    expect(new Set(ids).size).toBe(4)
  })

  it('keeps the email counts right beside walk-in sales: they have no email at all', () => {
    const { eventId } = seededEvent(core, 5)
    core.call('assign', { event_id: eventId, customer: {}, quantity: 2 })
    core.call('assign', { event_id: eventId, customer: ann })
    expect(core.call('reconciliation', { event_id: eventId }).totals).toMatchObject({
      assigned: 3,
      delivered: 0,
      email_pending: 1,
      email_failed: 0,
    })
  })

  it('refuses bad customer details clearly', () => {
    const { eventId } = seededEvent(core, 2)
    expect(() =>
      core.call('assign', { event_id: eventId, customer: { name: 'Ann', email: 'not-an-email' } }),
    ).toThrow(/customer.email: Type an email address like ann@example.com/)
    expect(() => core.call('assign', { event_id: eventId, customer: { email: 'ann@example.com' } })).toThrow(
      /customer.name: Type the customer’s name/,
    )
    expect(() => core.call('assign', { event_id: eventId, customer: ann }, DOOR)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )
  })

  it('does not sell for a closed event', () => {
    const { eventId } = seededEvent(core, 2)
    core.call('updateEvent', { event_id: eventId, status: 'closed' })
    expect(() => core.call('assign', { event_id: eventId, customer: ann })).toThrow(/closed/)
  })
})

describe('resending codes', () => {
  it('queues the sale email again for the customer', () => {
    const { eventId } = seededEvent(core, 5)
    const sale = core.call('assign', { event_id: eventId, customer: ann, quantity: 2 })
    const resent = core.call('resend', { ticket_id: sale.tickets[1]!.id })
    expect(resent.recipient).toBe('ann@example.com')
    const outbox = rows('SELECT id, sale_id, body FROM email_outbox ORDER BY id')
    expect(outbox).toHaveLength(2)
    expect(outbox[1]).toMatchObject({ id: resent.outbox_id, sale_id: sale.sale_id, body: outbox[0]!.body })
  })

  it('refuses unsold tickets and customers without email', () => {
    const { eventId } = seededEvent(core, 5)
    const available = core.call('listTickets', { event_id: eventId, status: 'available' }).tickets[0]!
    expect(() => core.call('resend', { ticket_id: available.id })).toThrow(
      expect.objectContaining({ code: 'NOT_ASSIGNED' }),
    )
    const phoneOnly = core.call('assign', {
      event_id: eventId,
      customer: { name: 'Bob', phone: '0612345678' },
    })
    expect(() => core.call('resend', { ticket_id: phoneOnly.tickets[0]!.id })).toThrow(
      expect.objectContaining({ code: 'NO_EMAIL' }),
    )
  })
})

describe('emailing a sale’s codes afterwards', () => {
  it('gives a phone-only customer an email address and queues the codes to it', () => {
    const { eventId } = seededEvent(core, 5)
    const sale = core.call('assign', {
      event_id: eventId,
      customer: { name: 'Bob', phone: '0612345678' },
      quantity: 2,
    })
    const sent = core.call('emailSale', { sale_id: sale.sale_id, email: ' Bob@Example.com ' }, BOX_OFFICE)
    expect(sent.recipient).toBe('bob@example.com')
    expect(rows('SELECT email, phone FROM customer WHERE id = ?', sale.customer.id)).toEqual([
      { email: 'bob@example.com', phone: '0612345678' },
    ])
    const outbox = rows('SELECT id, sale_id, recipient, status, body FROM email_outbox')
    expect(outbox).toEqual([
      expect.objectContaining({ id: sent.outbox_id, sale_id: sale.sale_id, recipient: 'bob@example.com' }),
    ])
    for (const ticket of sale.tickets) expect(outbox[0]!.body).toContain(`Code ${ticket.short_code}`)
    expect(core.call('listTickets', { event_id: eventId, status: 'assigned' }).tickets[0]).toMatchObject({
      email_status: 'pending',
    })
    expect(
      rows(
        'SELECT action, entity FROM audit_log WHERE action IN (?, ?) ORDER BY id',
        'setCustomerEmail',
        'emailSale',
      ),
    ).toEqual([
      { action: 'setCustomerEmail', entity: 'customer' },
      { action: 'emailSale', entity: 'sale' },
    ])
    // From now on the customer is found again by that address too.
    expect(
      core.call('assign', { event_id: eventId, customer: { name: 'B', email: 'BOB@example.com' } }).customer
        .id,
    ).toBe(sale.customer.id)
  })

  it('sends the codes again to the address on file when none is given', () => {
    const { eventId } = seededEvent(core, 5)
    const sale = core.call('assign', { event_id: eventId, customer: ann })
    expect(core.call('emailSale', { sale_id: sale.sale_id })).toMatchObject({ recipient: 'ann@example.com' })
    expect(rows('SELECT count(*) AS n FROM email_outbox')).toEqual([{ n: 2 }])
  })

  it('refuses a sale without an address, an unknown sale, a bad address and a door station, changing nothing', () => {
    const { eventId } = seededEvent(core, 5)
    const walkIn = core.call('assign', { event_id: eventId, customer: {} })
    expect(() => core.call('emailSale', { sale_id: walkIn.sale_id })).toThrow(
      expect.objectContaining({ code: 'NO_EMAIL' }),
    )
    expect(() => core.call('emailSale', { sale_id: 999, email: 'a@example.com' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
    expect(() => core.call('emailSale', { sale_id: walkIn.sale_id, email: 'nobody@' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    )
    expect(() => core.call('emailSale', { sale_id: walkIn.sale_id, email: 'a@example.com' }, DOOR)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )
    expect(rows('SELECT count(*) AS n FROM email_outbox')).toEqual([{ n: 0 }])
    expect(rows('SELECT email FROM customer')).toEqual([{ email: null }])
  })
})
