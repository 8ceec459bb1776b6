// Admins managing operators through the contract (Settings, or the LAN API).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setUpOperators, signIn } from '../operators'
import { BOX_OFFICE, DOOR, openTestCore, type TestCore } from '../../../test/support/core'

const PINS = { admin: '918273', boxoffice: '2468', door: '1357' }
const STATION = 'this laptop'

let core: TestCore
beforeEach(() => {
  core = openTestCore()
  setUpOperators(core.store, PINS, new Date(), { operator: 'first run', station: STATION })
})
afterEach(() => core.dispose())

const lockDoor = () => {
  for (let i = 0; i < 5; i++) expect(() => signIn(core.store, 'door', '0000', new Date(), STATION)).toThrow()
}

describe('listOperators', () => {
  it('shows each operator and a running lock, never a PIN or hash', () => {
    lockDoor()
    const operators = core.call('listOperators', {})
    expect(operators).toEqual([
      { id: 1, name: 'Admin', role: 'admin', locked_until: null },
      { id: 2, name: 'Box office', role: 'boxoffice', locked_until: null },
      { id: 3, name: 'Door', role: 'door', locked_until: expect.any(String) },
    ])
    expect(Date.parse(operators[2]!.locked_until!)).toBeGreaterThan(Date.now())
    expect(JSON.stringify(operators)).not.toMatch(/scrypt|1357/)
  })

  it.each([DOOR, BOX_OFFICE])('is for admins only, not for a %j', (who) => {
    expect(() => core.call('listOperators', {}, who)).toThrow(/may not do "listOperators"/)
  })
})

describe('setOperatorPin', () => {
  it('gives a new PIN, lifts the lock and logs the change without the PIN', () => {
    lockDoor()
    expect(core.call('setOperatorPin', { operator_id: 3, pin: '8642' })).toEqual({
      id: 3,
      name: 'Door',
      role: 'door',
      locked_until: null,
    })
    expect(signIn(core.store, 'door', '8642', new Date(), STATION).name).toBe('Door')
    const logged = core.store.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE action = 'set pin'")
      .get() as { before: string; after: string }
    expect(JSON.parse(logged.before)).toMatchObject({ id: 3, locked_until: expect.any(String) })
    expect(JSON.parse(logged.after)).toMatchObject({ id: 3, locked_until: null })
    expect(JSON.stringify(logged)).not.toMatch(/8642|scrypt/)
  })

  it.each([
    [{ operator_id: 3, pin: '12' }, /pin: must be 4 to 8 digits/],
    [{ operator_id: 3, pin: '１２３４' }, /pin: must be 4 to 8 digits/],
    [{ operator_id: 3, pin: 1234 }, /pin/],
    [{ operator_id: 3, pin: PINS.admin }, /admin PIN must differ/],
    [{ operator_id: 1, pin: PINS.door }, /admin PIN must differ/],
    [{ operator_id: 99, pin: '8642' }, /no operator with id 99/],
  ])('refuses %j and keeps the old PIN', (input, message) => {
    expect(() => core.call('setOperatorPin', input as never)).toThrow(message)
    expect(signIn(core.store, 'door', PINS.door, new Date(), STATION).name).toBe('Door')
  })

  it('is for admins only', () => {
    expect(() => core.call('setOperatorPin', { operator_id: 3, pin: '8642' }, DOOR)).toThrow(/may not/)
  })
})
