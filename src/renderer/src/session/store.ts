// Who is signed in at this screen, and the door's chosen event. A paired browser
// comes back after a reload (or a power blip on the door laptop) through its
// refresh cookie; its access token lives in memory only. The door event is kept
// in localStorage.
import { create } from 'zustand'
import { TicketiError } from '../../../shared/errors'
import type { ShellRequest, ShellState } from '../../../shared/ipc'
import type { Role, StationSession, WhoAmI } from '../../../shared/views'
import { endSession, pairWithCode, refreshSession, renewAfterMs } from './hostSession'

/** Where earlier versions kept the station token: cleared, so no token stays on the disk. */
const OLD_TOKEN_KEY = 'ticketi.token'
const DOOR_EVENT_KEY = 'ticketi.doorEvent'

export type SessionStatus = 'loading' | 'needs-setup' | 'signed-out' | 'signed-in'

interface SessionState {
  status: SessionStatus
  /** Inside the desktop app: IPC and PIN sign-in. In a browser: HTTP and a station token. */
  desktop: boolean
  /** The access JWT of a paired browser, or a token typed in (kept until the page is closed). */
  token: string | null
  /** The pairing code of a join link (#/join?code=12345678) this page was opened with. */
  joinCode: string | null
  who: WhoAmI | null
  kiosk: ShellState['kiosk']
  doorEventId: number | null
  start(): Promise<void>
  signInWithToken(token: string): Promise<void>
  pair(code: string): Promise<void>
  /** A new access token through the refresh cookie; false when there is no session to renew. */
  renew(): Promise<boolean>
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
  /** The desktop app closes and starts again (admin): a restore asked for is put back then. */
  restartApp(): Promise<void>
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

/** The code of a join link, e.g. #/join?code=12345678. */
function joinCodeInAddress(): string | null {
  const match = /^#\/join(?:\?(.*))?$/.exec(window.location.hash)
  if (!match) return null
  return new URLSearchParams(match[1] ?? '').get('code') ?? ''
}

let renewTimer: ReturnType<typeof setTimeout> | null = null
/** One refresh at a time: a second one with the same cookie would look like a stolen token. */
let renewing: Promise<boolean> | null = null

export const useSession = create<SessionState>()((set, get) => {
  /** Applies the desktop shell's answer: who is signed in, and whether the window is a kiosk. */
  async function applyShell(state: ShellState) {
    const kioskEvent = state.kiosk.on ? state.kiosk.event_id : null
    if (state.needs_setup) return set({ status: 'needs-setup', who: null, kiosk: state.kiosk })
    if (!state.operator && !state.kiosk.on) {
      void import('../door/offline/useOfflineDoor').then((door) => door.forgetDoorCopy())
      return set({ status: 'signed-out', who: null, kiosk: state.kiosk })
    }
    set({
      status: 'signed-in',
      who: await whoAmI(),
      kiosk: state.kiosk,
      doorEventId: kioskEvent ?? get().doorEventId,
    })
  }

  /** Takes a session the host gave, and renews it before it runs out. */
  function applySession(session: StationSession) {
    set({ token: session.access_token })
    if (renewTimer) clearTimeout(renewTimer)
    renewTimer = setTimeout(() => void get().renew(), renewAfterMs(session.expires_in))
  }

  function signedOut() {
    // The door's copy of the guest list goes with the session; its queue of check-ins stays.
    void import('../door/offline/useOfflineDoor').then((door) => door.forgetDoorCopy())
    if (renewTimer) clearTimeout(renewTimer)
    renewTimer = null
    set({ status: 'signed-out', token: null, who: null })
  }

  return {
    status: 'loading',
    desktop: window.ticketi !== undefined,
    token: null,
    joinCode: null,
    who: null,
    kiosk: { on: false, event_id: null },
    doorEventId: storedDoorEvent(),

    async start() {
      if (get().desktop) return applyShell(await shell({ action: 'state' }))
      store(OLD_TOKEN_KEY, null)
      window.addEventListener('hashchange', () => {
        const code = joinCodeInAddress()
        if (code !== null && get().status === 'signed-out') set({ joinCode: code })
      })
      const joinCode = joinCodeInAddress()
      // A join link is for joining, even in a browser that was paired before.
      if (joinCode !== null) return set({ status: 'signed-out', joinCode })
      try {
        applySession(await refreshSession())
        set({ status: 'signed-in', who: await whoAmI() })
      } catch (error) {
        // Not paired, revoked or expired signs out; a host that is briefly away does not.
        if (error instanceof TicketiError && error.code === 'UNAUTHORIZED') return signedOut()
        throw error
      }
    },

    async pair(code) {
      const session = await pairWithCode(code)
      applySession(session)
      // The join link has done its work; the station's own pages take over.
      if (joinCodeInAddress() !== null) window.history.replaceState(null, '', '#/')
      set({ status: 'signed-in', joinCode: null, who: await whoAmI() })
    },

    renew() {
      if (get().desktop || get().status !== 'signed-in') return Promise.resolve(false)
      renewing ??= refreshSession()
        .then((session) => {
          applySession(session)
          return true
        })
        .catch((error: unknown) => {
          // A typed token has no cookie to renew with; a refused cookie means signed out.
          if (error instanceof TicketiError && error.code === 'UNAUTHORIZED') {
            if (renewTimer || get().token === null) signedOut()
            return false
          }
          return false
        })
        .finally(() => {
          renewing = null
        })
      return renewing
    },

    async signInWithToken(token) {
      set({ token })
      try {
        const who = await whoAmI()
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
      await (await import('../door/offline/useOfflineDoor')).sendDoorQueue()
      if (get().desktop) return applyShell(await shell({ action: 'signOut', admin_pin: admin }))
      if (get().who?.role === 'door') await get().confirmAdmin(admin ?? '')
      if (renewTimer) await endSession()
      signedOut()
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

    async restartApp() {
      await shell({ action: 'restart' })
    },
  }
})
