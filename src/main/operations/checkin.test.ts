import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Principal } from '../../shared/principal'
import { BOX_OFFICE, DOOR, openTestCore, seededEvent, type TestCore } from '../../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

function sell(eventId: number, quantity = 1) {
  return core.call('assign', {
    event_id: eventId,
    customer: { name: 'Ann Lee', email: 'ann@example.com' },
    quantity,
  }).tickets
}

function ticketRow(id: number) {
  return core.store.sqlite.prepare('SELECT * FROM ticket WHERE id = ?').get(id)
}

function checkinCount(): number {
  return core.store.sqlite.prepare('SELECT count(*) FROM checkin').pluck().get() as number
}

describe('checking in at the door', () => {
  it('admits an assigned code once, recording time and station', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    const answer = core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    expect(answer).toMatchObject({
      result: 'OK',
      direction: 'in',
      message: 'Welcome, Ann Lee!',
      ticket: { id: ticket!.id, holder_name: 'Ann Lee', ticket_type_name: 'Standard', status: 'checked_in' },
    })
    expect(ticketRow(ticket!.id)).toMatchObject({ status: 'checked_in', checked_in_by: 'Door 1', inside: 1 })
    expect((ticketRow(ticket!.id) as { checked_in_at: string }).checked_in_at).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('answers DUPLICATE with the first time and station, changing nothing', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    const before = ticketRow(ticket!.id) as { checked_in_at: string }
    const other: Principal = { ...DOOR, station: 'Door 2' }
    const answer = core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, other)
    expect(answer).toMatchObject({
      result: 'DUPLICATE',
      first_checked_in_at: before.checked_in_at,
      first_station: 'Door 1',
      message: expect.stringMatching(/Already checked in at .* at Door 1/),
      // A DUPLICATE proves the code exists, so it names nobody: when and where is what the door needs.
      ticket: null,
    })
    expect(JSON.stringify(answer)).not.toMatch(/Ann Lee|uuid/)
    expect(JSON.stringify(answer)).not.toContain(ticket!.uuid)
    expect(ticketRow(ticket!.id)).toEqual(before)
  })

  it('names the host’s own identities after people in a DUPLICATE', () => {
    const { eventId } = seededEvent(core, 10)
    const [byAdmin, byLaptop, byKiosk] = sell(eventId, 3)
    const stations: Array<[string, string]> = [
      ['admin token', 'Admin'],
      ['this laptop', 'Box office'],
      ['door kiosk', 'Door kiosk'],
    ]
    for (const [i, t] of [byAdmin, byLaptop, byKiosk].entries()) {
      const [station, shown] = stations[i]!
      core.call('checkIn', { event_id: eventId, code: t!.short_code! }, { ...DOOR, station })
      expect(core.call('checkIn', { event_id: eventId, code: t!.short_code! }, DOOR)).toMatchObject({
        result: 'DUPLICATE',
        first_station: shown,
        message: expect.stringMatching(new RegExp(`at ${shown}\\.$`)),
      })
    }
  })

  it("says when the guest first came in on the venue's clock", () => {
    core.call('updateVenueSettings', { locale: 'en-GB', time_zone: 'Asia/Kolkata' })
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    // Put the first admission at a known instant: 14:45 UTC is 20:15 in Kolkata.
    core.store.sqlite
      .prepare('UPDATE ticket SET checked_in_at = ? WHERE id = ?')
      .run('2026-12-01T14:45:00.000Z', ticket!.id)
    const answer = core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    expect(answer.message).toBe('Already checked in at 20:15 at Door 1.')
  })

  it("follows the venue's clock when Settings change it between two scans", () => {
    core.call('updateVenueSettings', { locale: 'en-GB', time_zone: 'Asia/Kolkata' })
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    const code = ticket!.short_code!
    core.call('checkIn', { event_id: eventId, code }, DOOR)
    core.store.sqlite
      .prepare('UPDATE ticket SET checked_in_at = ? WHERE id = ?')
      .run('2026-12-01T14:45:00.000Z', ticket!.id)
    expect(core.call('checkIn', { event_id: eventId, code }, DOOR).message).toBe(
      'Already checked in at 20:15 at Door 1.',
    )
    // The door keeps its last reading of the settings: a new one must not be missed.
    core.call('updateVenueSettings', { locale: 'en-US', time_zone: 'America/New_York' })
    expect(core.call('checkIn', { event_id: eventId, code }, DOOR).message).toBe(
      'Already checked in at 9:45 AM at Door 1.',
    )
  })

  it('answers UNKNOWN for a code nobody holds', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    const unused = ticket!.short_code === '123' ? '124' : '123'
    expect(core.call('checkIn', { event_id: eventId, code: unused }, DOOR)).toMatchObject({
      result: 'UNKNOWN',
      ticket: null,
    })
  })

  it('answers WRONG_EVENT naming the event a code or scanned ticket belongs to', () => {
    const tonight = seededEvent(core, 10)
    const tomorrow = seededEvent(core, 10, { name: 'Folk Night', starts_at: '2026-12-02T20:00:00Z' })
    const [theirs] = sell(tomorrow.eventId)
    const taken = new Set(
      core.call('listTickets', { event_id: tonight.eventId }).tickets.map((t) => t.short_code),
    )
    expect(taken.has(theirs!.short_code)).toBe(false)
    for (const code of [theirs!.short_code!, theirs!.uuid]) {
      const answer = core.call('checkIn', { event_id: tonight.eventId, code }, { ...DOOR, station: code })
      expect(answer).toMatchObject({
        result: 'WRONG_EVENT',
        message: 'This ticket is for Folk Night.',
        other_event: { id: tomorrow.eventId, name: 'Folk Night' },
        ticket: null,
      })
      expect(JSON.stringify(answer)).not.toContain('Ann Lee')
    }
    expect(ticketRow(theirs!.id)).toMatchObject({ status: 'assigned' })
  })

  it('answers VOID for a voided ticket and NOT_ASSIGNED for an unsold one', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    core.store.sqlite.prepare("UPDATE ticket SET status = 'void' WHERE id = ?").run(ticket!.id)
    expect(core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR).result).toBe('VOID')
    const unsold = core.call('listTickets', { event_id: eventId, status: 'available' }).tickets[0]!
    expect(core.call('checkIn', { event_id: eventId, code: unsold.uuid.toUpperCase() }, DOOR)).toMatchObject({
      result: 'NOT_ASSIGNED',
      ticket: null,
    })
    // The log still says which ticket each refusal was about.
    const logged = core.store.sqlite.prepare('SELECT ticket_id FROM checkin ORDER BY id').pluck().all()
    expect(logged).toEqual([ticket!.id, unsold.id])
  })

  it('checks in a scanned ticket uuid', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    expect(core.call('checkIn', { event_id: eventId, code: ticket!.uuid }, DOOR).result).toBe('OK')
  })

  it('logs every attempt, accepted or not', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    core.call('checkIn', { event_id: eventId, code: '99999' }, DOOR)
    const log = core.store.sqlite
      .prepare('SELECT code_typed, result, station, direction FROM checkin ORDER BY id')
      .all()
    expect(log).toEqual([
      { code_typed: ticket!.short_code, result: 'OK', station: 'Door 1', direction: 'in' },
      { code_typed: ticket!.short_code, result: 'DUPLICATE', station: 'Door 1', direction: 'in' },
      { code_typed: '99999', result: 'UNKNOWN', station: 'Door 1', direction: 'in' },
    ])
  })

  it('answers a retried nonce with the original answer and never counts it twice', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    const request = { event_id: eventId, code: ticket!.short_code!, nonce: 'tablet-1-0001' }
    const first = core.call('checkIn', request, DOOR)
    const retry = core.call('checkIn', request, DOOR)
    expect(first.result).toBe('OK')
    expect(retry).toEqual(first)
    expect(checkinCount()).toBe(1)
    expect(() => core.call('checkIn', { ...request, code: '000' }, DOOR)).toThrow(/nonce/)
  })

  it('undoes an admission with a reason, so the guest can be let in again', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    expect(
      core.call('undoCheckIn', { ticket_id: ticket!.id, reason: 'Wrong person waved through' }, DOOR),
    ).toEqual({
      ticket_id: ticket!.id,
      status: 'assigned',
    })
    expect(ticketRow(ticket!.id)).toMatchObject({ status: 'assigned', checked_in_at: null, inside: 0 })
    const audit = core.store.sqlite
      .prepare("SELECT after FROM audit_log WHERE action = 'undo_check_in'")
      .pluck()
      .get() as string
    expect(JSON.parse(audit)).toEqual({ reason: 'Wrong person waved through' })
    expect(() => core.call('undoCheckIn', { ticket_id: ticket!.id, reason: 'again' }, DOOR)).toThrow(
      /nothing to undo/,
    )
    expect(() => core.call('undoCheckIn', { ticket_id: ticket!.id, reason: '' }, DOOR)).toThrow(/reason/)
    expect(core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR).result).toBe('OK')
  })

  it('lets guests out and back in where the event allows re-entry, counting who is inside', () => {
    const { eventId } = seededEvent(core, 10, { allow_reentry: true })
    const [a, b] = sell(eventId, 2)
    const scan = (code: string, direction: 'in' | 'out') =>
      core.call('checkIn', { event_id: eventId, code, direction }, DOOR).result
    const insideNow = () => core.call('reconciliation', { event_id: eventId }).totals.inside_now
    expect(scan(a!.short_code!, 'out')).toBe('NOT_INSIDE')
    expect(scan(a!.short_code!, 'in')).toBe('OK')
    expect(scan(b!.short_code!, 'in')).toBe('OK')
    expect(insideNow()).toBe(2)
    expect(scan(a!.short_code!, 'out')).toBe('OK')
    expect(insideNow()).toBe(1)
    expect(scan(a!.short_code!, 'out')).toBe('NOT_INSIDE')
    expect(scan(a!.short_code!, 'in')).toBe('OK')
    expect(scan(a!.short_code!, 'in')).toBe('DUPLICATE')
    expect(insideNow()).toBe(2)
    expect(core.call('reconciliation', { event_id: eventId }).totals.checked_in).toBe(2)
  })

  it('refuses exit scans where the event does not allow re-entry', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    expect(
      core.call('checkIn', { event_id: eventId, code: ticket!.short_code!, direction: 'out' }, DOOR).result,
    ).toBe('REENTRY_DISABLED')
    expect(ticketRow(ticket!.id)).toMatchObject({ inside: 1 })
  })

  it('makes a station that typed an unknown code wait, but not the other doors nor a scan', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket, scanned] = sell(eventId, 2)
    expect(core.call('checkIn', { event_id: eventId, code: '9999' }, DOOR).result).toBe('UNKNOWN')
    const blocked = core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, DOOR)
    expect(blocked).toMatchObject({ result: 'THROTTLED', ticket: null, retry_after_s: 2 })
    expect(ticketRow(ticket!.id)).toMatchObject({ status: 'assigned' })
    expect(core.call('checkIn', { event_id: eventId, code: scanned!.uuid }, DOOR).result).toBe('OK')
    const otherDoor: Principal = { ...DOOR, station: 'Door 2' }
    expect(core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, otherDoor).result).toBe(
      'OK',
    )
  })

  it('is for door staff and admins only', () => {
    const { eventId } = seededEvent(core, 10)
    const [ticket] = sell(eventId)
    expect(() => core.call('checkIn', { event_id: eventId, code: ticket!.short_code! }, BOX_OFFICE)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )
    expect(checkinCount()).toBe(0)
  })
})
