// SPEC §5.1: the LAN is hostile. Guessing tokens or pairing codes is limited per
// client address, a Host header naming a stranger's site is refused (DNS
// rebinding), and a second Ticketi cannot take a data folder that one holds.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ErrorEnvelope } from '../../shared/errors'
import type { PairingView } from '../../shared/views'
import { DataFolderHeldError, LOCK_FILE_NAME } from '../data-lock'
import { startHost } from '../headless'
import { tempDir } from '../../../test/support/core'
import {
  ADMIN_TOKEN,
  api,
  count,
  seededEvent,
  startTestHost,
  type TestHost,
} from '../../../test/support/host'

const hosts: TestHost[] = []
const dirs: Array<{ remove(): void }> = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((t) => t.dispose()))
  dirs.splice(0).forEach((d) => d.remove())
})

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: ErrorEnvelope & Record<string, unknown>
}

/** A request from a chosen loopback address, with whatever Host header the test names. */
function send(
  url: string,
  method: string,
  path: string,
  {
    from = '127.0.0.1',
    headers = {},
    json,
  }: { from?: string; headers?: Record<string, string>; json?: unknown },
): Promise<RawAnswer> {
  const body = json === undefined ? undefined : JSON.stringify(json)
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${path}`,
      {
        method,
        localAddress: from,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => {
          let parsed: unknown
          try {
            parsed = JSON.parse(text)
          } catch {
            parsed = { text }
          }
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: parsed as RawAnswer['body'],
          })
        })
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

describe('failed authentication is limited per client address', () => {
  async function limitedHost() {
    const clock = { now: Date.now() }
    // The host's real limit: 20 failures a minute.
    const t = await startTestHost(undefined, { clock: () => clock.now, failuresAllowed: 20 })
    hosts.push(t)
    return { t, clock }
  }

  it('after 20 wrong tokens, that address gets 429 with Retry-After until the minute has passed; another address does not', async () => {
    const { t, clock } = await limitedHost()
    for (let i = 0; i < 20; i++) {
      const wrong = await send(t.url, 'GET', '/api/v1/me', {
        from: '127.0.0.2',
        headers: bearer(`guess-${i}`),
      })
      expect(wrong.status).toBe(401)
    }
    // Even the right token is refused from that address now, and so are pairing and refresh.
    const blocked = await send(t.url, 'GET', '/api/v1/me', {
      from: '127.0.0.2',
      headers: bearer(ADMIN_TOKEN),
    })
    expect(blocked.status).toBe(429)
    expect(blocked.body.code).toBe('THROTTLED')
    expect(blocked.body.error).toMatch(/Too many failed sign-ins/)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(50)
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60)
    for (const path of ['/api/v1/session/pair', '/api/v1/session/refresh']) {
      const answer = await send(t.url, 'POST', path, {
        from: '127.0.0.2',
        json: { pairing_code: '12345678' },
      })
      expect(answer.status, path).toBe(429)
      expect(answer.headers['retry-after']).toBeDefined()
    }

    // The station next to it is not held up.
    const other = await send(t.url, 'GET', '/api/v1/me', { from: '127.0.0.1', headers: bearer(ADMIN_TOKEN) })
    expect(other.status).toBe(200)
    // Health needs no token and stays open to everyone.
    expect((await send(t.url, 'GET', '/api/v1/health', { from: '127.0.0.2' })).status).toBe(200)

    clock.now += 30_000
    const later = await send(t.url, 'GET', '/api/v1/me', { from: '127.0.0.2', headers: bearer(ADMIN_TOKEN) })
    expect(later.status).toBe(429)
    expect(Number(later.headers['retry-after'])).toBeLessThanOrEqual(30)
    clock.now += 31_000
    const after = await send(t.url, 'GET', '/api/v1/me', { from: '127.0.0.2', headers: bearer(ADMIN_TOKEN) })
    expect(after.status).toBe(200)
  })

  it('wrong pairing codes and wrong refresh tokens count too, and a blocked address cannot pair even with the right code', async () => {
    const { t } = await limitedHost()
    const { pairing_code } = await t.ok<PairingView>(
      'POST',
      '/api/v1/pairings',
      { name: 'Door 2', role: 'door' },
      201,
    )
    for (let i = 0; i < 10; i++) {
      const code = String(i).padStart(8, '9')
      const wrong = await send(t.url, 'POST', '/api/v1/session/pair', {
        from: '127.0.0.3',
        json: { pairing_code: code },
      })
      expect(wrong.status).toBe(401)
      const stale = await send(t.url, 'POST', '/api/v1/session/refresh', {
        from: '127.0.0.3',
        json: { refresh_token: `made-up-${i}` },
      })
      expect(stale.status).toBe(401)
    }
    const right = await send(t.url, 'POST', '/api/v1/session/pair', {
      from: '127.0.0.3',
      json: { pairing_code },
    })
    expect(right.status).toBe(429)
    expect(count(t.sqlite, 'SELECT count(*) FROM station')).toBe(0)
    // The code was not spent by the refused try: the real station joins from its own address.
    const door = await send(t.url, 'POST', '/api/v1/session/pair', {
      from: '127.0.0.1',
      json: { pairing_code },
    })
    expect(door.status).toBe(201)
  })

  it('an expired or revoked access token this host gave out is refused but is not counted as a guess', async () => {
    const { t, clock } = await limitedHost()
    const { pairing_code } = await t.ok<PairingView>(
      'POST',
      '/api/v1/pairings',
      { name: 'Door 3', role: 'door' },
      201,
    )
    const joined = await send(t.url, 'POST', '/api/v1/session/pair', {
      from: '127.0.0.5',
      json: { pairing_code },
    })
    const jwt = joined.body.access_token as string
    clock.now += 16 * 60_000
    for (let i = 0; i < 25; i++) {
      expect(
        (await send(t.url, 'GET', '/api/v1/me', { from: '127.0.0.5', headers: bearer(jwt) })).status,
      ).toBe(401)
    }
    const admin = await send(t.url, 'GET', '/api/v1/me', { from: '127.0.0.5', headers: bearer(ADMIN_TOKEN) })
    expect(admin.status).toBe(200)
  })

  it('requests that carry no token at all are not counted as guesses', async () => {
    const { t } = await limitedHost()
    for (let i = 0; i < 25; i++) {
      expect((await send(t.url, 'GET', '/api/v1/me', { from: '127.0.0.4' })).status).toBe(401)
    }
    const admin = await send(t.url, 'GET', '/api/v1/me', { from: '127.0.0.4', headers: bearer(ADMIN_TOKEN) })
    expect(admin.status).toBe(200)
  })
})

describe('the Host header (DNS rebinding)', () => {
  it("is refused with a 4xx envelope when it names a stranger's site, for the API and the web UI alike", async () => {
    const t = await startTestHost()
    hosts.push(t)
    const { eventId } = await seededEvent(t, 1)
    const port = new URL(t.url).port
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1.evil.example:${port}`,
      '127.0.0.1:80@evil.example',
    ]) {
      for (const path of ['/', '/api/v1/health', '/api/v1/events']) {
        const answer = await send(t.url, 'GET', path, { headers: { host, ...bearer(ADMIN_TOKEN) } })
        expect(answer.status, `${host} ${path}`).toBe(421)
        expect(answer.body.code).toBe('WRONG_HOST')
        expect(answer.body.error).toMatch(/another host name/)
      }
    }
    const rebound = await send(t.url, 'POST', '/api/v1/assign', {
      headers: { host: 'evil.example', ...bearer(ADMIN_TOKEN) },
      json: { event_id: eventId, customer: { name: 'Mallory' } },
    })
    expect(rebound.status).toBe(421)
    expect(count(t.sqlite, "SELECT count(*) FROM ticket WHERE status = 'assigned'")).toBe(0)
  })

  it("takes localhost and the host's own addresses, with or without the port", async () => {
    const t = await startTestHost()
    hosts.push(t)
    const port = new URL(t.url).port
    for (const host of [
      `127.0.0.1:${port}`,
      '127.0.0.1',
      `localhost:${port}`,
      'LOCALHOST',
      `[::1]:${port}`,
    ]) {
      const answer = await send(t.url, 'GET', '/api/v1/me', { headers: { host, ...bearer(ADMIN_TOKEN) } })
      expect(answer.status, host).toBe(200)
    }
  })
})

