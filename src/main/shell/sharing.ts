// "Share on the LAN": the desktop app as the host other stations join. The
// endpoint serves the core this laptop's window already uses (a second core
// would be refused by the data-folder lock), on the address and port the admin
// chose, remembered across restarts and off until an admin turns it on.
// Free of Electron: the entry passes in how to serve, tests pass a real endpoint.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { TicketiError, type Outcome } from '../../shared/errors'
import type { LanAddress, SharingState } from '../../shared/ipc'
import type { Principal } from '../../shared/principal'
import { toEnvelope, type AsyncDispatch } from '../dispatcher'
import { recordAudit } from '../audit'
import type { Store } from '../db/open'
import { setting } from '../db/schema'
import type { RunningEndpoint } from '../http/endpoint'

export const SHARING_SETTING = 'lan sharing'
export const DEFAULT_PORT = 8080
export const LOOPBACK = '127.0.0.1'
export const EVERY_INTERFACE = '0.0.0.0'

interface Chosen {
  on: boolean
  address: string
  port: number
}

const OFF: Chosen = { on: false, address: EVERY_INTERFACE, port: DEFAULT_PORT }
const port = z.number().int().min(0).max(65535)
const stored = z.object({ on: z.boolean(), address: z.string().max(100), port })
const sharingRequest = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('get') }),
  z.strictObject({ action: z.literal('set'), on: z.boolean(), address: z.string().max(100), port }),
])

export type Interfaces = () => NodeJS.Dict<NetworkInterfaceInfo[]>

export interface SharingOptions {
  store: Store
  /** Starts the LAN endpoint over this laptop's open core. */
  serve(address: string, port: number): Promise<RunningEndpoint>
  interfaces?: Interfaces
  clock?: () => Date
  logError?: (error: unknown) => void
}

export interface Sharing {
  state(): SharingState
  /** A request from the window; only a signed-in admin may look or change. */
  answer(request: unknown, who: Principal | null): Promise<Outcome<SharingState>>
  /** At start: shares again if it was on when the app last closed. */
  resume(): Promise<SharingState>
  /** The join screen with the code filled in, at the chosen address; null while not sharing. */
  joinUrl(code: string): string | null
  close(): Promise<void>
}

/** This laptop's IPv4 addresses other machines can reach, with the interface each belongs to. */
function ownAddresses(interfaces: Interfaces): LanAddress[] {
  return Object.entries(interfaces()).flatMap(([name, list]) =>
    (list ?? [])
      .filter((a) => a.family === 'IPv4' && !a.internal)
      .map((a) => ({ address: a.address, label: name })),
  )
}

const urlOf = (address: string, port: number) => `http://${address}:${port}`

