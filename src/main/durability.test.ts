// SPEC §6: every acknowledged sale and check-in survives a killed process,
// and the database passes integrity_check afterwards.
import { spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { dbPathIn } from './db/open'
import { tempDir } from '../../test/support/core'

const TOKEN = 'durability-admin-token-000'
const dirs: Array<{ remove(): void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

function startHostProcess(dataDir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/host.ts', '--data-dir', dataDir, '--port', '0'],
    {
      env: { ...process.env, TICKETI_ADMIN_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const url = new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)))
  })
  return { child, url }
}

async function post(url: string, path: string, body: unknown) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('a killed host', () => {
  it('keeps every acknowledged sale and check-in, and the file stays sound', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const { child, url: listening } = startHostProcess(dir.path)
    const url = await listening
    const event = await post(url, '/events', {
      name: 'Crash Night',
      starts_at: '2026-12-01T20:00:00Z',
      capacity: 900,
    })
    const eventId = event.body.id as number
    await post(url, '/events/' + eventId + '/seed', { count: 900 })

    const soldCodes: string[] = []
    const admitted: string[] = []
    let stop = false
    // Sell and admit as fast as possible from 8 clients until the process is killed mid-stream.
    const worker = async (n: number) => {
      for (let i = 0; !stop && i < 100; i++) {
        try {
          const sale = await post(url, '/assign', {
            event_id: eventId,
            customer: { name: `Guest ${n}-${i}`, email: `g${n}-${i}@example.com` },
          })
          if (sale.status !== 201) continue
          const code = (sale.body.tickets as Array<{ short_code: string }>)[0]!.short_code
          soldCodes.push(code)
          const answer = await post(url, '/checkin', { event_id: eventId, code })
          if (answer.status === 200) admitted.push(code)
        } catch {
          return // the connection died with the process
        }
      }
    }
    const workers = Array.from({ length: 8 }, (_, n) => worker(n))
    // Kill mid-stream once some check-ins are acknowledged: on a busy machine that takes longer.
    for (let waited = 0; admitted.length < 5 && waited < 20_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    stop = true
    await exited
    await Promise.all(workers)

    expect(admitted.length).toBeGreaterThan(0)
    const db = new Database(dbPathIn(dir.path))
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    const status = db.prepare('SELECT status FROM ticket WHERE event_id = ? AND short_code = ?').pluck()
    for (const code of soldCodes) expect(['assigned', 'checked_in']).toContain(status.get(eventId, code))
    for (const code of admitted) expect(status.get(eventId, code)).toBe('checked_in')
    db.close()
  })
})
