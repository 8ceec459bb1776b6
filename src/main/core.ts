// The core without any transport: the database and the dispatcher over it.
// The Electron entry, the headless host, tests and benchmarks all start here.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { dbPathIn, openStore, type Store } from './db/open'
import { createDispatcher, type Dispatch } from './dispatcher'
import { handlers } from './operations'

/**
 * Finds a folder of the project from wherever this code runs: src/main under
 * tests, or a chunk under out/main once built.
 */
function projectPath(relative: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative)
    if (dirname(dir) === dir) return join(__dirname, relative)
  }
}

export const DEFAULT_MIGRATIONS_DIR = projectPath('drizzle')
export const DEFAULT_RENDERER_DIR = projectPath(join('out', 'renderer'))

export interface Core {
  store: Store
  dispatch: Dispatch
  close(): void
}

export interface CoreOptions {
  dataDir: string
  migrationsDir?: string
  logError?: (error: unknown) => void
}

export function openCore({ dataDir, migrationsDir = DEFAULT_MIGRATIONS_DIR, logError }: CoreOptions): Core {
  const store = openStore(dbPathIn(dataDir), migrationsDir)
  return { store, dispatch: createDispatcher(store, handlers, logError), close: () => store.close() }
}