export function createSharing({
  store,
  serve,
  interfaces = networkInterfaces,
  clock = () => new Date(),
  logError = console.error,
}: SharingOptions): Sharing {
  let chosen = readChosen(store)
  let running: RunningEndpoint | null = null
  let problem: string | null = null
  // One change at a time: a second click waits for the first endpoint to close or start.
  let queue: Promise<unknown> = Promise.resolve()

  function choices(): LanAddress[] {
    return [
      { address: LOOPBACK, label: 'this laptop only' },
      { address: EVERY_INTERFACE, label: 'every network of this laptop' },
      ...ownAddresses(interfaces),
    ]
  }

  /** Where a station reaches the endpoint: each LAN address when listening on all of them. */
  function stationHosts(): string[] {
    if (!running) return []
    if (running.host !== EVERY_INTERFACE) return [running.host]
    const lan = ownAddresses(interfaces).map((a) => a.address)
    return lan.length > 0 ? lan : [LOOPBACK]
  }

  function state(): SharingState {
    return {
      on: running !== null,
      address: chosen.address,
      port: running?.port ?? chosen.port,
      choices: choices(),
      station_urls: stationHosts().map((host) => urlOf(host, running!.port)),
      problem,
    }
  }

  function save(next: Chosen, who: Principal) {
    const at = clock().toISOString()
    const value = JSON.stringify(next)
    store.sqlite
      .transaction(() => {
        store.db
          .insert(setting)
          .values({ key: SHARING_SETTING, value, updatedAt: at })
          .onConflictDoUpdate({ target: setting.key, set: { value, updatedAt: at } })
          .run()
        recordAudit(
          store.sqlite,
          { operator: who.operator, station: who.station },
          {
            action: next.on ? 'share on the LAN' : 'stop sharing on the LAN',
            entity: 'setting',
            before: chosen,
            after: next,
          },
          at,
        )
      })
      .immediate()
    chosen = next
  }

  async function stop() {
    const endpoint = running
    running = null
    await endpoint?.close()
  }

  /** Listens as chosen; a refusal (port in use, address gone) is kept as the problem to show. */
  async function start(): Promise<boolean> {
    problem = null
    try {
      running = await serve(chosen.address, chosen.port)
      return true
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      problem =
        code === 'EADDRINUSE'
          ? `Port ${chosen.port} is already in use on this laptop: choose another port.`
          : code === 'EADDRNOTAVAIL'
            ? `This laptop no longer has the address ${chosen.address}: choose another one.`
            : code === 'EACCES'
              ? `This laptop does not allow Ticketi to listen on port ${chosen.port}: choose one above 1024.`
              : 'Sharing could not start; see the log for why.'
      if (!code || !['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES'].includes(code)) logError(error)
      return false
    }
  }

  async function set(next: Chosen, who: Principal): Promise<SharingState> {
    if (!choices().some((c) => c.address === next.address)) {
      throw new TicketiError('VALIDATION', `${next.address} is not an address of this laptop.`)
    }
    await stop()
    if (!next.on) {
      save(next, who)
      problem = null
      return state()
    }
    const before = chosen
    chosen = next
    const started = await start()
    chosen = before
    // Only a share that started is remembered as on: a refused port is not tried again at every start.
    save({ ...next, on: started }, who)
    return state()
  }

  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work)
    queue = result.catch(() => {})
    return result
  }

  return {
    state,
    answer(request, who) {
      return serialized(async (): Promise<Outcome<SharingState>> => {
        try {
          const parsed = sharingRequest.safeParse(request)
          if (!parsed.success) {
            throw new TicketiError(
              'VALIDATION',
              `Not a request this window can make: ${parsed.error.issues[0]?.message}`,
            )
          }
          if (!who) throw new TicketiError('UNAUTHORIZED', 'Sign in with your PIN first.')
          if (who.role !== 'admin') {
            throw new TicketiError('FORBIDDEN', 'Only an admin can share this laptop on the LAN.')
          }
          const { action, ...next } = parsed.data as { action: string } & Chosen
          return { ok: true, value: action === 'get' ? state() : await set(next, who) }
        } catch (error) {
          return { ok: false, error: toEnvelope(error, logError) }
        }
      })
    },
    resume: () =>
      serialized(async () => {
        if (chosen.on && !running) await start()
        return state()
      }),
    joinUrl(code) {
      const host = stationHosts()[0]
      return host && running ? `${urlOf(host, running.port)}/#/join?code=${code}` : null
    },
    close: () => serialized(stop),
  }
}

/** A pairing made in this window gains its join link while this laptop shares on the LAN. */
export function withJoinUrl(dispatch: AsyncDispatch, sharing: Pick<Sharing, 'joinUrl'>): AsyncDispatch {
  return async (name, input, who) => {
    const outcome = await dispatch(name, input, who)
    if (name !== 'createPairing' || !outcome.ok) return outcome
    const made = outcome.value as { pairing_code: string }
    return { ok: true, value: { ...made, join_url: sharing.joinUrl(made.pairing_code) } }
  }
}

/** A damaged setting means not sharing, not no app. */
function readChosen(store: Store): Chosen {
  const row = store.db.select().from(setting).where(eq(setting.key, SHARING_SETTING)).get()
  if (!row) return OFF
  try {
    const parsed = stored.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : OFF
  } catch {
    return OFF
  }
}
