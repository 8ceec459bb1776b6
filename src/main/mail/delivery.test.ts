// The outbox against a real SMTP server on 127.0.0.1: what arrives, what
// happens when the server is down, refuses the login or refuses one recipient,
// and that nothing is lost in a large queue or across a crash.
import { describe, expect, it } from 'vitest'
import { ADMIN } from '../../../test/support/core'
import { qrContentId, qrPng } from './message'
import { createMailer } from './transport'
import { composeOutboxMessage, type OutboxRow } from './message'
import {
  FAST_RETRIES,
  mailFixtures,
  outboxRows,
  parseMail,
  sell,
  smtpInput,
  smtpSettings,
  type MailCore,
} from '../../../test/support/mail-core'
import { eventually, startTestSmtp } from '../../../test/support/smtp'

const { core, smtp } = mailFixtures()

const statusOf = (c: MailCore, id: number) => outboxRows(c).find((r) => r.id === id)?.status

describe('a sale sent through a real SMTP server', () => {
  it('arrives with the codes, the holder, a QR code of each uuid, a calendar file, and escaped names', async () => {
    const server = await smtp()
    const c = core({ environment: smtpSettings(server.port), worker: FAST_RETRIES })
    const customer = '<script>alert(1)</script> & "Bob"'
    const sale = sell(c, { name: customer, email: 'bob@example.com' }, 2, 'Ann <b>Holder</b>')

    await eventually(() => server.arrivals.length === 1, 10_000, 'the email')
    await eventually(() => statusOf(c, 1) === 'sent', 5_000, 'the outbox to say sent')
    const mail = await parseMail(server.arrivals[0]!.raw)

    expect(server.arrivals[0]!.to).toEqual(['bob@example.com'])
    expect(mail.subject).toBe('Your 2 tickets for Jazz Night')
    expect(mail.from?.value[0]).toMatchObject({ address: 'tickets@jazz.example', name: 'Jazz Club' })
    for (const ticket of sale.tickets) {
      expect(mail.text).toContain(`Code ${ticket.short_code}`)
      expect(mail.html).toContain(`>${ticket.short_code}</div>`)
      const image = mail.attachments.find((a) => a.cid === qrContentId(ticket.uuid))
      expect(image?.contentType).toBe('image/png')
      // The very image qrcode draws for the uuid: what the door's scanner reads back.
      expect(image!.content.equals(await qrPng(ticket.uuid))).toBe(true)
      expect(mail.html).toContain(`src="cid:${qrContentId(ticket.uuid)}"`)
    }
    expect(mail.text).toContain('for Ann <b>Holder</b>')
    expect(mail.html).toContain('Ann &lt;b&gt;Holder&lt;/b&gt;')
    expect(mail.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bob&quot;')
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).not.toContain('<b>Holder')

    const ics = mail.attachments.find((a) => a.filename === 'jazz-night.ics')
    expect(ics?.contentType).toBe('text/calendar')
    const calendar = ics!.content.toString('utf8')
    expect(calendar).toContain('DTSTART:20261201T200000Z')
    expect(calendar).toContain('DTEND:20261201T233000Z')
    expect(calendar).toContain('SUMMARY:Jazz Night')
    expect(calendar).toContain('LOCATION:The Cellar')

    const [row] = outboxRows(c)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null })
    expect(row!.message_id).toBe(mail.messageId)
    const tickets = c.call('listTickets', { event_id: sale.tickets[0]!.event_id, status: 'assigned' }).tickets
    expect(tickets.map((t) => t.email_status)).toEqual(['delivered', 'delivered'])
    expect(c.call('reconciliation', { event_id: sale.tickets[0]!.event_id }).totals).toMatchObject({
      delivered: 2,
      email_pending: 0,
      email_failed: 0,
    })
  })

  it('keeps messages queued while the server is down and delivers each once when it comes back', async () => {
    // Learn a free port, then leave nothing listening on it.
    const probe = await startTestSmtp()
    const port = probe.port
    await probe.close()
    const c = core({ environment: smtpSettings(port), worker: FAST_RETRIES })
    for (let i = 0; i < 3; i++) sell(c, { name: `Guest ${i}`, email: `guest${i}@example.com` })

    await eventually(() => outboxRows(c).every((r) => r.last_error), 10_000, 'a failed try of each')
    // Long enough for many more tries than FAST_RETRIES.maxAttempts: an outage fails no message.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const waiting = outboxRows(c)
    expect(waiting.every((r) => r.status === 'queued' || r.status === 'sending')).toBe(true)
    expect(waiting.find((r) => r.last_error)?.last_error).toMatch(/Cannot reach the mail server/)
    const eventId = c.store.sqlite.prepare('SELECT id FROM event').pluck().get() as number
    expect(c.call('reconciliation', { event_id: eventId }).totals.email_pending).toBe(3)

    const server = await smtp({ port })
    await eventually(() => outboxRows(c).every((r) => r.status === 'sent'), 10_000, 'every message sent')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server.arrivals.map((a) => a.to[0]).sort()).toEqual([
      'guest0@example.com',
      'guest1@example.com',
      'guest2@example.com',
    ])
    expect(c.call('reconciliation', { event_id: eventId }).totals).toMatchObject({
      delivered: 3,
      email_pending: 0,
    })
  })

  it('marks a message failed with a clear error after the last attempt when the login is refused', async () => {
    const server = await smtp({ credentials: { user: 'venue', password: 'right-password' } })
    const c = core({
      environment: smtpSettings(server.port, { user: 'venue', password: 'wrong-password' }),
      worker: FAST_RETRIES,
    })
    const sale = sell(c, { name: 'Ann', email: 'ann@example.com' })

    await eventually(() => statusOf(c, 1) === 'failed', 10_000, 'the message to fail')
    const [row] = outboxRows(c)
    expect(row!.attempts).toBe(FAST_RETRIES.maxAttempts)
    expect(row!.last_error).toMatch(/refused the user name or password.*535/)
    expect(row!.last_error).not.toContain('wrong-password')
    expect(server.refusedLogins).toBe(FAST_RETRIES.maxAttempts)
    expect(server.arrivals).toHaveLength(0)
    expect(c.call('reconciliation', { event_id: sale.tickets[0]!.event_id }).totals.email_failed).toBe(1)
  })

  it('sends the queued messages at once when corrected settings are saved after a refused login', async () => {
    const server = await smtp({ credentials: { user: 'venue', password: 'right-password' } })
    // The worker's own timings: a refused login pauses it for 15 s or more.
    const c = core({ worker: true })
    const save = (password: string) =>
      c.call('updateMailSettings', smtpInput(server.port, { user: 'venue', password }))
    save('wrong-password')
    // As many as the worker sends at once, so each meets the refused login.
    for (let i = 0; i < 8; i++) sell(c, { name: `Guest ${i}`, email: `guest${i}@example.com` })
    const refused = () =>
      outboxRows(c).every((r) => r.status === 'queued' && /refused the user name/.test(r.last_error ?? ''))
    await eventually(refused, 10_000, 'every message to meet the refused login')

    save('right-password')
    await eventually(() => server.arrivals.length === 8, 2_000, 'the 8 emails right after the save')
    await eventually(() => outboxRows(c).every((r) => r.status === 'sent'), 2_000, 'all marked sent')
  })

  it('fails a refused recipient at once, without holding up the others', async () => {
    const server = await smtp({ refuse: (address) => address === 'nobody@example.com' })
    const c = core({ environment: smtpSettings(server.port), worker: FAST_RETRIES })
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    const bad = sell(c, { name: 'Nobody', email: 'nobody@example.com' })
    sell(c, { name: 'Cem', email: 'cem@example.com' })

    await eventually(() => outboxRows(c).every((r) => r.status === 'sent' || r.status === 'failed'))
    const rows = outboxRows(c)
    expect(rows.map((r) => r.status)).toEqual(['sent', 'failed', 'sent'])
    expect(rows[1]).toMatchObject({ recipient: 'nobody@example.com', attempts: 1 })
    expect(rows[1]!.last_error).toMatch(/refused the recipient.*550.*no such mailbox/)
    expect(server.arrivals.map((a) => a.to[0]).sort()).toEqual(['ann@example.com', 'cem@example.com'])
    const failed = c.call('listEmails', { sale_id: bad.sale_id, status: 'failed' })
    expect(failed.emails.map((e) => e.recipient)).toEqual(['nobody@example.com'])
  })

  it('drains 1,000 queued messages without losing or doubling one', async () => {
    const server = await smtp()
    const c = core({})
    const eventId = c.call('createEvent', {
      name: 'Big Night',
      starts_at: '2026-12-05T20:00:00Z',
      capacity: 1000,
    }).id
    c.call('seedInventory', { event_id: eventId, count: 1000 })
    for (let i = 0; i < 1000; i++) {
      c.call('assign', {
        event_id: eventId,
        customer: { name: `Guest ${i}`, email: `guest${i}@example.com` },
      })
    }
    await c.stop()

    const restarted = core({ environment: smtpSettings(server.port), worker: FAST_RETRIES }, c.dataDir)
    await eventually(() => server.arrivals.length >= 1000, 60_000, '1,000 arrivals')
    await eventually(() => outboxRows(restarted).every((r) => r.status === 'sent'), 10_000, 'all marked sent')
    const outboxIds = await Promise.all(
      server.arrivals.map(async (a) => (await parseMail(a.raw)).headers.get('x-ticketi-outbox-id')),
    )
    expect(new Set(outboxIds).size).toBe(1000)
    expect(server.arrivals).toHaveLength(1000)
    expect(restarted.call('reconciliation', { event_id: eventId }).totals.delivered).toBe(1000)
  }, 90_000)
})

