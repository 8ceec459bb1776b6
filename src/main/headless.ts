// The headless host: the core plus the LAN API and the web UI, with no Electron.
import { adminTokenProblem, createSessions, sessionKeyIn } from './auth'
import { DEFAULT_RENDERER_DIR, openCore, type Core, type CoreOptions } from './core'
import { createFailureLimit } from './http/failure-limit'
import { createHttpServer } from './http/server'

/** `mail.worker` is off unless asked for: `npm run serve` asks, tests and benchmarks choose. */
export interface HostOptions extends CoreOptions {
  port: number
  host?: string
  adminToken: string
  rendererDir?: string
  /** Milliseconds since the epoch, for the session tokens, the failure limit and every operation; tests move it. */
  clock?: () => number
  /** Failed authentications one address may make in a minute before it is refused (default 20). */
  failuresAllowed?: number
}

export interface RunningHost {
  url: string
  core: Core
  close(): Promise<void>
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  // The admin token opens everything: a guessable one must not even start the host.
  const weakness = adminTokenProblem(options.adminToken)
  if (weakness) throw new Error(weakness)
  const core = openCore(options)
  let sessions
  try {
    sessions = createSessions(core.store, {
      adminToken: options.adminToken,
      key: sessionKeyIn(options.dataDir),
      clock: options.clock,
    })
  } catch (error) {
    core.close()
    throw error
  }
  const app = createHttpServer({
    dispatch: core.dispatchGrouped,
    sessions,
    failures: createFailureLimit(options.clock, options.failuresAllowed),
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    logError: options.logError,
  })
  try {
    await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' })
  } catch (error) {
    core.close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  let closing: Promise<void> | null = null
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    core,
    close: () =>
      (closing ??= app
        .close()
        .then(() => core.mail.stop())
        .then(() => core.close())),
  }
}
