// This laptop's session: who is signed in, and whether it is a door kiosk.
// Answers the renderer's ShellRequests and tells the IPC channel who is calling.
// Free of Electron, so every rule here is tested under plain Node.
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { TicketiError, type Outcome } from '../../shared/errors'
import type { ShellState } from '../../shared/ipc'
import type { Principal } from '../../shared/principal'
import { ROLES } from '../../shared/views'
import { recordAudit, type AuditWho } from '../audit'
import type { Store } from '../db/open'
import { event, setting } from '../db/schema'
import { hasOperators, OPERATOR_NAMES, setUpOperators, signIn, type SignedIn } from '../operators'
import { toEnvelope } from '../dispatcher'

/** The station name of operations run from this laptop's own window. */
export const LAPTOP_STATION = 'this laptop'
/** In kiosk mode the window is the door, whoever turned kiosk mode on. */
export const KIOSK_PRINCIPAL: Principal = {
  role: 'door',
  station: 'door kiosk',
  operator: OPERATOR_NAMES.door,
}

type Kiosk = ShellState['kiosk']

const KIOSK_SETTING = 'kiosk'
const KIOSK_OFF: Kiosk = { on: false, event_id: null }
const storedKiosk = z.object({ on: z.literal(true), event_id: z.number().int().positive() })

// The renderer is not trusted: every request is checked for shape before anything runs.
const pin = z.string().max(64)
const eventId = z.number().int().positive()
const shellRequest = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('state') }),
  z.strictObject({
    action: z.literal('setup'),
    pins: z.strictObject({ admin: pin, boxoffice: pin, door: pin }),
  }),
  z.strictObject({ action: z.literal('signIn'), role: z.enum(ROLES), pin }),
  z.strictObject({ action: z.literal('signOut'), admin_pin: pin.optional() }),
  z.strictObject({ action: z.literal('enterKiosk'), event_id: eventId }),
  z.strictObject({ action: z.literal('leaveKiosk'), admin_pin: pin }),
  z.strictObject({ action: z.literal('confirmAdmin'), admin_pin: pin }),
  z.strictObject({ action: z.literal('restart') }),
])
type Request = z.infer<typeof shellRequest>

export interface ShellSession {
  state(): ShellState
  /** Answers one request from the renderer; a refusal is an error envelope, never a throw. */
  answer(request: unknown): Outcome<ShellState>
  /** Who operations run as: the kiosk's door, the signed-in operator, or nobody yet. */
  principal(): Principal | null
  inKiosk(): boolean
  /** `--kiosk --event ID` on the command line: as enterKiosk, without a signed-in admin. */
  startKiosk(eventId: number): Outcome<ShellState>
  onKioskChange(listener: (kiosk: Kiosk) => void): void
  /** Hears an admin's restart; the shell closes the app and starts it again once answered. */
  onRestart(listener: () => void): void
}

