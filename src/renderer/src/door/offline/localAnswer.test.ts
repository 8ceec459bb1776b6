import { describe, expect, it } from 'vitest'
import type { CopyTicket } from './doorList'
import { localAnswer } from './localAnswer'

const ctx = {
  station: 'Door 2',
  now: '2026-12-01T21:30:00Z',
  listFrom: '2026-12-01T21:04:00Z',
  venue: { locale: 'en-GB', time_zone: 'UTC' },
}
const reentry = { id: 1, name: 'Jazz Night', allow_reentry: true, code_length: 3 }
const noReentry = { ...reentry, allow_reentry: false }
const sold: CopyTicket = {
  id: 7,
  short_code: '042',
  uuid_hash: 'h',
  status: 'assigned',
  inside: false,
  holder_name: 'Ada Lovelace',
  ticket_type_name: 'Standing',
  checked_in_at: null,
  checked_in_by: null,
}

describe('the answer from the door’s own copy', () => {
  it('lets a sold ticket in and leaves it checked in by this station', () => {
    const { answer, after } = localAnswer(noReentry, sold, '042', 'in', ctx)
    expect(answer).toMatchObject({
      result: 'OK',
      message: 'Welcome, Ada Lovelace!',
      ticket: { id: 7, uuid: '' },
    })
    expect(after).toMatchObject({
      status: 'checked_in',
      inside: true,
      checked_in_at: ctx.now,
      checked_in_by: 'Door 2',
    })
    const twice = localAnswer(noReentry, after!, '042', 'in', ctx)
    expect(twice.answer).toMatchObject({
      result: 'DUPLICATE',
      message: 'Already checked in at 21:30 at Door 2.',
      ticket: null,
    })
    expect(twice.after).toBeNull()
  })

  it('follows the re-entry rules', () => {
    const inside = {
      ...sold,
      status: 'checked_in' as const,
      inside: true,
      checked_in_at: ctx.now,
      checked_in_by: 'Door 2',
    }
    expect(localAnswer(noReentry, inside, '042', 'out', ctx).answer.result).toBe('REENTRY_DISABLED')
    const out = localAnswer(reentry, inside, '042', 'out', ctx)
    expect(out.answer).toMatchObject({
      result: 'OK',
      direction: 'out',
      message: 'Goodbye, Ada Lovelace: see you later.',
    })
    expect(localAnswer(reentry, out.after!, '042', 'out', ctx).answer.result).toBe('NOT_INSIDE')
    expect(localAnswer(reentry, out.after!, '042', 'in', ctx).answer.message).toBe(
      'Welcome back, Ada Lovelace!',
    )
  })

  it('says VOID, NOT_ASSIGNED and UNKNOWN with how old its list is', () => {
    expect(localAnswer(noReentry, { ...sold, status: 'void' }, '042', 'in', ctx).answer.result).toBe('VOID')
    expect(localAnswer(noReentry, { ...sold, status: 'available' }, '042', 'in', ctx).answer.result).toBe(
      'NOT_ASSIGNED',
    )
    expect(localAnswer(noReentry, undefined, '043', 'in', ctx).answer.message).toBe(
      "No ticket with code 043 for Jazz Night. This door's list is from 21:04.",
    )
  })
})
