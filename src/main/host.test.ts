// The headless host CLI (SPEC §5-6) as an operator runs it: a real Node process
// that serves the API, and on SIGTERM or SIGINT closes the database cleanly.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { dbPathIn } from './db/open'
import { HOST_NODE_FLAGS } from './host-process'
import { eventually, startTestSmtp } from '../../test/support/smtp'
import { tempDir } from '../../test/support/core'

const PROJECT_ROOT = resolve(__dirname, '..', '..')
const ADMIN_TOKEN = 'cli-test-admin-token-0123456789'

interface HostProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const running = new Set<ChildProcess>()
const folders: Array<{ remove(): void }> = []

afterEach(async () => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
  }
  running.clear()
  for (const folder of folders.splice(0)) folder.remove()
})

/** Runs src/main/host.ts under this Node (24) with tsx, as `npm run serve` would run the build. */
function runHost(
  args: string[],
  env: Record<string, string> = { TICKETI_ADMIN_TOKEN: ADMIN_TOKEN },
): HostProcess {
  const child = spawn(
    process.execPath,
    [...HOST_NODE_FLAGS, '--import', 'tsx', 'src/main/host.ts', ...args],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  running.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }))
  return { child, stdout: () => stdout, stderr: () => stderr, exited }
}

/** Waits for the line that says where the host listens, or fails with what the host said instead. */
async function listeningUrl(host: HostProcess): Promise<string> {
  const pattern = /listening on (http:\/\/127\.0\.0\.1:(\d+))/
  const found = new Promise<string>((resolvePromise) => {
    const look = () => {
      const match = pattern.exec(host.stdout())
      if (match) {
        host.child.stdout!.off('data', look)
        resolvePromise(match[1]!)
      }
    }
    host.child.stdout!.on('data', look)
    look()
  })
  const died = host.exited.then(({ code, signal }) => {
    throw new Error(`host exited (${code ?? signal}) before listening:\n${host.stdout()}\n${host.stderr()}`)
  })
  return Promise.race([found, died])
}

