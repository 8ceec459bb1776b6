// Starts the built desktop app (out/main/index.js) in real Electron, on a data
// folder of its own, and speaks to it through the same bridge the UI uses.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type ElectronApplication, type Page } from '@playwright/test'
import type { InputOf, OperationName, OutputOf } from '../src/shared/contract'
import type { Outcome } from '../src/shared/errors'
import type { ShellRequest, ShellState } from '../src/shared/ipc'

export const PINS = { admin: '918273', boxoffice: '2468', door: '1357' }

export interface RunningShell {
  app: ElectronApplication
  page: Page
  shell(request: ShellRequest): Promise<Outcome<ShellState>>
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Outcome<unknown>>
  /** The main window as Electron sees it. */
  windowState(): Promise<{ count: number; kiosk: boolean; fullScreen: boolean; destroyed: boolean }>
  /** Quits, or kills a kiosk that will not quit, so a failed test never leaves Electron behind. */
  stop(): Promise<void>
}

/** An operation's answer, or a failure that says what was refused. */
export async function run<N extends OperationName>(
  shell: RunningShell,
  name: N,
  input: InputOf<N>,
): Promise<OutputOf<N>> {
  const outcome = await shell.call(name, input)
  if (!outcome.ok) throw new Error(`${name} was refused: ${outcome.error.code}: ${outcome.error.error}`)
  return outcome.value as OutputOf<N>
}

export function dataFolder(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ticketi-electron-'))
  // Windows frees an exited app's files a moment later: removing retries.
  return { path, remove: () => rmSync(path, { recursive: true, force: true, maxRetries: 10 }) }
}

/** Chromium refuses to start its sandbox as root (CI's Linux container): only there it goes without. */
export const SANDBOX_ARGS = process.getuid?.() === 0 ? ['--no-sandbox'] : []

export async function launchShell(dataDir: string, ...args: string[]): Promise<RunningShell> {
  const app = await _electron.launch({
    // As electron-vite does: ELECTRON_EXEC_PATH names an Electron already on the machine.
    ...(process.env.ELECTRON_EXEC_PATH ? { executablePath: process.env.ELECTRON_EXEC_PATH } : {}),
    args: [...SANDBOX_ARGS, 'out/main/index.js', '--data-dir', dataDir, ...args],
  })
  const page = await app.firstWindow()
  await page.waitForLoadState('domcontentloaded')
  return bridgeOf(app, page)
}

/** What a test does with a window: the same bridge calls the UI makes, and Electron's view of the window. */
function bridgeOf(app: ElectronApplication, page: Page): RunningShell {
  return {
    app,
    page,
    shell: (request) => page.evaluate((r) => window.ticketi!.shell(r), request),
    // Playwright hands the input over as JSON: its type was checked where call() was called.
    call: (name, input) =>
      page.evaluate(
        ([n, i]) => window.ticketi!.call(n as OperationName, i as never),
        [name, input as unknown],
      ),
    windowState: () =>
      app.evaluate(({ BrowserWindow }) => {
        const [window] = BrowserWindow.getAllWindows()
        return {
          count: BrowserWindow.getAllWindows().length,
          kiosk: window?.isKiosk() ?? false,
          fullScreen: window?.isFullScreen() ?? false,
          destroyed: window?.isDestroyed() ?? true,
        }
      }),
    async stop() {
      const quitting = app.close()
      const timeout = new Promise((resolve) => setTimeout(resolve, 5_000, 'stuck'))
      if ((await Promise.race([quitting, timeout])) === 'stuck') app.process().kill()
    },
  }
}