export function createShellSession(
  store: Store,
  clock: () => Date = () => new Date(),
  logError: (error: unknown) => void = console.error,
): ShellSession {
  let signedIn: SignedIn | null = null
  let kiosk = readKiosk(store)
  const listeners: Array<(kiosk: Kiosk) => void> = []
  const restartListeners: Array<() => void> = []

  function state(): ShellState {
    const operator = kiosk.on ? { name: KIOSK_PRINCIPAL.operator, role: KIOSK_PRINCIPAL.role } : signedIn
    return {
      needs_setup: !hasOperators(store),
      operator: operator && { name: operator.name, role: operator.role },
      kiosk: { ...kiosk },
    }
  }

  function setKiosk(next: Kiosk, who: AuditWho) {
    const at = clock().toISOString()
    store.sqlite
      .transaction(() => {
        store.db
          .insert(setting)
          .values({ key: KIOSK_SETTING, value: JSON.stringify(next), updatedAt: at })
          .onConflictDoUpdate({ target: setting.key, set: { value: JSON.stringify(next), updatedAt: at } })
          .run()
        recordAudit(
          store.sqlite,
          who,
          { action: next.on ? 'enter kiosk' : 'leave kiosk', entity: 'setting', before: kiosk, after: next },
          at,
        )
      })
      .immediate()
    kiosk = next
    for (const listener of listeners) listener({ ...kiosk })
  }

  function enterKiosk(eventId: number, who: AuditWho) {
    if (!hasOperators(store)) {
      throw new TicketiError(
        'FORBIDDEN',
        'Set up the PINs before kiosk mode: leaving it needs the admin PIN.',
      )
    }
    if (!store.db.select({ id: event.id }).from(event).where(eq(event.id, eventId)).get()) {
      throw new TicketiError('NOT_FOUND', `There is no event with id ${eventId}.`)
    }
    setKiosk({ on: true, event_id: eventId }, who)
    // Whoever turned kiosk mode on is not left signed in behind the door screen.
    signedIn = null
  }

  function run(request: Request): void {
    const station = kiosk.on ? KIOSK_PRINCIPAL.station : LAPTOP_STATION
    switch (request.action) {
      case 'state':
        return
      case 'setup':
        setUpOperators(store, request.pins, clock(), { operator: 'first run', station })
        // Whoever chose the PINs knows the admin PIN: no need to type it again.
        signedIn = signIn(store, 'admin', request.pins.admin, clock(), station)
        return
      case 'signIn':
        if (kiosk.on) {
          throw new TicketiError('FORBIDDEN', 'This laptop is a door kiosk: leave kiosk mode first.')
        }
        signedIn = signIn(store, request.role, request.pin, clock(), station)
        return
      case 'signOut':
        if (kiosk.on) throw new TicketiError('FORBIDDEN', 'Kiosk mode is on: leaving it needs the admin PIN.')
        // A volunteer at the door must not leave it signed out by accident: the admin closes it.
        if (signedIn?.role === 'door') {
          if (request.admin_pin === undefined) {
            throw new TicketiError('FORBIDDEN', 'Signing out the door needs the admin PIN.')
          }
          signIn(store, 'admin', request.admin_pin, clock(), station)
        }
        signedIn = null
        return
      case 'confirmAdmin':
        // The door asks before switching events; wrong tries count toward the admin's lockout.
        signIn(store, 'admin', request.admin_pin, clock(), station)
        return
      case 'enterKiosk':
        if (kiosk.on) throw new TicketiError('CONFLICT', 'Kiosk mode is already on.')
        if (signedIn?.role !== 'admin') {
          throw new TicketiError('FORBIDDEN', 'Only an admin can turn on kiosk mode: sign in as Admin first.')
        }
        enterKiosk(request.event_id, { operator: signedIn.name, station })
        return
      case 'restart':
        // A door volunteer must not close the door, nor anyone signed out.
        if (kiosk.on || signedIn?.role !== 'admin') {
          throw new TicketiError('FORBIDDEN', 'Only an admin can restart Ticketi: sign in as Admin first.')
        }
        recordAudit(
          store.sqlite,
          { operator: signedIn.name, station },
          { action: 'restart', entity: 'app', entity_id: null },
          clock().toISOString(),
        )
        for (const listener of restartListeners) listener()
        return
      case 'leaveKiosk': {
        if (!kiosk.on) throw new TicketiError('CONFLICT', 'Kiosk mode is not on.')
        const admin = signIn(store, 'admin', request.admin_pin, clock(), station)
        setKiosk(KIOSK_OFF, { operator: admin.name, station })
        signedIn = admin
        return
      }
    }
  }

  function outcome(action: () => void): Outcome<ShellState> {
    try {
      action()
      return { ok: true, value: state() }
    } catch (error) {
      // Each change is one transaction, so a failure (a busy or damaged file) has changed nothing.
      return { ok: false, error: toEnvelope(error, logError) }
    }
  }

  return {
    state,
    answer(request) {
      const parsed = shellRequest.safeParse(request)
      if (!parsed.success) {
        return {
          ok: false,
          error: new TicketiError(
            'VALIDATION',
            `Not a request this window can make: ${parsed.error.issues[0]?.message}`,
          ).toEnvelope(),
        }
      }
      return outcome(() => run(parsed.data))
    },
    principal() {
      if (kiosk.on) return KIOSK_PRINCIPAL
      return signedIn && { role: signedIn.role, station: LAPTOP_STATION, operator: signedIn.name }
    },
    inKiosk: () => kiosk.on,
    startKiosk(eventId) {
      return outcome(() => {
        if (!Number.isSafeInteger(eventId) || eventId < 1) {
          throw new TicketiError('VALIDATION', 'The kiosk event must be an event number like 3.')
        }
        if (kiosk.on && kiosk.event_id === eventId) return
        enterKiosk(eventId, { operator: 'command line', station: KIOSK_PRINCIPAL.station })
      })
    },
    onRestart(listener) {
      restartListeners.push(listener)
    },
    onKioskChange(listener) {
      listeners.push(listener)
    },
  }
}

/** A door laptop that was a kiosk starts as one again; a damaged setting means no kiosk, not no app. */
function readKiosk(store: Store): Kiosk {
  const row = store.db.select().from(setting).where(eq(setting.key, KIOSK_SETTING)).get()
  if (!row) return KIOSK_OFF
  try {
    const parsed = storedKiosk.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : KIOSK_OFF
  } catch {
    return KIOSK_OFF
  }
}