describe('a crash between sending and marking', () => {
  it('sends the message again at the next start: at-least-once, with the same Message-ID', async () => {
    const server = await smtp()
    const c = core({})
    const sale = sell(c, { name: 'Ann', email: 'ann@example.com' })
    const sqlite = c.store.sqlite
    // What the worker does before it dies: claim the row, and the server accepts the message.
    sqlite.prepare("UPDATE email_outbox SET status = 'sending', attempts = 1").run()
    const row = sqlite.prepare('SELECT * FROM email_outbox').get() as OutboxRow
    const mailer = createMailer(smtpSettings(server.port))!
    await mailer.send(await composeOutboxMessage(row, mailer.from, new Date()))
    mailer.close()
    await c.stop()

    const restarted = core({ environment: smtpSettings(server.port), worker: FAST_RETRIES }, c.dataDir)
    await eventually(() => statusOf(restarted, row.id) === 'sent', 10_000, 'the resend')
    expect(server.arrivals).toHaveLength(2)
    const [first, second] = await Promise.all(server.arrivals.map((a) => parseMail(a.raw)))
    expect(second!.messageId).toBe(first!.messageId)
    expect(outboxRows(restarted)[0]).toMatchObject({ status: 'sent', attempts: 2 })
    const tickets = restarted.call('listTickets', { event_id: sale.tickets[0]!.event_id }, ADMIN).tickets
    expect(tickets.find((t) => t.sale_id === sale.sale_id)?.email_status).toBe('delivered')
  })
})
