import type { InputOf, OperationName } from './contract'
import type { Outcome } from './errors'
import type { LiveChange } from './live'
import type { Role } from './views'

/** The one channel for operations between the renderer and the main process. */
export const IPC_CHANNEL = 'ticketi:call'
/** The channel for the laptop's own session: operators' PINs and kiosk mode. */
export const SHELL_CHANNEL = 'ticketi:shell'
/** The main process tells the window of every committed change, as a LAN host tells its stations. */
export const LIVE_CHANNEL = 'ticketi:live'

/** What the desktop app's window needs to know about this laptop's session. */
export interface ShellState {
  /** No operators yet: the first run asks for the admin, box office and door PINs. */
  needs_setup: boolean
  /** The operator signed in on this laptop, or null. */
  operator: { name: string; role: Role } | null
  /** Kiosk mode locks the window to the Door page of one event until an admin PIN is given. */
  kiosk: { on: boolean; event_id: number | null }
}

/** The session requests the shell answers on SHELL_CHANNEL. */
export type ShellRequest =
  | { action: 'state' }
  | { action: 'setup'; pins: Record<Role, string> }
  | { action: 'signIn'; role: Role; pin: string }
  /** A door operator signs out only with the admin PIN. */
  | { action: 'signOut'; admin_pin?: string }
  | { action: 'enterKiosk'; event_id: number }
  | { action: 'leaveKiosk'; admin_pin: string }
  /** Checks the admin PIN and changes nothing: the door asks it before switching events. */
  | { action: 'confirmAdmin'; admin_pin: string }

/** What the preload exposes as window.ticketi. */
export interface TicketiBridge {
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Outcome<unknown>>
  shell(request: ShellRequest): Promise<Outcome<ShellState>>
  /** Hears the changes committed on this laptop's database (by the window or by LAN stations). */
  onLive(listener: (changes: readonly LiveChange[]) => void): () => void
}
