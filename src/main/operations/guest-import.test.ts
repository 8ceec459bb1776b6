import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TicketiError } from '../../shared/errors'
import { BOX_OFFICE, DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

function count(sql: string, ...params: unknown[]): number {
  return core.store.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number
}

function refusal(run: () => unknown): TicketiError {
  try {
    run()
  } catch (error) {
    if (error instanceof TicketiError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

const list = [
  'Name;E-mail;Phone;Ticket type;Qty',
  'Ann Lee;ann@example.com;;Standard;2',
  'Bob Ray;;+31 6 1234 5678;;1',
  'Zoë Café;zoe@example.com;;;',
].join('\r\n')

describe('importing a guest list', () => {
  it('guesses the columns, sells every guest as a comp with their codes and queues one email per guest', () => {
    const { eventId } = seededEvent(core, 10)
    const result = core.call('importGuestList', { event_id: eventId, csv: list }, BOX_OFFICE)
    expect(result).toMatchObject({
      rows: 3,
      created: 4,
      guests: 3,
      emails_queued: 2,
      errors: [],
      dry_run: false,
    })
    expect(result.mapping).toEqual({
      name: 'Name',
      email: 'E-mail',
      phone: 'Phone',
      ticket_type: 'Ticket type',
      quantity: 'Qty',
    })
    expect(count("SELECT count(*) FROM ticket WHERE status = 'assigned' AND short_code IS NOT NULL")).toBe(4)
    expect(count("SELECT count(*) FROM sale WHERE payment_method = 'comp' AND amount_cents = 0")).toBe(3)
    expect(count('SELECT count(*) FROM email_outbox')).toBe(2)
    expect(count("SELECT count(*) FROM customer WHERE name = 'Zoë Café'")).toBe(1)
  })

  it('reads the bytes of a Windows-1252 file and of a UTF-8 file with a BOM, commas or tabs', () => {
    const { eventId } = seededEvent(core, 10)
    const latin = Buffer.from('Name,Email\r\nZoë Café,zoe@example.com\r\n', 'latin1')
    const fromExcel = core.call('importGuestList', {
      event_id: eventId,
      csv_base64: latin.toString('base64'),
    })
    expect(fromExcel).toMatchObject({ encoding: 'windows-1252', created: 1 })
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Name\tEmail\nRené Ño\trene@example.com\n'),
    ])
    const fromSheets = core.call('importGuestList', { event_id: eventId, csv_base64: bom.toString('base64') })
    expect(fromSheets).toMatchObject({
      encoding: 'utf-8',
      created: 1,
      mapping: { name: 'Name', email: 'Email' },
    })
    expect(count("SELECT count(*) FROM customer WHERE name IN ('Zoë Café', 'René Ño')")).toBe(2)
  })

  it('lists every bad row with its row number, column and what to do, and creates nobody', () => {
    const { eventId } = seededEvent(core, 10)
    const bad = [
      'Name,Email,Type,Quantity,Paid',
      'Ann Lee,ann@example.com,Standard,1,cash',
      ',nobody@example.com,,1,',
      'Cy Fox,not-an-email,VIP,two,',
      'Dee Ash,ANN@example.com,,1,bitcoin',
    ].join('\n')
    const result = core.call('importGuestList', {
      event_id: eventId,
      csv: bad,
      mapping: {
        name: 'Name',
        email: 'Email',
        ticket_type: 'Type',
        quantity: 'Quantity',
        payment_method: 'Paid',
      },
    })
    expect(result.created).toBe(0)
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Name'],
      [4, 'Type'],
      [4, 'Email'],
      [4, 'Quantity'],
      [5, 'Paid'],
      [5, 'Email'],
    ])
    expect(result.errors.find((e) => e.row === 4 && e.column === 'Type')!.message).toContain(
      'use one of: Standard',
    )
    expect(result.errors.find((e) => e.row === 5 && e.column === 'Email')!.message).toContain(
      'Same email as row 2',
    )
    expect(count('SELECT count(*) FROM sale')).toBe(0)
    expect(count("SELECT count(*) FROM ticket WHERE status = 'available'")).toBe(10)
  })

  it('flags the row where the list runs past the tickets left, and sells nobody', () => {
    const { eventId } = seededEvent(core, 3)
    const result = core.call('importGuestList', {
      event_id: eventId,
      csv: 'name,quantity\nAnn,2\nBob,1\nCy,1\n',
    })
    expect(result.errors).toEqual([
      { row: 4, column: 'quantity', message: expect.stringContaining('Only 3 tickets are left') },
    ])
    expect(count('SELECT count(*) FROM sale')).toBe(0)
  })

  it('makes a dry run that checks everything and changes nothing', () => {
    const { eventId } = seededEvent(core, 10)
    const result = core.call('importGuestList', { event_id: eventId, csv: list, dry_run: true })
    expect(result).toMatchObject({ rows: 3, created: 0, errors: [], dry_run: true })
    expect(count('SELECT count(*) FROM sale')).toBe(0)
    expect(count('SELECT count(*) FROM email_outbox')).toBe(0)
  })

  it('records paid guests with the payment method given and the ticket price', () => {
    const { eventId } = seededEvent(core, 10)
    core.call('importGuestList', { event_id: eventId, csv: 'Name\nAnn\nBob\n', payment_method: 'card' })
    expect(count("SELECT sum(amount_cents) FROM sale WHERE payment_method = 'card'")).toBe(3000)
  })

  it('refuses a file without a name column, a mapping to a missing column, a door station and a list that is too long', () => {
    const { eventId } = seededEvent(core, 10)
    expect(
      refusal(() => core.call('importGuestList', { event_id: eventId, csv: 'Email\na@example.com\n' }))
        .message,
    ).toContain("Choose which column holds the guests' names")
    expect(
      refusal(() =>
        core.call('importGuestList', { event_id: eventId, csv: 'Name\nAnn\n', mapping: { name: 'Guest' } }),
      ).message,
    ).toContain('no column "Guest"')
    expect(
      refusal(() => core.call('importGuestList', { event_id: eventId, csv: 'Name\nAnn\n' }, DOOR)).code,
    ).toBe('FORBIDDEN')
    const huge = 'Name\n' + 'Ann\n'.repeat(20_001)
    const tooLong = refusal(() => core.call('importGuestList', { event_id: eventId, csv: huge }))
    expect(tooLong.code).toBe('PAYLOAD_TOO_LARGE')
    expect(tooLong.message).toContain('at most 20,000')
    expect(refusal(() => core.call('importGuestList', { event_id: eventId })).code).toBe('VALIDATION')
    expect(count('SELECT count(*) FROM sale')).toBe(0)
  })

  it('tells the stations once that tickets moved, not once per guest', () => {
    const { eventId } = seededEvent(core, 10)
    const heard: string[] = []
    core.afterCommit.subscribe((writes) =>
      writes.forEach((w) =>
        w.changes.forEach((c) => heard.push(c.kind === 'live' ? `live ${c.type}` : c.kind)),
      ),
    )
    core.call('importGuestList', { event_id: eventId, csv: list })
    expect(heard.filter((k) => k === 'live sale')).toHaveLength(1)
    expect(heard.filter((k) => k === 'mailQueued')).toHaveLength(2)
  })
})
