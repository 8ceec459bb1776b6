// Starts the real headless host (the built one, as `npm run serve` does) on a
// free port with a fresh data folder, and hands its URL to the tests.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789'

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketi-e2e-'))
  const host = spawn(process.execPath, ['out/main/host.js', '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, TICKETI_ADMIN_TOKEN: E2E_ADMIN_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    host.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    host.once('exit', (code) =>
      reject(new Error(`The host exited with ${code} before listening:\n${output}`)),
    )
  })
  process.env.TICKETI_E2E_URL = url
  process.env.TICKETI_E2E_TOKEN = E2E_ADMIN_TOKEN

  return async () => {
    const exited = new Promise((resolve) => host.once('exit', resolve))
    host.kill('SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  }
}
