// A station: this laptop uses another Ticketi's database over the LAN. The main
// process pairs once, keeps the refresh token sealed on disk, and from then on
// forwards the window's operations to the host, renewing its access token on a
// 401 and finding the host again by itself after a restart or a network blip.
// Free of Electron: the seal and fetch are passed in, so tests run under Node.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { TicketiError, type ErrorEnvelope, type Outcome } from '../../shared/errors'
import type { Connection } from '../../shared/ipc'
import type { LiveChange } from '../../shared/live'
import { liveChangeOf, takeSseFrames } from '../../shared/sse'
import type { Role } from '../../shared/views'
import type { SecretBox } from '../mail/context'

export const STATION_FILE = 'station.json'

export interface JoinedHost {
  /** The host's origin, like http://192.168.1.20:8080. */
  host: string
  station: { id: number; name: string; role: Role }
  refresh_token: string
}

/** Where the pairing is kept between runs; the refresh token never lies on disk unsealed. */
export interface StationVault {
  read(): JoinedHost | null
  write(joined: JoinedHost | null): void
}

const storedFile = z.object({
  host: z.string(),
  station: z.object({ id: z.number(), name: z.string(), role: z.enum(['admin', 'boxoffice', 'door']) }),
  sealed_refresh_token: z.string(),
})

/** station.json in the data folder, its refresh token sealed (safeStorage on the desktop). */
export function fileVault(dataDir: string, box: SecretBox): StationVault {
  const path = join(dataDir, STATION_FILE)
  return {
    read() {
      if (!existsSync(path)) return null
      try {
        const file = storedFile.parse(JSON.parse(readFileSync(path, 'utf8')))
        return {
          host: file.host,
          station: file.station,
          refresh_token: box.decrypt(file.sealed_refresh_token),
        }
      } catch {
        // A damaged file or a seal this computer cannot open: pair again rather than not start.
        return null
      }
    },
    write(joined) {
      if (!joined) return rmSync(path, { force: true })
      mkdirSync(dataDir, { recursive: true })
      const file = {
        host: joined.host,
        station: joined.station,
        sealed_refresh_token: box.encrypt(joined.refresh_token),
      }
      writeFileSync(path, JSON.stringify(file), { mode: 0o600 })
    },
  }
}

/** "192.168.1.20:8080", "http://box-office.local:8080/" or a whole join link, as the host's origin and code. */
export function parseHostAddress(typed: string): { host: string; code: string | null } {
  const text = typed.trim()
  const withScheme = /^https?:\/\//i.test(text) ? text : `http://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new TicketiError('VALIDATION', `"${typed}" is not a host address like 192.168.1.20:8080.`)
  }
  if (!url.hostname || (url.pathname !== '/' && url.pathname !== '')) {
    throw new TicketiError('VALIDATION', `"${typed}" is not a host address like 192.168.1.20:8080.`)
  }
  const code = /[?&]code=(\d{8})\b/.exec(url.hash)?.[1] ?? null
  return { host: url.origin, code }
}

export type Fetch = typeof fetch

export interface StationLinkOptions {
  vault: StationVault
  fetch?: Fetch
  clock?: () => Date
  /** Waits between tries to reach the host: 0.5 s, 1 s, 2 s, ... up to `maxWaitMs`. */
  sleep?: (ms: number) => Promise<void>
  maxWaitMs?: number
  /** Tries per operation before the window is told the host cannot be reached. */
  tries?: number
}

export interface StationLink {
  joined(): JoinedHost | null
  connection(): Connection
  /** Pairs with the host; the code is spent whether or not anything else works afterwards. */
  join(address: string, code: string): Promise<JoinedHost>
  /** One operation on the host, as this station. */
  call(name: string, input: unknown): Promise<Outcome<unknown>>
  /** The host refused this station (revoked, or its session spent): back to the join screen. */
  onLeft(listener: () => void): void
  onConnection(listener: (connection: Connection) => void): void
  /**
   * Hears the host's live changes (GET /api/v1/live), as a browser station does, for the
   * window to refresh what it shows; resumes after a drop from the last change it heard.
   */
  listen(onChanges: (changes: LiveChange[]) => void): () => void
  /** Stops reconnecting; the pairing stays for the next run. */
  stop(): void
}

/** The host did not answer. `maybeSent`: the request may have reached it, so a write is not sent twice. */
class Unreachable extends Error {
  constructor(
    message: string,
    readonly maybeSent = false,
  ) {
    super(message)
  }
}

