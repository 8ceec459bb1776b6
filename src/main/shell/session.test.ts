// The laptop's session as the renderer sees it through ShellRequests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ShellState } from '../../shared/ipc'
import { createShellSession, KIOSK_PRINCIPAL, type ShellSession } from './session'
import { addEvent, auditActions, openTestStore, type TestStore } from '../../../test/support/shell-store'

const PINS = { admin: '918273', boxoffice: '2468', door: '1357' }

let store: TestStore
let now: Date
let shell: ShellSession

function open(): ShellSession {
  return createShellSession(store, () => now)
}

function ok(request: unknown): ShellState {
  const answer = shell.answer(request)
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.error}`)
  return answer.value
}

function refused(request: unknown) {
  const answer = shell.answer(request)
  if (answer.ok) throw new Error(`expected a refusal of ${JSON.stringify(request)}`)
  return answer.error
}

beforeEach(() => {
  store = openTestStore()
  now = new Date('2026-12-01T19:00:00Z')
  shell = open()
})
afterEach(() => store.dispose())

describe('before the first setup', () => {
  it('asks for setup, with nobody signed in and no operation allowed', () => {
    expect(ok({ action: 'state' })).toEqual({
      needs_setup: true,
      operator: null,
      kiosk: { on: false, event_id: null },
    })
    expect(shell.principal()).toBeNull()
  })

  it('setup creates the operators and signs in the admin who chose the PINs', () => {
    expect(ok({ action: 'setup', pins: PINS })).toEqual({
      needs_setup: false,
      operator: { name: 'Admin', role: 'admin' },
      kiosk: { on: false, event_id: null },
    })
    expect(shell.principal()).toEqual({ role: 'admin', station: 'this laptop', operator: 'Admin' })
    expect(refused({ action: 'setup', pins: PINS }).code).toBe('CONFLICT')
  })

  it('refuses kiosk mode from the command line: nobody could leave it', () => {
    const eventId = addEvent(store)
    const answer = shell.startKiosk(eventId)
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(shell.inKiosk()).toBe(false)
  })
})

describe('requests the renderer might get wrong', () => {
  it.each([
    null,
    'state',
    {},
    { action: 'format disk' },
    { action: 'signIn', role: 'root', pin: '1234' },
    { action: 'signIn', role: 'door', pin: 1357 },
    { action: 'enterKiosk', event_id: '3' },
    { action: 'enterKiosk', event_id: 0 },
    { action: 'setup', pins: { admin: '1111' } },
    { action: 'state', extra: true },
  ])('%j is VALIDATION and changes nothing', (request) => {
    const error = refused(request)
    expect(error.code).toBe('VALIDATION')
    expect(error.error).toMatch(/^Not a request this window can make/)
    expect(auditActions(store)).toEqual([])
  })
})

describe('signing in and out', () => {
  beforeEach(() => {
    ok({ action: 'setup', pins: PINS })
    ok({ action: 'signOut' })
  })

  it('runs operations as the signed-in operator, at this laptop', () => {
    expect(shell.principal()).toBeNull()
    expect(ok({ action: 'signIn', role: 'boxoffice', pin: PINS.boxoffice }).operator).toEqual({
      name: 'Box office',
      role: 'boxoffice',
    })
    expect(shell.principal()).toEqual({ role: 'boxoffice', station: 'this laptop', operator: 'Box office' })
    expect(ok({ action: 'signOut' }).operator).toBeNull()
    expect(shell.principal()).toBeNull()
  })

  it('answers a wrong PIN with UNAUTHORIZED and a lockout with THROTTLED', () => {
    for (let i = 0; i < 4; i++) {
      expect(refused({ action: 'signIn', role: 'door', pin: '0000' }).code).toBe('UNAUTHORIZED')
    }
    const locked = refused({ action: 'signIn', role: 'door', pin: '0000' })
    expect(locked).toMatchObject({ code: 'THROTTLED', details: { retry_after_s: 300 } })
    expect(refused({ action: 'signIn', role: 'door', pin: PINS.door }).code).toBe('THROTTLED')
    expect(shell.principal()).toBeNull()
  })

  it('signs a door operator out only with the admin PIN, counting wrong tries', () => {
    ok({ action: 'signIn', role: 'door', pin: PINS.door })
    expect(refused({ action: 'signOut' }).code).toBe('FORBIDDEN')
    expect(refused({ action: 'signOut', admin_pin: PINS.door }).code).toBe('UNAUTHORIZED')
    expect(shell.principal()).toMatchObject({ role: 'door' })
    expect(ok({ action: 'signOut', admin_pin: PINS.admin }).operator).toBeNull()
    expect(auditActions(store)).toContain('wrong pin')
  })

  it('confirms the admin PIN for the door without changing who is signed in', () => {
    ok({ action: 'signIn', role: 'door', pin: PINS.door })
    expect(refused({ action: 'confirmAdmin', admin_pin: '0000' }).code).toBe('UNAUTHORIZED')
    expect(ok({ action: 'confirmAdmin', admin_pin: PINS.admin }).operator).toEqual({
      name: 'Door',
      role: 'door',
    })
    expect(shell.principal()).toMatchObject({ role: 'door', operator: 'Door' })
  })

  it('does not sign in again after a restart', () => {
    ok({ action: 'signIn', role: 'admin', pin: PINS.admin })
    expect(open().principal()).toBeNull()
  })
})

describe('restarting the app', () => {
  it('is for a signed-in admin only, never from the door kiosk, and is audited', () => {
    const eventId = addEvent(store)
    let restarts = 0
    shell.onRestart(() => restarts++)
    ok({ action: 'setup', pins: PINS })
    ok({ action: 'signOut' })
    expect(refused({ action: 'restart' })).toMatchObject({ code: 'FORBIDDEN', error: /sign in as Admin/ })
    ok({ action: 'signIn', role: 'boxoffice', pin: PINS.boxoffice })
    expect(refused({ action: 'restart' }).code).toBe('FORBIDDEN')
    ok({ action: 'signOut' })
    ok({ action: 'signIn', role: 'admin', pin: PINS.admin })
    ok({ action: 'enterKiosk', event_id: eventId })
    expect(refused({ action: 'restart' }).code).toBe('FORBIDDEN')
    expect(restarts).toBe(0)
    ok({ action: 'leaveKiosk', admin_pin: PINS.admin })

    expect(ok({ action: 'restart' }).operator).toEqual({ name: 'Admin', role: 'admin' })
    expect(restarts).toBe(1)
    expect(auditActions(store)).toContain('restart')
  })
})

describe('kiosk mode', () => {
  let eventId: number
  beforeEach(() => {
    eventId = addEvent(store)
    ok({ action: 'setup', pins: PINS })
  })

  it('needs a signed-in admin to turn on', () => {
    ok({ action: 'signOut' })
    expect(refused({ action: 'enterKiosk', event_id: eventId }).code).toBe('FORBIDDEN')
    ok({ action: 'signIn', role: 'door', pin: PINS.door })
    expect(refused({ action: 'enterKiosk', event_id: eventId }).code).toBe('FORBIDDEN')
    expect(shell.inKiosk()).toBe(false)
  })

  it('refuses an event that does not exist', () => {
    expect(refused({ action: 'enterKiosk', event_id: 999 }).code).toBe('NOT_FOUND')
    expect(shell.inKiosk()).toBe(false)
  })

  it('turns the window into the door of one event: door principal, no sign-in or sign-out', () => {
    const changes: unknown[] = []
    shell.onKioskChange((kiosk) => changes.push(kiosk))
    expect(ok({ action: 'enterKiosk', event_id: eventId })).toEqual({
      needs_setup: false,
      operator: { name: 'Door', role: 'door' },
      kiosk: { on: true, event_id: eventId },
    })
    expect(changes).toEqual([{ on: true, event_id: eventId }])
    expect(shell.principal()).toEqual(KIOSK_PRINCIPAL)
    expect(KIOSK_PRINCIPAL).toEqual({ role: 'door', station: 'door kiosk', operator: 'Door' })
    expect(refused({ action: 'signIn', role: 'admin', pin: PINS.admin }).code).toBe('FORBIDDEN')
    expect(refused({ action: 'signOut' }).code).toBe('FORBIDDEN')
    expect(refused({ action: 'enterKiosk', event_id: eventId }).code).toBe('CONFLICT')
    expect(shell.principal()).toEqual(KIOSK_PRINCIPAL)
  })

  it('is still on after a restart, because a door laptop must come back as the door', () => {
    ok({ action: 'enterKiosk', event_id: eventId })
    store.close()
    store = openTestStore(store.dataDir)
    const restarted = open()
    expect(restarted.state().kiosk).toEqual({ on: true, event_id: eventId })
    expect(restarted.principal()).toEqual(KIOSK_PRINCIPAL)
  })

  it('is left only with the admin PIN, which signs the admin in', () => {
    ok({ action: 'enterKiosk', event_id: eventId })
    const changes: unknown[] = []
    shell.onKioskChange((kiosk) => changes.push(kiosk))
    expect(refused({ action: 'leaveKiosk', admin_pin: PINS.door }).code).toBe('UNAUTHORIZED')
    expect(shell.inKiosk()).toBe(true)
    expect(ok({ action: 'leaveKiosk', admin_pin: PINS.admin })).toEqual({
      needs_setup: false,
      operator: { name: 'Admin', role: 'admin' },
      kiosk: { on: false, event_id: null },
    })
    expect(changes).toEqual([{ on: false, event_id: null }])
    expect(refused({ action: 'leaveKiosk', admin_pin: PINS.admin }).code).toBe('CONFLICT')
    expect(auditActions(store).filter((a) => a.endsWith('kiosk'))).toEqual(['enter kiosk', 'leave kiosk'])
  })

  it('counts wrong admin PINs at the kiosk toward the admin lockout', () => {
    ok({ action: 'enterKiosk', event_id: eventId })
    for (let i = 0; i < 4; i++) refused({ action: 'leaveKiosk', admin_pin: '0000' })
    expect(refused({ action: 'leaveKiosk', admin_pin: '0000' }).code).toBe('THROTTLED')
    expect(refused({ action: 'leaveKiosk', admin_pin: PINS.admin }).code).toBe('THROTTLED')
    expect(shell.inKiosk()).toBe(true)
    now = new Date(now.getTime() + 5 * 60_000)
    expect(ok({ action: 'leaveKiosk', admin_pin: PINS.admin }).kiosk.on).toBe(false)
  })

  it('starts from the command line on a set-up laptop, for an event that exists', () => {
    ok({ action: 'signOut' })
    expect(shell.startKiosk(999)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(shell.startKiosk(eventId)).toMatchObject({
      ok: true,
      value: { kiosk: { on: true, event_id: eventId } },
    })
    expect(shell.startKiosk(eventId)).toMatchObject({ ok: true })
    expect(auditActions(store).filter((a) => a === 'enter kiosk')).toHaveLength(1)
  })

  it('answers INTERNAL, and logs why, when the database fails under a request', () => {
    const logged: unknown[] = []
    const failing = createShellSession(
      store,
      () => now,
      (error) => logged.push(error),
    )
    failing.answer({ action: 'signIn', role: 'admin', pin: PINS.admin })
    store.sqlite.exec('DROP TABLE setting')
    expect(failing.answer({ action: 'enterKiosk', event_id: eventId })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    expect(failing.inKiosk()).toBe(false)
    expect(logged).toHaveLength(1)
  })

  it('treats a damaged kiosk setting as off rather than failing to start', () => {
    store.sqlite
      .prepare("INSERT INTO setting (key, value, updated_at) VALUES ('kiosk', '{not json', '2026-01-01')")
      .run()
    expect(open().state().kiosk).toEqual({ on: false, event_id: null })
  })
})
