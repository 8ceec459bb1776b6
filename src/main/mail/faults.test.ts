// Mail servers and folders that misbehave, against a real smtp-server on
// 127.0.0.1 or a real folder: none of them may send a message without end,
// leak the password, hang the Settings screen's test, show a path of this
// computer to the box office, leave half-written files about, or keep the
// queue waiting long after the server is back.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/core'
import { scrub } from './secrets'
import type { MailSettings } from './settings'
import { FAST_RETRIES, mailFixtures, outboxRows, sell, smtpSettings } from '../../../test/support/mail-core'
import { eventually, startTestSmtp } from '../../../test/support/smtp'

const { core, smtp, onCleanup } = mailFixtures()

function scratch(): string {
  const dir = tempDir('ticketi-mail-faults-')
  onCleanup(() => dir.remove())
  return dir.path
}

function folder(dir: string): MailSettings {
  return { transport: 'file', dir, from: { name: 'Jazz Club', address: 'tickets@jazz.example' } }
}

async function freePort(): Promise<number> {
  const probe = await startTestSmtp()
  await probe.close()
  return probe.port
}

/** Whether `text` carries `secret` in plain or in base64 at any alignment, decoded independently of scrub. */
function leaks(text: string, secret: string): boolean {
  if (text.includes(secret)) return true
  for (const run of text.match(/[A-Za-z0-9+/]{6,}={0,2}/g) ?? []) {
    for (let skip = 0; skip < 4; skip++) {
      const part = run.slice(skip)
      const whole = part.slice(0, part.length - (part.length % 4))
      if (Buffer.from(whole, 'base64').toString('latin1').includes(secret.slice(1, -1))) return true
    }
  }
  return false
}

describe('a server that takes the message and never answers', () => {
  it('counts each such try as an attempt and gives the message up after a few, instead of sending it again and again', async () => {
    const server = await smtp({ silentAfterData: true })
    const c = core({
      environment: smtpSettings(server.port),
      worker: { ...FAST_RETRIES, maxAttempts: 10, socketTimeoutMs: 1_000 },
    })
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    sell(c, { name: 'Bob', email: 'bob@example.com' })

    await eventually(() => outboxRows(c).every((r) => r.status === 'failed'), 20_000, 'both given up')
    for (const row of outboxRows(c)) {
      expect(row.attempts).toBe(3)
      expect(row.last_error).toMatch(/without ever confirming it/)
      // A try whose DATA had not all arrived when the client gave up is not kept by the server.
      expect(server.arrivals.filter((a) => a.to[0] === row.recipient).length).toBeLessThanOrEqual(3)
    }
  })
})

describe('a server that quotes the AUTH PLAIN login in its refusal', () => {
  const password = 'correct horse battery staple'
  // User names of every length modulo 3 put the password at each of base64's three alignments.
  it.each(['a', 'ab', 'abc', 'venue@jazz.example'])(
    'never shows the password in last_error or the test email, for the user %s',
    async (user) => {
      const server = await smtp({ credentials: { user, password: 'other' }, quoteLoginInRefusal: true })
      const c = core({
        environment: smtpSettings(server.port, { user, password }),
        worker: { ...FAST_RETRIES, maxAttempts: 1 },
      })
      sell(c, { name: 'Ann', email: 'ann@example.com' })
      await eventually(() => outboxRows(c)[0]?.status === 'failed', 10_000, 'the refused message')
      const error = outboxRows(c)[0]!.last_error!
      expect(error).toMatch(/refused the user name or password: 535 5\.7\.8 .* for AUTH PLAIN \*\*\*/)
      expect(leaks(error, password)).toBe(false)
      const test = await c.mail.sendTestEmail('ann@example.com')
      expect(test.accepted).toBe(false)
      expect(leaks(test.server_answer, password)).toBe(false)
    },
  )

  it('scrubs the password at each of the three base64 alignments, and in plain', () => {
    const secret = 'p@ss word!'
    for (const prefix of ['', 'x', 'xy', 'xyz', '\0user\0']) {
      const encoded = Buffer.from(`${prefix}${secret}tail`).toString('base64')
      expect(leaks(scrub(`535 denied ${encoded}`, [secret]), secret)).toBe(false)
    }
    expect(scrub(`bad login ${secret}`, [secret])).toBe('bad login ***')
  })
})

describe('a mail folder the system can never hold', () => {
  it('answers the test email with a clear error, without waiting forever on the folder', async () => {
    const c = core({ environment: folder('/proc/ticketi-test/mail') })
    const test = await c.mail.sendTestEmail('ann@example.com')
    expect(test).toMatchObject({ accepted: false, transport: 'file' })
    expect(test.server_answer).toBe(
      'Cannot write to the mail folder: that folder cannot be made there. Choose another folder in Settings.',
    )
  })
})

describe("a folder's trouble shown to the box office", () => {
  it('is in the venue’s words, without the path, which goes to the log only', async () => {
    const root = scratch()
    writeFileSync(join(root, 'not-a-folder'), 'a file in the way')
    const dir = join(root, 'not-a-folder', 'mail')
    const logged: unknown[] = []
    const c = core(
      { environment: folder(dir), worker: { ...FAST_RETRIES, maxAttempts: 1 } },
      undefined,
      (e) => logged.push(e),
    )
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    await eventually(() => outboxRows(c)[0]?.last_error != null, 10_000, 'the failed write')
    const error = outboxRows(c)[0]!.last_error!
    expect(error).toBe(
      'Cannot write to the mail folder: part of its path is a file, not a folder. Choose another folder in Settings.',
    )
    expect(error).not.toContain(root)
    expect(logged.map((e) => String((e as Error).message))).toContainEqual(expect.stringContaining(root))
  })
})

describe('half-written messages left by a crash', () => {
  it('are removed when the mail folder is next used, and those of a running Ticketi are left alone', async () => {
    const dir = scratch()
    mkdirSync(dir, { recursive: true })
    const gone = spawnSync(process.execPath, ['-e', '']).pid // a process that has ended
    const dead = `.20261201T200000000Z-${gone}-1.eml.part`
    const live = `.20261201T200000000Z-${process.ppid}-1.eml.part`
    writeFileSync(join(dir, dead), 'half a message')
    writeFileSync(join(dir, live), 'half a message still being written')

    const c = core({ environment: folder(dir), worker: FAST_RETRIES })
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    await eventually(() => outboxRows(c)[0]?.status === 'sent', 10_000, 'the message written')
    expect(existsSync(join(dir, dead))).toBe(false)
    expect(existsSync(join(dir, live))).toBe(true)
    expect(readdirSync(dir).filter((name) => name.endsWith('.eml'))).toHaveLength(1)
  })
})

describe('a server back after an outage', () => {
  it('gets the queue within a probe interval, however long the pause had grown', async () => {
    const port = await freePort()
    const c = core({
      environment: smtpSettings(port),
      // Without probes, the first pause alone would hold the queue for about ten minutes.
      worker: { retryBaseMs: 600_000, retryMaxMs: 3_600_000, probeMs: 100, pollMs: 50 },
    })
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    await eventually(
      () => /Cannot reach the mail server/.test(outboxRows(c)[0]?.last_error ?? ''),
      10_000,
      'the failed try',
    )
    const server = await smtp({ port })
    await eventually(() => outboxRows(c)[0]?.status === 'sent', 10_000, 'the message once the server is back')
    expect(server.arrivals).toHaveLength(1)
    expect(outboxRows(c)[0]!.attempts).toBe(1)
  })
})