/** Failures before a single byte reached the host: safe to try again, even for a sale. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

function notSent(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause
  return NOT_SENT.has(cause?.code ?? '')
}

const envelopeOf = (body: unknown, status: number): ErrorEnvelope =>
  body && typeof body === 'object' && 'code' in body && 'error' in body
    ? (body as ErrorEnvelope)
    : new TicketiError('INTERNAL', `The host answered ${status} without saying why.`).toEnvelope()

export function createStationLink({
  vault,
  fetch: send = fetch,
  clock = () => new Date(),
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()),
  maxWaitMs = 10_000,
  tries = 4,
}: StationLinkOptions): StationLink {
  let joined = vault.read()
  let access: string | null = null
  let renewing: Promise<void> | null = null
  let connection: Connection = joined ? { state: 'connected', host: joined.host, since: null } : notJoined()
  let stopped = false
  let reconnecting: Promise<void> | null = null
  const leftListeners: Array<() => void> = []
  const listening = new Set<() => void>()
  const connectionListeners: Array<(connection: Connection) => void> = []

  function notJoined(): Connection {
    return { state: 'not joined', host: null, since: null }
  }

  function setConnection(next: Connection) {
    if (next.state === connection.state && next.host === connection.host) return
    connection = next
    for (const listener of connectionListeners) listener({ ...connection })
  }

  function lostHost() {
    if (!joined) return
    // "since" is when it was first lost, not the latest failed try.
    if (connection.state === 'connected') {
      setConnection({ state: 'reconnecting', host: joined.host, since: clock().toISOString() })
    }
    startReconnecting()
  }

  async function post(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; body: unknown }> {
    if (!joined && !path.endsWith('/session/pair')) throw new Unreachable('not joined')
    let response: Response
    try {
      response = await send(`${path.startsWith('http') ? '' : joined!.host}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      })
    } catch (error) {
      throw new Unreachable(error instanceof Error ? error.message : String(error), !notSent(error))
    }
    const text = await response.text()
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      parsed = null
    }
    return { status: response.status, body: parsed }
  }

  function leave() {
    joined = null
    access = null
    vault.write(null)
    setConnection(notJoined())
    for (const listener of leftListeners) listener()
  }

  /** One refresh at a time: spending the same refresh token twice would revoke this station. */
  function renew(): Promise<void> {
    renewing ??= (async () => {
      const current = joined
      if (!current) throw new Unreachable('not joined')
      const answer = await post('/api/v1/session/refresh', { refresh_token: current.refresh_token })
      if (answer.status === 401) {
        leave()
        throw new TicketiError('UNAUTHORIZED', 'The host no longer knows this station: join it again.')
      }
      if (answer.status !== 200) throw new Unreachable(`refresh answered ${answer.status}`)
      const session = answer.body as { access_token: string; refresh_token: string }
      access = session.access_token
      joined = { ...current, refresh_token: session.refresh_token }
      vault.write(joined)
    })().finally(() => {
      renewing = null
    })
    return renewing
  }

  /** One try: a 401 renews the access token once and asks again. */
  async function attempt(name: string, input: unknown): Promise<Outcome<unknown>> {
    if (!access) await renew()
    let answer = await post(`/api/v1/operations/${encodeURIComponent(name)}`, input ?? {}, access!)
    if (answer.status === 401) {
      await renew()
      answer = await post(`/api/v1/operations/${encodeURIComponent(name)}`, input ?? {}, access!)
    }
    if (answer.status === 401) {
      leave()
      return {
        ok: false,
        error: new TicketiError(
          'UNAUTHORIZED',
          'The host no longer knows this station: join it again.',
        ).toEnvelope(),
      }
    }
    if (answer.status >= 500 && answer.status !== 503) {
      return { ok: false, error: envelopeOf(answer.body, answer.status) }
    }
    if (answer.status === 503 && !(answer.body as ErrorEnvelope | null)?.code) throw new Unreachable('503')
    setConnection({ state: 'connected', host: joined!.host, since: null })
    if (answer.status >= 400) return { ok: false, error: envelopeOf(answer.body, answer.status) }
    return { ok: true, value: answer.body }
  }

  /** One stream until it ends or is refused; 'left' when the host no longer knows this station. */
  async function streamOnce(
    lastId: { value: string | null },
    abort: AbortController,
    onChanges: (changes: LiveChange[]) => void,
  ): Promise<'ended' | 'left'> {
    if (!joined) return 'left'
    if (!access) await renew()
    const open = () =>
      send(`${joined!.host}/api/v1/live`, {
        headers: {
          accept: 'text/event-stream',
          authorization: `Bearer ${access}`,
          ...(lastId.value !== null ? { 'last-event-id': lastId.value } : {}),
        },
        signal: abort.signal,
      })
    let response = await open()
    if (response.status === 401) {
      await response.body?.cancel()
      await renew()
      response = await open()
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel()
      return 'ended'
    }
    const decoder = new TextDecoder()
    let buffered = ''
    const reader = response.body.getReader()
    for (;;) {
      const { value: chunk, done } = await reader.read()
      if (done) break
      const { frames, rest } = takeSseFrames(buffered + decoder.decode(chunk, { stream: true }))
      buffered = rest
      const changes: LiveChange[] = []
      for (const frame of frames) {
        if (frame.id !== null) lastId.value = frame.id
        const change = liveChangeOf(frame)
        if (change) changes.push(change)
      }
      if (changes.length > 0) onChanges(changes)
    }
    return 'ended'
  }

  function listen(onChanges: (changes: LiveChange[]) => void): () => void {
    let over = false
    let abort = new AbortController()
    const lastId = { value: null as string | null }
    void (async () => {
      for (let round = 0; !over && !stopped && joined; round++) {
        try {
          if ((await streamOnce(lastId, abort, onChanges)) === 'left') return
          round = 0
        } catch (error) {
          // Refused for good: the link has already sent the window back to join.
          if (error instanceof TicketiError && error.code === 'UNAUTHORIZED') return
        }
        if (over) return
        abort = new AbortController()
        await sleep(waitFor(round))
      }
    })()
    const unlisten = () => {
      over = true
      abort.abort()
      listening.delete(unlisten)
    }
    listening.add(unlisten)
    return unlisten
  }

  const waitFor = (round: number) => Math.min(maxWaitMs, 500 * 2 ** round)

  /** In the background until the host answers again: health first, then a fresh access token. */
  function startReconnecting() {
    reconnecting ??= (async () => {
      for (let round = 0; !stopped && joined; round++) {
        await sleep(waitFor(round))
        if (stopped || !joined) return
        try {
          const health = await send(`${joined.host}/api/v1/health`, { signal: AbortSignal.timeout(5000) })
          if (!health.ok) continue
          await renew()
          setConnection({ state: 'connected', host: joined.host, since: null })
          return
        } catch (error) {
          if (error instanceof TicketiError) return
          if (round >= 2 && connection.state === 'reconnecting') {
            setConnection({ ...connection, state: 'unreachable' })
          }
        }
      }
    })().finally(() => {
      reconnecting = null
    })
  }

  return {
    joined: () => joined,
    connection: () => ({ ...connection }),
    async join(address, code) {
      const { host } = parseHostAddress(address)
      if (!/^\d{8}$/.test(code)) throw new TicketiError('VALIDATION', 'The pairing code is 8 digits.')
      let answer
      try {
        answer = await post(`${host}/api/v1/session/pair`, { pairing_code: code })
      } catch (error) {
        if (error instanceof Unreachable) {
          throw new TicketiError(
            'OFFLINE',
            `No Ticketi host answers at ${host}. Check the address and the network.`,
          )
        }
        throw error
      }
      if (answer.status !== 201) {
        if (answer.status === 401) {
          throw new TicketiError(
            'UNAUTHORIZED',
            'That pairing code is wrong, used or expired: ask for a new one.',
          )
        }
        const envelope = envelopeOf(answer.body, answer.status)
        throw new TicketiError(envelope.code, envelope.error)
      }
      const session = answer.body as {
        access_token: string
        refresh_token: string
        station: JoinedHost['station']
      }
      joined = { host, station: session.station, refresh_token: session.refresh_token }
      access = session.access_token
      vault.write(joined)
      setConnection({ state: 'connected', host, since: null })
      return joined
    },
    async call(name, input) {
      if (!joined) {
        return { ok: false, error: new TicketiError('UNAUTHORIZED', 'Join a host first.').toEnvelope() }
      }
      for (let round = 0; ; round++) {
        try {
          return await attempt(name, input)
        } catch (error) {
          if (error instanceof TicketiError) return { ok: false, error: error.toEnvelope() }
          if (!(error instanceof Unreachable)) throw error
          lostHost()
          if (round + 1 >= tries || !joined || error.maybeSent) {
            const since = connection.since ? ` since ${connection.since.slice(11, 16)} UTC` : ''
            return {
              ok: false,
              error: new TicketiError(
                'OFFLINE',
                `The host at ${joined?.host ?? 'its address'} cannot be reached${since}; Ticketi keeps trying.`,
              ).toEnvelope(),
            }
          }
          await sleep(waitFor(round))
        }
      }
    },
    onLeft: (listener) => void leftListeners.push(listener),
    onConnection: (listener) => void connectionListeners.push(listener),
    listen,
    stop() {
      stopped = true
      for (const unlisten of [...listening]) unlisten()
    },
  }
}
