// Who is signed in at this screen, and the door's chosen event. The browser keeps
// its token and door event in localStorage so a reload (or a power blip on the
// door laptop) comes back exactly where it was.
import { create } from 'zustand'
import { TicketiError } from '../../../shared/errors'
import type { ShellRequest, ShellState } from '../../../shared/ipc'
import type { Role, WhoAmI } from '../../../shared/views'

const TOKEN_KEY = 'ticketi.token'
const DOOR_EVENT_KEY = 'ticketi.doorEvent'

export type SessionStatus = 'loading' | 'needs-setup' | 'signed-out' | 'signed-in'

interface SessionState {
  status: SessionStatus
  /** Inside the desktop app: IPC and PIN sign-in. In a browser: HTTP and a station token. */
  desktop: boolean
  token: string | null
  who: WhoAmI | null
  kiosk: ShellState['kiosk']
  doorEventId: number | null
  start(): Promise<void>
  signInWithToken(token: string): Promise<void>
  signInWithPin(role: Role, pin: string): Promise<void>
  setUp(pins: Record<Role, string>): Promise<void>
  /** A door station signs out only with `admin`: the admin PIN on the desktop, the admin token in a browser. */
  signOut(admin?: string): Promise<void>
  /**
   * Checks that `admin` is the admin PIN (desktop) or the admin token (browser), with the host:
   * a door station asks for it before anything a volunteer must not do by accident.
   */
  confirmAdmin(admin: string): Promise<void>
  chooseDoorEvent(eventId: number | null): void
  enterKiosk(eventId: number): Promise<void>
  leaveKiosk(adminPin: string): Promise<void>
}

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null
  }
}

function store(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key)
    else window.localStorage.setItem(key, value)
  } catch {
    // Private mode or a full disk: the session still works until the next reload.
  }
}

function storedDoorEvent(): number | null {
  const id = Number(stored(DOOR_EVENT_KEY))
  return Number.isInteger(id) && id > 0 ? id : null
}

async function shell(request: ShellRequest): Promise<ShellState> {
  const outcome = await window.ticketi!.shell(request)
  if (!outcome.ok) throw TicketiError.fromEnvelope(outcome.error)
  return outcome.value
}

// Imported lazily: the client reads the token from this store.
const whoAmI = async () => (await import('../api')).client.call('whoAmI', {})

/** Asks the host who a token is, without signing this page in with it. */
async function whoHas(token: string): Promise<WhoAmI> {
  const { createClient, httpTransport } = await import('../api/client')
  return createClient(httpTransport(window.location.origin, () => token)).call('whoAmI', {})
}

export const useSession = create<SessionState>()((set, get) => {
  /** Applies the desktop shell's answer: who is signed in, and whether the window is a kiosk. */
  async function applyShell(state: ShellState) {
    const kioskEvent = state.kiosk.on ? state.kiosk.event_id : null
    if (state.needs_setup) return set({ status: 'needs-setup', who: null, kiosk: state.kiosk })
    if (!state.operator && !state.kiosk.on)
      return set({ status: 'signed-out', who: null, kiosk: state.kiosk })
    set({
      status: 'signed-in',
      who: await whoAmI(),
      kiosk: state.kiosk,
      doorEventId: kioskEvent ?? get().doorEventId,
    })
  }

  return {
    status: 'loading',
    desktop: window.ticketi !== undefined,
    token: stored(TOKEN_KEY),
    who: null,
    kiosk: { on: false, event_id: null },
    doorEventId: storedDoorEvent(),

    async start() {
      if (get().desktop) return applyShell(await shell({ action: 'state' }))
      if (!get().token) return set({ status: 'signed-out' })
      try {
        set({ status: 'signed-in', who: await whoAmI() })
      } catch (error) {
        // A revoked or mistyped token signs out; a host that is briefly away does not.
        if (error instanceof TicketiError && error.code === 'UNAUTHORIZED') {
          store(TOKEN_KEY, null)
          return set({ status: 'signed-out', token: null })
        }
        throw error
      }
    },

    async signInWithToken(token) {
      set({ token })
      try {
        const who = await whoAmI()
        store(TOKEN_KEY, token)
        set({ status: 'signed-in', who })
      } catch (error) {
        set({ token: null })
        if (error instanceof TicketiError && error.code === 'UNAUTHORIZED') {
          throw new TicketiError('UNAUTHORIZED', 'This host does not know that token, or it was revoked.')
        }
        throw error
      }
    },

    signInWithPin: async (role, pin) => applyShell(await shell({ action: 'signIn', role, pin })),
    setUp: async (pins) => applyShell(await shell({ action: 'setup', pins })),

    async signOut(admin) {
      if (get().desktop) return applyShell(await shell({ action: 'signOut', admin_pin: admin }))
      if (get().who?.role === 'door') await get().confirmAdmin(admin ?? '')
      store(TOKEN_KEY, null)
      set({ status: 'signed-out', token: null, who: null })
    },

    async confirmAdmin(admin) {
      if (get().desktop) {
        await shell({ action: 'confirmAdmin', admin_pin: admin })
        return
      }
      const refusal = new TicketiError('UNAUTHORIZED', 'That is not the admin token.')
      if (admin.trim() === '') throw refusal
      try {
        if ((await whoHas(admin.trim())).role === 'admin') return
      } catch (error) {
        if (!(error instanceof TicketiError && error.code === 'UNAUTHORIZED')) throw error
      }
      throw refusal
    },

    chooseDoorEvent(eventId) {
      store(DOOR_EVENT_KEY, eventId === null ? null : String(eventId))
      set({ doorEventId: eventId })
    },

    async enterKiosk(eventId) {
      get().chooseDoorEvent(eventId)
      await applyShell(await shell({ action: 'enterKiosk', event_id: eventId }))
    },

    leaveKiosk: async (adminPin) => applyShell(await shell({ action: 'leaveKiosk', admin_pin: adminPin })),
  }
})
