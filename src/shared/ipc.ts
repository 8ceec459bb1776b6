import type { InputOf, OperationName } from './contract'
import type { Outcome } from './errors'
import type { LiveChange } from './live'
import type { Role } from './views'

/** The one channel for operations between the renderer and the main process. */
export const IPC_CHANNEL = 'ticketi:call'
/** The channel for the laptop's own session: operators' PINs and kiosk mode. */
export const SHELL_CHANNEL = 'ticketi:shell'
/** The channel for "Share on the LAN": this laptop as the host other stations join (admin only). */
export const SHARING_CHANNEL = 'ticketi:sharing'

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
  /** Set when this laptop is a station of another Ticketi, which holds the database. */
  station?: { host: string; name: string; role: Role } | null
  /** A station's link to its host; null on the laptop that holds the database. */
  connection?: Connection | null
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
  /** First run: this laptop joins a host (address or join link, and the 8-digit pairing code). */
  | { action: 'joinHost'; address: string; code: string }
  /** An admin closes Ticketi and starts it again: how a restore asked for is put back. */
  | { action: 'restart' }

/** A station's link to its host, as the window shows it. */
export interface Connection {
  state: 'not joined' | 'connected' | 'reconnecting' | 'unreachable'
  /** The host's origin, like http://192.168.1.20:8080. */
  host: string | null
  /** When the host stopped answering (ISO), while reconnecting or unreachable. */
  since: string | null
}

/** One address of this laptop a station may reach it by. */
export interface LanAddress {
  address: string
  /** The network interface ("Wi-Fi", "eth0"), or what the address means ("this laptop only"). */
  label: string
}

/** "Share on the LAN": whether this laptop serves its database to other stations, and where. */
export interface SharingState {
  on: boolean
  /** The address listened on: 127.0.0.1, 0.0.0.0 (every interface) or one of `choices`. */
  address: string
  port: number
  /** What the admin may choose from: loopback, every interface, and each of this laptop's own. */
  choices: LanAddress[]
  /** The web UI's addresses a station can open while sharing is on (none when off). */
  station_urls: string[]
  /** Why sharing could not start (a port in use), or null. */
  problem: string | null
}

export type SharingRequest = { action: 'get' } | { action: 'set'; on: boolean; address: string; port: number }

/** What the preload exposes as window.ticketi. */
export interface TicketiBridge {
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Outcome<unknown>>
  shell(request: ShellRequest): Promise<Outcome<ShellState>>
  /** Absent from a window that cannot host (a test's stand-in bridge). */
  sharing?(request: SharingRequest): Promise<Outcome<SharingState>>
  /** Exports to a USB drive; absent from a browser, which downloads the files instead. */
  usb?(request: UsbRequest): Promise<Outcome<RemovableDrive[] | UsbExportResult>>
  onUsbProgress?(listener: (progress: UsbProgress) => void): () => void

  /** Hears the changes committed on this laptop's database (by the window or by LAN stations). */
  onLive(listener: (changes: readonly LiveChange[]) => void): () => void
}

/** The channel for exporting files and a backup to a USB drive (desktop app only). */
export const USB_CHANNEL = 'ticketi:usb'
/** The main process tells the window how far a USB export has got. */
export const USB_PROGRESS_CHANNEL = 'ticketi:usb-progress'

/** A removable drive mounted now: where to write, and what the venue calls it. */
export interface RemovableDrive {
  /** The mount point or drive root: /media/venue/STICK, /Volumes/STICK, E:\ */
  path: string
  label: string
  size_bytes: number | null
}

export type UsbRequest =
  | { action: 'drives' }
  | {
      action: 'export'
      drive: string
      event_id: number
      reports: string[]
      formats: string[]
      backup: boolean
    }

/** One file of a USB export: written, synced, renamed into place and read back identical. */
export interface WrittenFile {
  name: string
  bytes: number
  sha256: string
}

export interface UsbExportResult {
  /** The folder on the drive, named after the event and the date. */
  folder: string
  /** The files that are complete on the drive (verified); only these are. */
  files: WrittenFile[]
}

export interface UsbProgress {
  /** What is being done, in the venue's words: "Writing Attendee list (CSV)". */
  step: string
  /** Files finished so far, out of all. */
  files_done: number
  files_total: number
  /** Bytes of the current file written so far. */
  bytes_done: number
  bytes_total: number
}
