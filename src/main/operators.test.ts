// Operators' PINs: how they are kept, the first run, and the lockout after wrong PINs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TicketiError } from '../shared/errors'
import {
  changePin,
  hashPin,
  hasOperators,
  pinMatches,
  setUpOperators,
  signIn,
  WRONG_PINS_BEFORE_LOCK,
} from './operators'
import { auditActions, openTestStore, type TestStore } from '../../test/support/shell-store'

const PINS = { admin: '918273', boxoffice: '2468', door: '1357' }
const T0 = new Date('2026-12-01T19:00:00Z')
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000)
const STATION = 'this laptop'

function refusal(run: () => unknown): TicketiError {
  try {
    run()
  } catch (error) {
    if (error instanceof TicketiError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('PIN hashes', () => {
  it('match the PIN they were made from and no other', () => {
    const stored = hashPin('4321')
    expect(pinMatches('4321', stored)).toBe(true)
    expect(pinMatches('4322', stored)).toBe(false)
    expect(pinMatches('43210', stored)).toBe(false)
  })

  it('are salted, so one PIN never gives the same hash twice, and never contain the PIN', () => {
    const [a, b] = [hashPin('4321'), hashPin('4321')]
    expect(a).not.toBe(b)
    expect(a).not.toContain('4321')
    expect(a).toMatch(/^scrypt:/)
  })

  it.each(['', 'plain', 'scrypt:1:8:1:c2FsdA==:a2V5', 'scrypt:16384:8:1::'])(
    'a damaged hash %j matches nothing',
    (h) => {
      expect(pinMatches('4321', h)).toBe(false)
    },
  )
})

describe('the first run', () => {
  let store: TestStore
  beforeEach(() => (store = openTestStore()))
  afterEach(() => store.dispose())

  it('creates Admin, Box office and Door with their roles, audited without the PINs', () => {
    expect(hasOperators(store)).toBe(false)
    setUpOperators(store, PINS, T0, { operator: 'first run', station: STATION })
    expect(hasOperators(store)).toBe(true)
    const rows = store.sqlite
      .prepare('SELECT name, role, pin_hash FROM operator ORDER BY id')
      .all() as Array<{
      name: string
      role: string
      pin_hash: string
    }>
    expect(rows.map(({ name, role }) => [name, role])).toEqual([
      ['Admin', 'admin'],
      ['Box office', 'boxoffice'],
      ['Door', 'door'],
    ])
    expect(pinMatches('1357', rows[2]!.pin_hash)).toBe(true)
    expect(auditActions(store)).toEqual(['create', 'create', 'create'])
    const log = JSON.stringify(store.sqlite.prepare('SELECT * FROM audit_log').all())
    expect(log).not.toContain('918273')
    expect(log).not.toContain('scrypt')
  })

  it.each([
    [{ ...PINS, door: '12' }, 'door PIN must be 4 to 8 digits'],
    [{ ...PINS, boxoffice: '123456789' }, 'box office PIN must be 4 to 8 digits'],
    [{ ...PINS, admin: '12a4' }, 'admin PIN must be 4 to 8 digits'],
    [{ ...PINS, admin: PINS.door }, 'admin PIN must differ'],
  ])('refuses %j with VALIDATION and creates nobody', (pins, message) => {
    const error = refusal(() => setUpOperators(store, pins, T0, { operator: 'first run', station: STATION }))
    expect(error.code).toBe('VALIDATION')
    expect(error.message).toContain(message)
    expect(hasOperators(store)).toBe(false)
  })

  it('happens once: a second setup is a CONFLICT and keeps the first PINs', () => {
    setUpOperators(store, PINS, T0, { operator: 'first run', station: STATION })
    const again = refusal(() =>
      setUpOperators(store, { admin: '0000', boxoffice: '1111', door: '2222' }, T0, {
        operator: 'first run',
        station: STATION,
      }),
    )
    expect(again.code).toBe('CONFLICT')
    expect(signIn(store, 'admin', PINS.admin, T0, STATION).name).toBe('Admin')
  })
})

describe('signing in', () => {
  let store: TestStore
  beforeEach(() => {
    store = openTestStore()
    setUpOperators(store, PINS, T0, { operator: 'first run', station: STATION })
  })
  afterEach(() => store.dispose())

  const failedPins = (role: string) =>
    store.sqlite.prepare('SELECT failed_pins FROM operator WHERE role = ?').pluck().get(role)

  it('answers the operator of the role for the right PIN', () => {
    expect(signIn(store, 'door', PINS.door, T0, STATION)).toEqual({ id: 3, name: 'Door', role: 'door' })
  })

  it('refuses a wrong PIN with UNAUTHORIZED, says how many tries are left, and counts it', () => {
    const error = refusal(() => signIn(store, 'door', '9999', T0, STATION))
    expect(error.code).toBe('UNAUTHORIZED')
    expect(error.message).toBe(
      'Wrong PIN for Door. After 4 more wrong PINs, sign-in is locked for 5 minutes.',
    )
    expect(failedPins('door')).toBe(1)
    expect(failedPins('admin')).toBe(0)
  })

  it('refuses a PIN that is not 4 to 8 digits with VALIDATION, without counting it', () => {
    expect(refusal(() => signIn(store, 'door', '12', T0, STATION)).code).toBe('VALIDATION')
    expect(failedPins('door')).toBe(0)
  })

  it('locks the operator for five minutes after five wrong PINs in a row, even for the right PIN', () => {
    for (let i = 1; i < WRONG_PINS_BEFORE_LOCK; i++) {
      expect(refusal(() => signIn(store, 'door', '9999', T0, STATION)).code).toBe('UNAUTHORIZED')
    }
    const fifth = refusal(() => signIn(store, 'door', '9999', T0, STATION))
    expect(fifth.code).toBe('THROTTLED')
    expect(fifth.message).toBe('Wrong PIN. Too many wrong PINs: Door cannot sign in for 5 more minutes.')
    expect(fifth.details).toEqual({ locked_until: '2026-12-01T19:05:00.000Z', retry_after_s: 300 })

    const locked = refusal(() => signIn(store, 'door', PINS.door, minutes(3.5), STATION))
    expect(locked.code).toBe('THROTTLED')
    expect(locked.message).toBe('Too many wrong PINs: Door cannot sign in for 2 more minutes.')
    // The other operators are not locked out by the door's mistakes.
    expect(signIn(store, 'boxoffice', PINS.boxoffice, minutes(3.5), STATION).name).toBe('Box office')

    expect(signIn(store, 'door', PINS.door, minutes(5), STATION).name).toBe('Door')
    expect(auditActions(store).slice(3)).toEqual([
      'wrong pin',
      'wrong pin',
      'wrong pin',
      'wrong pin',
      'lock',
      'sign in',
      'sign in',
    ])
  })

  it('keeps the count and the lock in the database, so a restart does not reset them', () => {
    for (let i = 0; i < 3; i++) refusal(() => signIn(store, 'admin', '0000', T0, STATION))
    store.close()
    let reopened = openTestStore(store.dataDir)
    expect(refusal(() => signIn(reopened, 'admin', '0000', T0, STATION)).code).toBe('UNAUTHORIZED')
    expect(refusal(() => signIn(reopened, 'admin', '0000', T0, STATION)).code).toBe('THROTTLED')
    reopened.close()
    reopened = openTestStore(store.dataDir)
    expect(refusal(() => signIn(reopened, 'admin', PINS.admin, minutes(1), STATION)).code).toBe('THROTTLED')
    reopened.close()
  })

  it('starts the count again after a right PIN', () => {
    for (let i = 0; i < 4; i++) refusal(() => signIn(store, 'door', '9999', T0, STATION))
    signIn(store, 'door', PINS.door, T0, STATION)
    expect(failedPins('door')).toBe(0)
    expect(refusal(() => signIn(store, 'door', '9999', T0, STATION)).code).toBe('UNAUTHORIZED')
  })

  it('says so when the PINs were never set up', () => {
    const empty = openTestStore()
    const error = refusal(() => signIn(empty, 'admin', '1234', T0, STATION))
    expect(error.code).toBe('UNAUTHORIZED')
    expect(error.message).toContain('set up the PINs first')
    empty.dispose()
  })
})

describe('changing a PIN', () => {
  let store: TestStore
  beforeEach(() => {
    store = openTestStore()
    setUpOperators(store, PINS, T0, { operator: 'first run', station: STATION })
  })
  afterEach(() => store.dispose())

  it('replaces the PIN and lifts a lock', () => {
    for (let i = 0; i < 5; i++) refusal(() => signIn(store, 'door', '9999', T0, STATION))
    const [before, after] = changePin(store, 3, '8642')
    expect(before.lockedUntil).toBe('2026-12-01T19:05:00.000Z')
    expect(after).toMatchObject({ failedPins: 0, lockedUntil: null })
    expect(signIn(store, 'door', '8642', T0, STATION).name).toBe('Door')
    expect(refusal(() => signIn(store, 'door', PINS.door, T0, STATION)).code).toBe('UNAUTHORIZED')
  })

  it('keeps the admin PIN apart from the others, both ways', () => {
    expect(refusal(() => changePin(store, 3, PINS.admin)).code).toBe('VALIDATION')
    expect(refusal(() => changePin(store, 1, PINS.boxoffice)).code).toBe('VALIDATION')
    // Box office and door may share a PIN: neither opens kiosk mode.
    expect(() => changePin(store, 3, PINS.boxoffice)).not.toThrow()
  })
})