describe('the headless host CLI', () => {
  it('is started by `npm run serve` with the host process flags the tests and benchmarks use', () => {
    const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts.serve).toBe(`npm run build && node ${HOST_NODE_FLAGS.join(' ')} out/main/host.js`)
    // Flags this Node takes: a process started with them runs.
    expect(execFileSync(process.execPath, [...HOST_NODE_FLAGS, '-p', '1'], { encoding: 'utf8' }).trim()).toBe(
      '1',
    )
  })

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves the API, and on %s exits 0 leaving a sound database that holds what was acknowledged',
    async (signal) => {
      const dir = tempDir('ticketi-cli-')
      folders.push(dir)
      const host = runHost(['--data-dir', dir.path, '--port', '0'])
      const url = await listeningUrl(host)
      expect(Number(new URL(url).port)).toBeGreaterThan(0)

      const health = await fetch(`${url}/api/v1/health`)
      expect(await health.json()).toEqual({ status: 'ok' })
      const created = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Closing Night ${signal}`,
          starts_at: '2026-12-31T20:00:00Z',
          capacity: 100,
        }),
      })
      expect(created.status).toBe(201)
      const event = (await created.json()) as { id: number }
      const unauthenticated = await fetch(`${url}/api/v1/events`)
      expect(unauthenticated.status).toBe(401)

      host.child.kill(signal)
      expect(await host.exited).toEqual({ code: 0, signal: null })
      expect(host.stdout()).toContain(`${signal}: closing the database`)
      expect(host.stderr()).toBe('')

      // Checked before opening the file, since opening it in WAL mode makes a new -wal.
      const dbPath = dbPathIn(dir.path)
      const wal = `${dbPath}-wal`
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true)
      const db = new Database(dbPath, { readonly: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(db.prepare('SELECT id, name FROM event').all()).toEqual([
          { id: event.id, name: `Closing Night ${signal}` },
        ])
      } finally {
        db.close()
      }
    },
  )

  it('prints the data file it uses, under the folder given', async () => {
    const dir = tempDir('ticketi-cli-')
    folders.push(dir)
    const host = runHost(['--data-dir', join(dir.path, 'nested', 'folder'), '--port', '0'])
    await listeningUrl(host)
    expect(host.stdout()).toContain(`Ticketi data: ${dbPathIn(join(dir.path, 'nested', 'folder'))}`)
    host.child.kill('SIGTERM')
    expect((await host.exited).code).toBe(0)
  })

  it.each([['abc'], ['70000'], ['-1'], ['1.5'], ['']])(
    'with --port "%s" prints the usage and exits 2',
    async (port) => {
      const dir = tempDir('ticketi-cli-')
      folders.push(dir)
      const host = runHost(['--data-dir', dir.path, '--port', port])
      expect(await host.exited).toEqual({ code: 2, signal: null })
      expect(host.stderr()).toContain('Usage: npm run serve -- --data-dir DIR --port PORT')
      expect(host.stdout()).not.toContain('listening')
      expect(existsSync(dbPathIn(dir.path))).toBe(false)
    },
  )

  it('refuses an empty database file: exits 1 with the file named, and leaves it as it was', async () => {
    const dir = tempDir('ticketi-cli-')
    folders.push(dir)
    writeFileSync(dbPathIn(dir.path), '')
    const host = runHost(['--data-dir', dir.path, '--port', '0'])
    expect(await host.exited).toEqual({ code: 1, signal: null })
    expect(host.stderr()).toContain(
      `Ticketi did not open the database ${dbPathIn(dir.path)}: the file is empty`,
    )
    expect(host.stdout()).not.toContain('listening on')
    expect(statSync(dbPathIn(dir.path)).size).toBe(0)
  })

  it('with --demo makes a sample event with sales and check-ins, once', async () => {
    const dir = tempDir('ticketi-cli-')
    folders.push(dir)
    const first = runHost(['--data-dir', dir.path, '--port', '0', '--demo'])
    await listeningUrl(first)
    expect(first.stdout()).toContain('Ticketi made a sample event: "Sample night: Blue Room Jazz"')
    first.child.kill('SIGTERM')
    expect((await first.exited).code).toBe(0)
    const db = new Database(dbPathIn(dir.path), { readonly: true })
    try {
      expect(db.prepare("SELECT count(*) FROM checkin WHERE result = 'OK'").pluck().get()).toBeGreaterThan(50)
      expect(db.prepare('SELECT count(*) FROM sale').pluck().get()).toBe(60)
      expect(db.prepare('SELECT count(*) FROM email_outbox').pluck().get()).toBeGreaterThan(0)
    } finally {
      db.close()
    }
    const second = runHost(['--data-dir', dir.path, '--port', '0', '--demo'])
    await listeningUrl(second)
    expect(second.stdout()).toContain('no sample event was added')
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)
  })

  it('with an unknown option prints the usage and exits 2', async () => {
    const host = runHost(['--prot', '8080'])
    expect(await host.exited).toEqual({ code: 2, signal: null })
    expect(host.stderr()).toContain('Usage:')
  })

  it.each([
    ['shorter than 16 characters', 'short', 'TICKETI_ADMIN_TOKEN must be at least 16 characters'],
    ['of one repeated character', 'x'.repeat(24), 'must not be one character repeated'],
    ['with a character outside printable ASCII', 'admin-token-café-2026', 'only hold printable ASCII'],
  ])('with a TICKETI_ADMIN_TOKEN %s prints the reason and exits 2', async (_why, token, reason) => {
    const dir = tempDir('ticketi-cli-')
    folders.push(dir)
    const host = runHost(['--data-dir', dir.path, '--port', '0'], { TICKETI_ADMIN_TOKEN: token })
    expect(await host.exited).toEqual({ code: 2, signal: null })
    expect(host.stderr()).toContain(reason)
    expect(host.stdout()).not.toContain('listening on')
  })
})

describe('the headless host CLI and mail', () => {
  it('sends through TICKETI_SMTP_URL and never prints its password', async () => {
    const password = 'env-secret-9f8e7d'
    const server = await startTestSmtp({ credentials: { user: 'venue', password } })
    try {
      const dir = tempDir('ticketi-cli-')
      folders.push(dir)
      const host = runHost(['--data-dir', dir.path, '--port', '0'], {
        TICKETI_ADMIN_TOKEN: ADMIN_TOKEN,
        TICKETI_SMTP_URL: `smtp://venue:${password}@127.0.0.1:${server.port}`,
        TICKETI_MAIL_FROM: 'Jazz Club <tickets@jazz.example>',
      })
      const url = await listeningUrl(host)
      const post = (path: string, body: unknown) =>
        fetch(`${url}/api/v1${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ id: number }>)
      const event = await post('/events', {
        name: 'Env Night',
        starts_at: '2026-12-31T20:00:00Z',
        capacity: 10,
      })
      await post(`/events/${event.id}/seed`, { count: 2 })
      await post('/assign', { event_id: event.id, customer: { name: 'Ann', email: 'ann@example.com' } })

      await eventually(() => server.arrivals.length === 1, 15_000, 'the email from the host')
      expect(server.arrivals[0]!.to).toEqual(['ann@example.com'])
      const settings = await fetch(`${url}/api/v1/settings/mail`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      }).then((r) => r.text())
      expect(settings).toContain('"from_environment":true')
      host.child.kill('SIGTERM')
      expect((await host.exited).code).toBe(0)
      expect(host.stdout()).toContain('Ticketi mail (from the environment): SMTP to 127.0.0.1')
      expect(host.stdout() + host.stderr() + settings).not.toContain(password)
    } finally {
      await server.close()
    }
  })

  it('refuses a TICKETI_SMTP_URL it cannot use, with the usage, and without the password', async () => {
    const dir = tempDir('ticketi-cli-')
    folders.push(dir)
    const host = runHost(['--data-dir', dir.path, '--port', '0'], {
      TICKETI_ADMIN_TOKEN: ADMIN_TOKEN,
      TICKETI_SMTP_URL: 'http://venue:env-secret@mail.example',
    })
    expect((await host.exited).code).toBe(2)
    expect(host.stderr()).toContain('TICKETI_SMTP_URL must start with smtp:// or smtps://')
    expect(host.stdout() + host.stderr()).not.toContain('env-secret')
  })
})
