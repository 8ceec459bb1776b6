import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TicketView } from '../../shared/views'
import type { Change } from '../after-commit'
import { BOX_OFFICE, DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
let heard: Change[]
beforeEach(() => {
  core = openTestCore()
  heard = []
  core.afterCommit.subscribe((writes) => writes.forEach((w) => heard.push(...w.changes)))
})
afterEach(() => core.dispose())

function sell(eventId: number, customer = { name: 'Ann Buyer', email: 'ann@example.com' }, quantity = 1) {
  return core.call('assign', { event_id: eventId, customer, quantity }, BOX_OFFICE)
}

const liveOf = (type: string) => heard.filter((c) => c.kind === 'live' && c.type === type)

function audits(action: string) {
  return core.store.sqlite.prepare('SELECT * FROM audit_log WHERE action = ?').all(action) as Array<{
    operator: string
    entity_id: number
    after: string
  }>
}

describe('voiding a ticket', () => {
  it('makes its code and its QR answer VOID at the door at once, audited and heard live', () => {
    const { eventId } = seededEvent(core, 5)
    const [ticket] = sell(eventId).tickets
    const voided = core.call(
      'voidTicket',
      { ticket_id: ticket!.id, reason: 'Lost wallet, reissued' },
      BOX_OFFICE,
    )
    expect(voided).toMatchObject({
      status: 'void',
      void_reason: 'Lost wallet, reissued',
      short_code: ticket!.short_code,
    })
    expect(voided.voided_at).not.toBeNull()
    for (const code of [ticket!.short_code!, ticket!.uuid]) {
      expect(core.call('checkIn', { event_id: eventId, code }, DOOR).result).toBe('VOID')
    }
    expect(liveOf('void')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ ticket_id: ticket!.id, code: ticket!.short_code }),
      }),
    ])
    expect(audits('void')).toEqual([expect.objectContaining({ operator: 'seller', entity_id: ticket!.id })])
  })

  it('refuses a ticket already void, and a missing reason, and changes nothing', () => {
    const { eventId } = seededEvent(core, 5)
    const [ticket] = sell(eventId).tickets
    expect(() => core.call('voidTicket', { ticket_id: ticket!.id, reason: '  ' })).toThrow(
      /why the ticket is voided/,
    )
    core.call('voidTicket', { ticket_id: ticket!.id, reason: 'Duplicate sale' })
    expect(() => core.call('voidTicket', { ticket_id: ticket!.id, reason: 'again' })).toThrow(
      /already voided/,
    )
    expect(() => core.call('voidTicket', { ticket_id: 999, reason: 'x' })).toThrow(/no ticket with id 999/)
    expect(audits('void')).toHaveLength(1)
  })

  it('is for the box office: the door may not void', () => {
    const { eventId } = seededEvent(core, 1)
    const [ticket] = sell(eventId).tickets
    expect(() => core.call('voidTicket', { ticket_id: ticket!.id, reason: 'x' }, DOOR)).toThrow()
  })
})

