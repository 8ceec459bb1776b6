// The codes email as a customer reads it: wording for one ticket or several,
// what was paid and how, the start in the venue's time zone and locale (never
// "UTC" unless the venue is there), and a sender named after the venue.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ParsedMail } from 'mailparser'
import { describe, expect, it } from 'vitest'
import type { InputOf } from '../../shared/contract'
import { eventually } from '../../../test/support/smtp'
import {
  FAST_RETRIES,
  mailFixtures,
  outboxRows,
  parseMail,
  type MailCore,
} from '../../../test/support/mail-core'

const { core } = mailFixtures()

/** A night at 19:00 UTC: 20:00 in Paris, 19:00 in London. */
function night(c: MailCore, venue = 'The Cellar') {
  const event = c.call('createEvent', {
    name: 'Jazz Night',
    venue,
    starts_at: '2026-12-01T19:00:00Z',
    ends_at: '2026-12-01T22:30:00Z',
    capacity: 100,
  })
  const type = c.call('addTicketType', { event_id: event.id, name: 'Standard', price_cents: 2500 })
  c.call('seedInventory', { event_id: event.id, count: 10, ticket_type_id: type.id })
  return event.id
}

/** Sells, lets the file transport write the message, and reads it as a mail client would. */
async function sold(c: MailCore, sale: InputOf<'assign'>): Promise<ParsedMail> {
  const before = outboxRows(c).length
  c.call('assign', sale)
  await eventually(
    () => outboxRows(c).length > before && outboxRows(c).every((r) => r.status === 'sent'),
    10_000,
    'the message to be written',
  )
  const dir = join(c.dataDir, 'mail')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
  const raws = files.map((f) => readFileSync(join(dir, f)))
  const mails = await Promise.all(raws.map(parseMail))
  return mails.find((m) => m.to && JSON.stringify(m.to).includes(sale.customer.email!))!
}

function calendarOf(mail: ParsedMail): string {
  return mail.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8')
}

describe('the codes email', () => {
  it('says "here are your 3 tickets", what was paid by card, and 20:00 in Paris time', async () => {
    const c = core({ worker: FAST_RETRIES })
    c.call('updateVenueSettings', { locale: 'fr-FR', time_zone: 'Europe/Paris' })
    const eventId = night(c)
    const mail = await sold(c, {
      event_id: eventId,
      customer: { name: 'Ann', email: 'ann@example.com' },
      quantity: 3,
      payment_method: 'card',
    })

    expect(mail.subject).toBe('Your 3 tickets for Jazz Night')
    expect(mail.text).toContain('Here are your 3 tickets for Jazz Night at The Cellar')
    expect(mail.text).toContain('mardi 1 décembre 2026 à 20:00 heure d’Europe centrale')
    expect(mail.text).toMatch(/Paid 75,00\s€ by card\./)
    expect(mail.text).not.toContain('UTC')
    expect(mail.html).toContain('Hello Ann, here are your 3 tickets.')
    expect(mail.html).toContain('20:00 heure d’Europe centrale')
    expect(mail.html).toMatch(/Paid 75,00\s€ by card\./)

    const calendar = calendarOf(mail)
    expect(calendar).toContain('X-WR-TIMEZONE:Europe/Paris')
    expect(calendar).toContain('DTSTART:20261201T190000Z')
    expect(calendar.replace(/\r\n /g, '')).toContain('DESCRIPTION:mardi 1 décembre 2026 à 20:00')
  })

  it('says "here is your ticket" for one, "Complimentary" for a comp, in London time', async () => {
    const c = core({ worker: FAST_RETRIES })
    c.call('updateVenueSettings', { locale: 'en-GB', time_zone: 'Europe/London' })
    const eventId = night(c)
    const mail = await sold(c, {
      event_id: eventId,
      customer: { name: 'Bob', email: 'bob@example.com' },
      payment_method: 'comp',
    })

    expect(mail.subject).toBe('Your ticket for Jazz Night')
    expect(mail.text).toContain(
      'Here is your ticket for Jazz Night at The Cellar, Tuesday, 1 December 2026 at 19:00',
    )
    expect(mail.text).toContain('Complimentary.')
    expect(mail.text).not.toContain('Paid')
    expect(mail.html).toContain('Hello Bob, here is your ticket.')
    expect(mail.html).toContain('Complimentary.')
  })

  it('says how much was paid in cash, in the venue currency format', async () => {
    const c = core({ worker: FAST_RETRIES })
    c.call('updateVenueSettings', { locale: 'en-GB', time_zone: 'Europe/London' })
    const eventId = night(c)
    const mail = await sold(c, {
      event_id: eventId,
      customer: { name: 'Cat', email: 'cat@example.com' },
      quantity: 2,
    })
    expect(mail.text).toContain('Paid €50.00 in cash.')
  })

  it('comes from the venue by name when no sender name is set, else from the event', async () => {
    const c = core({ worker: FAST_RETRIES })
    const eventId = night(c)
    const fromVenue = await sold(c, {
      event_id: eventId,
      customer: { name: 'Ann', email: 'ann@example.com' },
    })
    expect(fromVenue.from?.value[0]).toEqual({ name: 'The Cellar', address: 'tickets@localhost' })

    c.call('updateEvent', { event_id: eventId, venue: '' })
    const fromEvent = await sold(c, {
      event_id: eventId,
      customer: { name: 'Bob', email: 'bob@example.com' },
    })
    expect(fromEvent.from?.value[0]).toEqual({ name: 'Jazz Night', address: 'tickets@localhost' })

    c.call('updateMailSettings', { transport: 'file', from_name: 'Jazz Club' })
    const named = await sold(c, { event_id: eventId, customer: { name: 'Cat', email: 'cat@example.com' } })
    expect(named.from?.value[0]).toEqual({ name: 'Jazz Club', address: 'tickets@localhost' })
  })

  it('follows the host system while no venue format is saved', async () => {
    const c = core({ worker: FAST_RETRIES })
    const shown = c.call('getVenueSettings', {})
    const system = new Intl.DateTimeFormat().resolvedOptions()
    expect(shown).toMatchObject({
      locale: system.locale,
      time_zone: system.timeZone,
      saved_locale: null,
      saved_time_zone: null,
      system_locale: system.locale,
      system_time_zone: system.timeZone,
    })
  })
})
