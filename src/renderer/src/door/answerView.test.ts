import { describe, expect, it } from 'vitest'
import type { CheckInAnswer } from '../../../shared/views'
import { answerView } from './answerView'

const ticket: CheckInAnswer['ticket'] = {
  id: 7,
  uuid: '123e4567-e89b-42d3-a456-426614174000',
  short_code: '042',
  ticket_type_name: 'General',
  holder_name: 'Ann Example',
  status: 'checked_in',
}

const answer = (result: CheckInAnswer['result'], more: Partial<CheckInAnswer> = {}): CheckInAnswer => ({
  result,
  direction: 'in',
  message: 'No ticket with code 999 for Jazz Night.',
  checkin_id: 1,
  ticket,
  ...more,
})

describe('what the door says', () => {
  it('tells the volunteer what to do on every refusal, and nothing extra on a welcome', () => {
    expect(answerView(answer('OK')).instruction).toBeNull()
    expect(answerView(answer('UNKNOWN', { ticket: null })).instruction).toBe('Do not let in')
    expect(answerView(answer('VOID')).instruction).toBe('Do not let in')
    expect(answerView(answer('DUPLICATE')).instruction).toBe('Already in: check with a supervisor')
    const other = { id: 2, name: 'Blues Night', starts_at: '2026-12-02T20:00:00Z' }
    expect(answerView(answer('WRONG_EVENT', { other_event: other })).instruction).toBe('Send to Blues Night')
  })

  it('reads well without the ticket, which the host sends with an OK only', () => {
    const other = { id: 2, name: 'Blues Night', starts_at: '2026-12-02T20:00:00Z' }
    const refusals: CheckInAnswer[] = [
      answer('DUPLICATE', {
        ticket: null,
        first_checked_in_at: '2026-12-01T20:14:00Z',
        first_station: 'Door 2',
      }),
      answer('WRONG_EVENT', { ticket: null, other_event: other }),
      answer('VOID', { ticket: null }),
      answer('NOT_ASSIGNED', { ticket: null }),
      answer('NOT_INSIDE', { ticket: null, direction: 'out' }),
      answer('REENTRY_DISABLED', {
        ticket: null,
        direction: 'out',
        message: 'Jazz Night does not allow re-entry.',
      }),
      answer('THROTTLED', { ticket: null, retry_after_s: 4 }),
    ]
    for (const refusal of refusals) {
      const view = answerView(refusal)
      const shown = [view.verdict, view.headline, view.detail, view.instruction].join(' ')
      expect(shown).not.toMatch(/Guest|undefined|null/)
      expect(view.headline.length).toBeGreaterThan(0)
      expect(view.instruction).toBeTruthy()
    }
    expect(answerView(refusals[0]!).headline).toMatch(/^Already in since .+ at\u00a0Door 2$/)
  })

  it('names the host’s own identities after people where a guest is already in', () => {
    const at = '2026-12-01T20:14:00Z'
    const inBy = (station: string) =>
      answerView(answer('DUPLICATE', { first_checked_in_at: at, first_station: station })).headline
    expect(inBy('admin token')).toMatch(/at\u00a0Admin$/)
    expect(inBy('this laptop')).toMatch(/at\u00a0Box office$/)
    expect(inBy('Door 2')).toMatch(/at\u00a0Door 2$/)
  })
})
