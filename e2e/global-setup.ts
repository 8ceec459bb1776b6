// Starts the real headless host (the built one, as `npm run serve` does) on a
// free port with a fresh data folder, and hands its URL to the tests.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBuiltHost } from './built-host'

export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789'

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketi-e2e-'))
  const host = await startBuiltHost(process.cwd(), dataDir, E2E_ADMIN_TOKEN)
  process.env.TICKETI_E2E_URL = host.url
  process.env.TICKETI_E2E_TOKEN = E2E_ADMIN_TOKEN
  // The desktop app's USB export reads the database itself: its browser test does the same.
  process.env.TICKETI_E2E_DATA_DIR = dataDir

  return async () => {
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
