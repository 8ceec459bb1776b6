// Mail settings and the test email: the file transport works on a new install
// with no set-up, the SMTP password is stored sealed and never handed out,
// and bad settings are refused without changing anything.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TicketiError } from '../../shared/errors'
import { ADMIN as ADMIN_WHO, BOX_OFFICE, DOOR } from '../../../test/support/core'
import type { SecretBox } from './context'
import { mailEnvironment } from './environment'
import { hideUrlPassword, KEY_FILE_NAME, scrub } from './secrets'
import { eventually } from '../../../test/support/smtp'
import {
  FAST_RETRIES,
  mailFixtures,
  outboxRows,
  parseMail,
  sell,
  smtpInput,
  type MailCore,
} from '../../../test/support/mail-core'

const { core, smtp } = mailFixtures()

function refusal(fn: () => unknown): TicketiError {
  try {
    fn()
  } catch (error) {
    if (error instanceof TicketiError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

// Each cuts the URL short, or breaks it, where it is not escaped (as the README asks); 2525 looks like a port.
const URL_PASSWORDS = ['pa/ss', '2525/x@y', 'p@ss/w', 'p:a/ss', '25#se:cret', 'p?ss', '12?x', '%zz9']

const settingRow = (c: MailCore) => c.store.sqlite.prepare("SELECT * FROM setting WHERE key = 'mail'").get()

describe('on a new install', () => {
  it('writes each message as an .eml file into the data folder, with no set-up', async () => {
    const c = core({ worker: FAST_RETRIES })
    const settings = c.call('getMailSettings', {})
    expect(settings).toMatchObject({ transport: 'file', file_dir: join(c.dataDir, 'mail'), smtp: null })
    const sale = sell(c, { name: 'Ann', email: 'ann@example.com' })

    await eventually(() => outboxRows(c)[0]?.status === 'sent', 10_000, 'the file to be written')
    const files = readdirSync(join(c.dataDir, 'mail')).filter((f) => f.endsWith('.eml'))
    expect(files).toHaveLength(1)
    const mail = await parseMail(readFileSync(join(c.dataDir, 'mail', files[0]!)))
    expect(mail.text).toContain(`Code ${sale.tickets[0]!.short_code}`)
    expect(outboxRows(c)[0]!.message_id).toBe(mail.messageId)
  })

  it('shows no sender address until one is saved, so the form can send back what it shows', () => {
    const c = core({})
    const shown = c.call('getMailSettings', {})
    expect(shown).toMatchObject({
      transport: 'file',
      from_name: '',
      from_address: null,
      unreadable: false,
    })
    // What the form sends back when nothing is typed: the contract checks a sender like any other.
    const { from_name, from_address } = shown
    const sender = from_address === null ? { from_name } : { from_name, from_address }
    expect(c.call('updateMailSettings', { transport: 'file', ...sender }).transport).toBe('file')
  })

  it('keeps the sender while mail is off, where the form does not show it', () => {
    const c = core({})
    c.call('updateMailSettings', {
      transport: 'file',
      from_name: 'Jazz',
      from_address: 'tickets@jazz.example',
    })
    expect(c.call('updateMailSettings', { transport: 'off' })).toMatchObject({
      transport: 'off',
      from_name: 'Jazz',
      from_address: 'tickets@jazz.example',
    })
  })
})

describe('saved settings that cannot be read', () => {
  it('show the defaults with a warning, send nothing, and are replaced by the next save', async () => {
    const c = core({ worker: FAST_RETRIES })
    c.call('updateMailSettings', { transport: 'off' })
    // What an older or newer version, or a damaged file, could leave behind.
    c.store.sqlite.prepare('UPDATE setting SET value = \'{"transport":"pigeon"}\' WHERE key = \'mail\'').run()

    const shown = c.call('getMailSettings', {})
    expect(shown).toMatchObject({ unreadable: true, transport: 'file', file_dir: join(c.dataDir, 'mail') })
    sell(c, { name: 'Ann', email: 'ann@example.com' })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(outboxRows(c)[0]!.status).toBe('queued')

    const saved = c.call('updateMailSettings', { transport: 'file', from_name: shown.from_name })
    expect(saved).toMatchObject({ unreadable: false, transport: 'file' })
    await eventually(() => outboxRows(c)[0]?.status === 'sent', 10_000, 'the message, once saved')
  })
})

describe('the SMTP password', () => {
  const password = 'correct-horse-battery-staple'

  it('is stored sealed, shown only as has_password, and used to sign in', async () => {
    const server = await smtp({ credentials: { user: 'venue', password } })
    const c = core({ worker: FAST_RETRIES })
    const saved = c.call('updateMailSettings', smtpInput(server.port, { user: 'venue', password }))
    expect(saved.smtp).toEqual({
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      user: 'venue',
      has_password: true,
    })
    const everything = [saved, c.call('getMailSettings', {}), c.call('listEmails', {})]
    expect(JSON.stringify(everything)).not.toContain(password)
    const database = c.store.sqlite
      .prepare("SELECT value FROM setting UNION ALL SELECT coalesce(after, '') FROM audit_log")
      .pluck()
      .all()
    expect(JSON.stringify(database)).not.toContain(password)
    if (process.platform !== 'win32') {
      expect(statSync(join(c.dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600)
    }

    sell(c, { name: 'Ann', email: 'ann@example.com' })
    await eventually(() => server.arrivals.length === 1, 10_000, 'the email')
    expect(server.refusedLogins).toBe(0)
  })

  it('is kept when the same account is saved again without it, and forgotten for another server', () => {
    const c = core({})
    const smtp = { transport: 'smtp', host: 'mail.example.com', port: 587, security: 'starttls' } as const
    c.call('updateMailSettings', { ...smtp, user: 'tickets@jazz.example', password })
    const renamed = c.call('updateMailSettings', { ...smtp, user: 'tickets@jazz.example', from_name: 'Jazz' })
    expect(renamed.smtp?.has_password).toBe(true)
    expect(renamed.from_name).toBe('Jazz')
    const moved = refusal(() =>
      c.call('updateMailSettings', { ...smtp, host: 'evil.example.com', user: 'tickets@jazz.example' }),
    )
    expect(moved.code).toBe('VALIDATION')
    expect(moved.message).toMatch(/password: needed/)
  })

  it('is refused where nothing can keep it sealed', () => {
    const nothing: SecretBox = {
      available: false,
      encrypt: () => 'should not be called',
      decrypt: () => '',
    }
    const c = core({ secretBox: nothing })
    expect(c.call('getMailSettings', {}).can_store_password).toBe(false)
    const before = settingRow(c)
    const error = refusal(() =>
      c.call('updateMailSettings', {
        transport: 'gmail',
        user: 'club@gmail.com',
        password: 'abcd efgh ijkl mnop',
      }),
    )
    expect(error.code).toBe('CONFLICT')
    expect(settingRow(c)).toEqual(before)
  })

  it('is scrubbed from any text, URL-encoded and base64 forms included', () => {
    const secret = 'p@ss word'
    const text = `smtp://venue:p%40ss%20word@host failed; AUTH ${Buffer.from(secret).toString('base64')} ${secret}`
    expect(scrub(text, [secret])).not.toMatch(/p@ss word|p%40ss%20word|cEBzcyB3b3Jk/)
  })

  it.each(URL_PASSWORDS)('is hidden in a URL even unescaped, as %s', (secret) => {
    expect(hideUrlPassword(`connect smtp://venue:${secret}@mail.example:25 failed`)).toBe(
      'connect smtp://venue:***@mail.example:25 failed',
    )
  })
})

describe('bad settings', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['SMTP without a host', { transport: 'smtp', port: 25, security: 'none' }, /host/],
    [
      'a port out of range',
      { transport: 'smtp', host: 'mail.example', port: 70000, security: 'none' },
      /port/,
    ],
    [
      'an unknown TLS mode',
      { transport: 'smtp', host: 'mail.example', port: 25, security: 'ssl3' },
      /security/,
    ],
    [
      'a user without a password',
      { transport: 'smtp', host: 'm.example', port: 25, security: 'none', user: 'u@x.io' },
      /password/,
    ],
    [
      'a Gmail password that is no app password',
      { transport: 'gmail', user: 'a@gmail.com', password: 'hunter2' },
      /16-letter/,
    ],
    ['a relative mail folder', { transport: 'file', dir: 'mail' }, /dir/],
    ['an unknown transport', { transport: 'pigeon' }, /transport/],
    ['an unknown field', { transport: 'off', colour: 'red' }, /colour/],
  ]

  it.each(cases)('%s is refused with VALIDATION and changes nothing', (_name, input, message) => {
    const c = core({})
    c.call('updateMailSettings', { transport: 'off' })
    const before = settingRow(c)
    const error = refusal(() => c.call('updateMailSettings', input as never))
    expect(error.code).toBe('VALIDATION')
    expect(error.message).toMatch(message)
    expect(settingRow(c)).toEqual(before)
  })

  it('only an admin may see or change them', () => {
    const c = core({})
    for (const who of [DOOR, BOX_OFFICE]) {
      expect(refusal(() => c.call('getMailSettings', {}, who)).code).toBe('FORBIDDEN')
      expect(refusal(() => c.call('updateMailSettings', { transport: 'off' }, who)).code).toBe('FORBIDDEN')
    }
  })
})

describe('the environment of a headless host', () => {
  it('reads smtp:// and smtps:// URLs, with the password decoded', () => {
    expect(mailEnvironment({ TICKETI_SMTP_URL: 'smtp://ann%40club:p%40ss@127.0.0.1:2525' })).toMatchObject({
      transport: 'smtp',
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      user: 'ann@club',
      password: 'p@ss',
      from: { address: 'ann@club' },
    })
    expect(
      mailEnvironment({
        TICKETI_SMTP_URL: 'smtps://u:p@mail.example',
        TICKETI_MAIL_FROM: 'Jazz <t@jazz.example>',
      }),
    ).toMatchObject({ port: 465, security: 'tls', from: { name: 'Jazz', address: 't@jazz.example' } })
    expect(mailEnvironment({ TICKETI_MAIL_DIR: '/srv/mail' })).toMatchObject({
      transport: 'file',
      dir: '/srv/mail',
    })
    expect(mailEnvironment({})).toBeNull()
  })

  it.each(URL_PASSWORDS)('refuses a URL whose password holds %s unescaped, without printing it', (secret) => {
    let message = ''
    try {
      mailEnvironment({ TICKETI_SMTP_URL: `smtp://venue:${secret}@mail.example` })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/TICKETI_SMTP_URL/)
    expect(message).not.toContain(secret)
  })

  it('refuses a bad URL without repeating its password', () => {
    for (const url of ['http://u:topsecret@host', 'smtp://u:topsecret@', 'smtp://u:topsecret']) {
      let message = ''
      try {
        mailEnvironment({ TICKETI_SMTP_URL: url })
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/TICKETI_SMTP_URL/)
      expect(message).not.toContain('topsecret')
    }
  })

  it('wins over the stored settings, which then cannot be changed here', () => {
    const c = core({
      environment: mailEnvironment({ TICKETI_SMTP_URL: 'smtp://u:topsecret@127.0.0.1:2525' }),
    })
    const settings = c.call('getMailSettings', {})
    expect(settings).toMatchObject({ transport: 'smtp', from_environment: true })
    expect(settings.smtp?.has_password).toBe(true)
    expect(JSON.stringify(settings)).not.toContain('topsecret')
    expect(refusal(() => c.call('updateMailSettings', { transport: 'off' })).code).toBe('CONFLICT')
  })
})

describe('the test email', () => {
  it("reports the server's answer, and a refused login in words without the password", async () => {
    const server = await smtp({ credentials: { user: 'venue', password: 'right-one' } })
    const c = core({})
    const save = (password: string) =>
      c.call('updateMailSettings', smtpInput(server.port, { user: 'venue', password }))
    save('wrong-one')
    const refused = await c.dispatchAsync('sendTestEmail', { to: 'ann@example.com' }, ADMIN_WHO)
    expect(refused).toMatchObject({
      ok: true,
      value: { accepted: false, transport: 'smtp', message_id: null },
    })
    const answer = (refused as { value: { server_answer: string } }).value.server_answer
    expect(answer).toMatch(/refused the user name or password.*535/)
    expect(answer).not.toContain('wrong-one')

    save('right-one')
    const accepted = await c.dispatchAsync('sendTestEmail', { to: 'ann@example.com' }, ADMIN_WHO)
    expect(accepted).toMatchObject({ ok: true, value: { accepted: true, recipient: 'ann@example.com' } })
    expect((accepted as { value: { server_answer: string } }).value.server_answer).toMatch(/^250/)
    expect(server.arrivals.map((a) => a.to)).toEqual([['ann@example.com']])
  })

  it('is refused while mail is off, to anyone but an admin, and for a bad address', async () => {
    const c = core({})
    c.call('updateMailSettings', { transport: 'off' })
    const off = await c.dispatchAsync('sendTestEmail', { to: 'ann@example.com' }, ADMIN_WHO)
    expect(off).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const door = await c.dispatchAsync('sendTestEmail', { to: 'ann@example.com' }, DOOR)
    expect(door).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const bad = await c.dispatchAsync('sendTestEmail', { to: 'not an address' }, ADMIN_WHO)
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    // The synchronous dispatcher cannot wait on the network, and says so.
    expect(c.dispatch('sendTestEmail', { to: 'ann@example.com' }, ADMIN_WHO)).toMatchObject({ ok: false })
  })
})
