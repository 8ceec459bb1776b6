// The headless host: the core plus the LAN API and the web UI, with no Electron.
import { createAuthenticator } from './auth'
import { DEFAULT_RENDERER_DIR, openCore, type Core, type CoreOptions } from './core'
import { createHttpServer } from './http/server'

/** `mail.worker` is off unless asked for: `npm run serve` asks, tests and benchmarks choose. */
export interface HostOptions extends CoreOptions {
  port: number
  host?: string
  adminToken: string
  rendererDir?: string
}

export interface RunningHost {
  url: string
  core: Core
  close(): Promise<void>
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const core = openCore(options)
  const app = createHttpServer({
    dispatch: core.dispatchGrouped,
    authenticate: createAuthenticator(core.store, options.adminToken),
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
