import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isEffect, operations, type OperationName } from '../shared/contract'
import { check, createDispatcher, type CheckedCall, type DispatcherOptions } from './dispatcher'
import { handlers } from './operations'
import { ADMIN, DOOR, openTestCore, type TestCore } from '../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

const night = { name: 'Jazz Night', starts_at: '2026-12-01T20:00:00Z', capacity: 100 }

/** A dispatcher whose createEvent writes the event, then fails. */
function failingCreateEvent(options: DispatcherOptions) {
  return createDispatcher(
    core.store,
    {
      ...handlers,
      createEvent: (input, ctx) => {
        handlers.createEvent(input, ctx)
        throw new Error('disk on fire')
      },
    },
    options,
  )
}

describe('the dispatcher', () => {
  it('has exactly one handler for every operation of the contract, and the core one effect for the others', () => {
    const names = Object.keys(operations) as OperationName[]
    expect(Object.keys(handlers).sort()).toEqual(names.filter((n) => !isEffect(n)).sort())
    expect(Object.keys(core.effects).sort()).toEqual(names.filter(isEffect).sort())
  })

  it('answers with the result on success', () => {
    const outcome = core.dispatch('createEvent', night, ADMIN)
    expect(outcome).toMatchObject({ ok: true, value: { name: 'Jazz Night', capacity: 100 } })
  })

  it.each([
    ['an unknown operation', 'dropDatabase', {}, 'NOT_FOUND'],
    ['a wrong type', 'createEvent', { ...night, capacity: '100' }, 'VALIDATION'],
    ['an unknown field', 'createEvent', { ...night, admin: true }, 'VALIDATION'],
    ['a missing field', 'createEvent', { name: 'x' }, 'VALIDATION'],
    ['no input at all', 'createEvent', undefined, 'VALIDATION'],
    ['a non-object input', 'createEvent', 'Jazz Night', 'VALIDATION'],
    ['a prototype name', 'constructor', {}, 'NOT_FOUND'],
  ])('refuses %s with a stable code and changes nothing', (_what, name, input, code) => {
    const outcome = core.dispatch(name, input, ADMIN)
    expect(outcome).toMatchObject({ ok: false, error: { code, error: expect.any(String) } })
    expect(core.store.sqlite.prepare('SELECT count(*) FROM event').pluck().get()).toBe(0)
  })

  it('names the field at fault in a validation message', () => {
    const outcome = core.dispatch('createEvent', { ...night, capacity: -1 }, ADMIN)
    expect(outcome.ok === false && outcome.error.error).toMatch(/^capacity: /)
  })

  it('gives each validation problem as data, with its path, beside the sentence for a person', () => {
    const event = core.call('createEvent', night)
    const outcome = core.dispatch(
      'assign',
      { event_id: event.id, customer: { name: 'Ann', email: 'ann@', phone: 'call me' }, quantity: 0 },
      ADMIN,
    )
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        error: expect.stringMatching(/^customer\.email: Type an email address like ann@example\.com; /),
        details: [
          { path: 'customer.email', message: 'Type an email address like ann@example.com' },
          { path: 'customer.phone', message: expect.stringMatching(/^Type a phone number/) },
          { path: 'quantity', message: 'Sell at least 1 ticket' },
        ],
      },
    })
  })

  it.each([
    ['an empty name', { customer: { name: '  ', email: 'a@example.com' } }, 'customer.name'],
    ['no name beside an email', { customer: { email: 'a@example.com' } }, 'customer.name'],
    ['a name that is not text', { customer: { name: 7 } }, 'customer.name'],
    ['a quantity that is text', { customer: { name: 'A' }, quantity: 'two' }, 'quantity'],
    ['a fraction of a ticket', { customer: { name: 'A' }, quantity: 1.5 }, 'quantity'],
    ['too many tickets', { customer: { name: 'A' }, quantity: 101 }, 'quantity'],
    ['an unknown payment', { customer: { name: 'A' }, payment_method: 'iou' }, 'payment_method'],
    ['an empty holder', { customer: { name: 'A' }, holder_name: '' }, 'holder_name'],
  ])('tells the box office about %s in its own words, never a validator’s', (_what, input, path) => {
    const event = core.call('createEvent', night)
    const outcome = core.dispatch('assign', { event_id: event.id, ...input }, ADMIN)
    if (outcome.ok) throw new Error('expected a refusal')
    const details = outcome.error.details as Array<{ path: string; message: string }>
    expect(details.map((d) => d.path)).toEqual([path])
    expect(details[0]!.message).toMatch(/^(Type|Sell|Choose)/)
    expect(details[0]!.message).not.toMatch(/expected|Invalid|Too (small|big)|>=|<=/)
  })

  it('checks the role before looking at the input', () => {
    expect(core.dispatch('createEvent', { bad: 1 }, DOOR)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('rolls back everything a failing handler wrote and hides internal errors', () => {
    const logged: unknown[] = []
    const broken = failingCreateEvent({ logError: (error) => logged.push(error) })
    expect(broken.dispatch('createEvent', night, ADMIN)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', error: 'Something went wrong inside Ticketi; nothing was changed.' },
    })
    expect(logged).toHaveLength(1)
    expect(core.store.sqlite.prepare('SELECT count(*) FROM event').pluck().get()).toBe(0)
    expect(core.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0)
  })

  it('rolls back a write committed alone, without a savepoint, as a whole, and announces nothing', () => {
    const logged: unknown[] = []
    const announced: unknown[] = []
    const broken = failingCreateEvent({
      logError: (error) => logged.push(error),
      afterCommit: { committed: (w) => announced.push(...w) },
    })
    const call = check('createEvent', night, ADMIN) as CheckedCall<'write'>
    const commit = broken.commitUnsynced([call])
    commit.announce()
    expect(commit.outcomes).toEqual([
      {
        ok: false,
        error: { code: 'INTERNAL', error: 'Something went wrong inside Ticketi; nothing was changed.' },
      },
    ])
    expect(logged).toHaveLength(1)
    expect(announced).toEqual([])
    expect(core.store.sqlite.inTransaction).toBe(false)
    expect(core.store.sqlite.prepare('SELECT count(*) FROM event').pluck().get()).toBe(0)
    expect(core.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0)
  })
})
