import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, seededEvent, type TestCore } from '../../../test/support/core'
import { queueEmail } from './outbox'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

describe("a sale's email status, kept by the database whatever changes the outbox", () => {
  it('is delivered once any message was accepted, else pending while one waits, else failed', () => {
    const { eventId } = seededEvent(core, 5)
    const sale = core.call('assign', {
      event_id: eventId,
      customer: { name: 'Ann', email: 'ann@example.com' },
      quantity: 2,
    })
    const { sqlite } = core.store
    const statusOfTickets = () =>
      sqlite.prepare('SELECT DISTINCT email_status FROM ticket WHERE sale_id = ?').pluck().all(sale.sale_id)
    const setOutbox = (id: number, status: string) => {
      sqlite.prepare('UPDATE email_outbox SET status = ? WHERE id = ?').run(status, id)
    }
    const first = sqlite
      .prepare('SELECT id FROM email_outbox WHERE sale_id = ?')
      .pluck()
      .get(sale.sale_id) as number
    expect(statusOfTickets()).toEqual(['pending'])
    setOutbox(first, 'failed')
    expect(statusOfTickets()).toEqual(['failed'])
    const again = queueEmail(
      sqlite,
      { saleId: sale.sale_id, recipient: 'ann@example.com', subject: 's', body: 'b' },
      new Date().toISOString(),
    )
    expect(statusOfTickets()).toEqual(['pending'])
    setOutbox(again, 'sent')
    expect(statusOfTickets()).toEqual(['delivered'])
    setOutbox(first, 'queued')
    expect(statusOfTickets()).toEqual(['delivered'])
    expect(
      core.call('listTickets', { event_id: eventId, status: 'assigned' }).tickets.map((t) => t.email_status),
    ).toEqual(['delivered', 'delivered'])
    sqlite.prepare('DELETE FROM email_outbox WHERE id = ?').run(again)
    expect(statusOfTickets()).toEqual(['pending'])
    sqlite.prepare('DELETE FROM email_outbox WHERE id = ?').run(first)
    expect(statusOfTickets()).toEqual(['none'])
  })
})