describe('transferring a ticket', () => {
  it('gives the new holder a fresh code and uuid, keeps the old ones answering VOID, and emails both', () => {
    const { eventId } = seededEvent(core, 5)
    const [ticket] = sell(eventId).tickets
    const moved = core.call(
      'transferTicket',
      {
        ticket_id: ticket!.id,
        holder: { name: 'Bob Friend', email: 'Bob@Example.com' },
        reason: 'Ann is ill',
      },
      BOX_OFFICE,
    )
    expect(moved).toMatchObject({ id: ticket!.id, status: 'assigned', holder_name: 'Bob Friend' })
    expect(moved.short_code).not.toBe(ticket!.short_code)
    expect(moved.uuid).not.toBe(ticket!.uuid)
    for (const code of [ticket!.short_code!, ticket!.uuid]) {
      const answer = core.call('checkIn', { event_id: eventId, code }, DOOR)
      expect(answer.result).toBe('VOID')
    }
    const admitted = core.call('checkIn', { event_id: eventId, code: moved.short_code! }, DOOR)
    expect(admitted).toMatchObject({ result: 'OK', ticket: { holder_name: 'Bob Friend' } })

    const mail = core.store.sqlite
      .prepare('SELECT recipient, subject, body FROM email_outbox ORDER BY id')
      .all() as Array<{ recipient: string; subject: string; body: string }>
    expect(mail.map((m) => m.recipient)).toEqual(['ann@example.com', 'bob@example.com', 'ann@example.com'])
    expect(mail[1]!.body).toContain(`Code ${moved.short_code}`)
    expect(mail[1]!.body).toContain('Hello Bob Friend')
    expect(mail[1]!.body).not.toContain(`Code ${ticket!.short_code}`)
    expect(mail[2]!.subject).toMatch(/was transferred/)
    expect(mail[2]!.body).toContain(ticket!.short_code!)

    expect(liveOf('transfer')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          ticket_id: ticket!.id,
          old_code: ticket!.short_code,
          code: moved.short_code,
        }),
      }),
    ])
    expect(audits('transfer')).toHaveLength(1)
    // The sale still has one ticket: the void row that keeps the old code belongs to no sale.
    expect(core.call('getSale', { sale_id: moved.sale_id! }).tickets.map((t) => t.id)).toEqual([ticket!.id])
  })

  it('sends the buyer again only the tickets they kept, and a given ticket to its new holder', () => {
    const { eventId } = seededEvent(core, 5)
    const [kept, given] = sell(eventId, undefined, 2).tickets
    const moved = core.call(
      'transferTicket',
      { ticket_id: given!.id, holder: { name: 'Bob Friend', email: 'bob@example.com' } },
      BOX_OFFICE,
    )
    const outbox = core.store.sqlite.prepare('SELECT recipient, body FROM email_outbox WHERE id = ?')
    const toBuyer = core.call('resend', { ticket_id: kept!.id }, BOX_OFFICE)
    expect(toBuyer.recipient).toBe('ann@example.com')
    const buyerMail = outbox.get(toBuyer.outbox_id) as { recipient: string; body: string }
    expect(buyerMail.body).toContain(`Code ${kept!.short_code}`)
    expect(buyerMail.body).not.toContain(`Code ${moved.short_code}`)

    const toHolder = core.call('resend', { ticket_id: given!.id }, BOX_OFFICE)
    expect(toHolder.recipient).toBe('bob@example.com')
    const holderMail = outbox.get(toHolder.outbox_id) as { recipient: string; body: string }
    expect(holderMail.body).toContain(`Code ${moved.short_code}`)
    expect(holderMail.body).not.toContain(`Code ${kept!.short_code}`)
  })

  it('refuses a ticket that is void, never sold or already in', () => {
    const { eventId } = seededEvent(core, 5)
    const [a, b] = sell(eventId, undefined, 2).tickets
    const available = core.call('listTickets', { event_id: eventId, status: 'available' }).tickets[0]!
    const holder = { name: 'Bob' }
    core.call('voidTicket', { ticket_id: a!.id, reason: 'x' })
    expect(() => core.call('transferTicket', { ticket_id: a!.id, holder })).toThrow(/already voided/)
    expect(() => core.call('transferTicket', { ticket_id: available.id, holder })).toThrow(/never sold/)
    core.call('checkIn', { event_id: eventId, code: b!.short_code! }, DOOR)
    expect(() => core.call('transferTicket', { ticket_id: b!.id, holder })).toThrow(/already checked in/)
    expect(() => core.call('transferTicket', { ticket_id: b!.id, holder: { name: '' } })).toThrow(
      /new holder/,
    )
    expect(audits('transfer')).toHaveLength(0)
  })

  it('hands a voided code out again only once no other code is free', () => {
    const { eventId } = seededEvent(core, 1000, { capacity: 1000 })
    const sold: TicketView[] = []
    for (let left = 999; left > 0; left -= 100) {
      sold.push(
        ...core.call('assign', {
          event_id: eventId,
          customer: { name: 'Crowd' },
          quantity: Math.min(100, left),
        }).tickets,
      )
    }
    const [a, b, c] = sold
    const held = (code: string | null) => sold.some((t) => t.short_code === code)
    core.call('voidTicket', { ticket_id: a!.id, reason: 'Lost' })
    // One code of the thousand is still free: the transfer takes it, not the voided one.
    const first = core.call('transferTicket', { ticket_id: b!.id, holder: { name: 'Bob' } })
    expect(held(first.short_code)).toBe(false)
    // Now every code is held; the next transfer takes back the code voided longest ago.
    const second = core.call('transferTicket', { ticket_id: c!.id, holder: { name: 'Cleo' } })
    expect(second.short_code).toBe(a!.short_code)
    expect(core.call('checkIn', { event_id: eventId, code: second.short_code! }, DOOR).result).toBe('OK')
    // The voided ticket's QR still answers VOID.
    expect(core.call('checkIn', { event_id: eventId, code: a!.uuid }, DOOR).result).toBe('VOID')
  })
})