describe('one Ticketi holds a data folder', () => {
  it('a second host on the folder stops at start and names the one holding it; it never starts its mail worker', async () => {
    const dir = tempDir('ticketi-held-')
    dirs.push(dir)
    const first = await startTestHost(dir.path)
    try {
      const { eventId } = await seededEvent(first, 2)
      await api(first).assign({ event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' } })
      const second = startHost({
        dataDir: dir.path,
        port: 0,
        adminToken: ADMIN_TOKEN,
        mail: { worker: true },
      })
      await expect(second).rejects.toThrow(DataFolderHeldError)
      await expect(second).rejects.toThrow(new RegExp(`process ${process.pid} on .*is using the data folder`))
      // The first host runs no worker in tests: a message written here could only be the second's.
      const mailDir = join(dir.path, 'mail')
      expect(existsSync(mailDir) ? readdirSync(mailDir) : []).toEqual([])
      // The first host is unharmed.
      expect((await first.request('GET', '/api/v1/me')).status).toBe(200)
    } finally {
      await first.stop()
    }
    // Closed cleanly, the folder is free again.
    expect(existsSync(join(dir.path, LOCK_FILE_NAME))).toBe(false)
    const next = await startTestHost(dir.path)
    await next.stop()
  })

  it('a host process that was killed leaves a lock that does not block the next start', async () => {
    const dir = tempDir('ticketi-killed-')
    dirs.push(dir)
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main/host.ts', '--data-dir', dir.path, '--port', '0'],
      { env: { ...process.env, TICKETI_ADMIN_TOKEN: ADMIN_TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('listening on')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)))
    })
    // While it runs, this process may not take the folder, and is told which process has it.
    await expect(startHost({ dataDir: dir.path, port: 0, adminToken: ADMIN_TOKEN })).rejects.toThrow(
      `the headless host, process ${child.pid} on`,
    )
    child.kill('SIGKILL')
    await exited
    expect(existsSync(join(dir.path, LOCK_FILE_NAME))).toBe(true)
    const next = await startTestHost(dir.path)
    try {
      expect((await next.request('GET', '/api/v1/me')).status).toBe(200)
    } finally {
      await next.stop()
    }
  })

  it('a second host process on a held folder exits at start, naming the holder', async () => {
    const dir = tempDir('ticketi-second-')
    dirs.push(dir)
    const first = await startTestHost(dir.path)
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main/host.ts', '--data-dir', dir.path, '--port', '0'],
        { env: { ...process.env, TICKETI_ADMIN_TOKEN: ADMIN_TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
      expect(code).toBe(1)
      expect(output).toContain(`process ${process.pid} on`)
      expect(output).not.toContain('listening on')
    } finally {
      await first.stop()
    }
  })
})
