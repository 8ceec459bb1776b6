// The headless host: the core plus the LAN API and the web UI, with no Electron.
import { adminTokenProblem } from './auth'
import { DEFAULT_RENDERER_DIR, openCore, type Core, type CoreOptions } from './core'
import { serveCore } from './http/endpoint'

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
  /** How often a quiet live stream gets a heartbeat; tests shorten it. */
  liveHeartbeatMs?: number
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
  let endpoint
  try {
    endpoint = await serveCore(core, {
      ...options,
      rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    })
  } catch (error) {
    core.close()
    throw error
  }
  let closing: Promise<void> | null = null
  return {
    url: endpoint.url,
    core,
    close: () =>
      (closing ??= endpoint
        .close()
        .then(() => core.mail.stop())
        .then(() => core.close())),
  }
}
