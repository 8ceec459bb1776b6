// The LAN endpoint over a core that is already open: the headless host opens a
// core and serves it here, and the desktop app serves the core its window uses
// when "Share on the LAN" is on. One core per data folder, so never a second one.
import { createSessions, sessionKeyIn } from '../auth'
import { anyChange } from '../after-commit'
import type { Core } from '../core'
import { createFailureLimit } from './failure-limit'
import { createHttpServer } from './server'

export interface EndpointOptions {
  dataDir: string
  port: number
  host?: string
  /** The admin token for automation, or null for none (pairing is then the only way in). */
  adminToken: string | null
  rendererDir?: string
  /** Milliseconds since the epoch, for the session tokens and the failure limit; tests move it. */
  clock?: () => number
  /** Failed authentications one address may make in a minute before it is refused (default 20). */
  failuresAllowed?: number
  logError?: (error: unknown) => void
  /** How often a quiet live stream gets a heartbeat; tests shorten it. */
  liveHeartbeatMs?: number
}

export interface RunningEndpoint {
  /** Where this laptop itself reaches it (127.0.0.1 when listening on every interface). */
  url: string
  host: string
  port: number
  /** Stops listening; the core stays open for whoever opened it. */
  close(): Promise<void>
}

export async function serveCore(core: Core, options: EndpointOptions): Promise<RunningEndpoint> {
  const host = options.host ?? '127.0.0.1'
  const sessions = createSessions(core.store, {
    adminToken: options.adminToken,
    key: sessionKeyIn(options.dataDir),
    clock: options.clock,
  })
  // The tokens' stations as last checked are forgotten once a station is revoked or renamed.
  const forgetStations = core.afterCommit.subscribe((writes) => {
    if (anyChange(writes, 'stationRevoked') || anyChange(writes, 'stationRenamed')) sessions.forget()
  })
  const app = createHttpServer({
    dispatch: core.dispatchGrouped,
    sessions,
    failures: createFailureLimit(options.clock, options.failuresAllowed),
    rendererDir: options.rendererDir,
    logError: options.logError,
    live: core.live,
    liveHeartbeatMs: options.liveHeartbeatMs,
    health: core.disk.health,
  })
  await app.listen({ port: options.port, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const own = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  let closing: Promise<void> | null = null
  return {
    url: `http://${own.includes(':') ? `[${own}]` : own}:${port}`,
    host,
    port,
    close: () =>
      (closing ??= app.close().then(() => {
        forgetStations()
      })),
  }
}
