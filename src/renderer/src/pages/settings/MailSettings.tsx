// Email delivery: where the outbox sends the customers' codes (a folder of .eml
// files, an SMTP server, Gmail, or nowhere yet), and a test email that shows the
// server's own answer. The stored password is never sent back: only whether there is one.
import { useState, type FormEvent } from 'react'
import type { InputOf } from '../../../../shared/contract'
import {
  SMTP_SECURITIES,
  type MailSettingsView,
  type MailTransport,
  type SmtpSecurity,
  type TestEmailResult,
} from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import { Button, Card, Checkbox, ErrorNote, Field, Notice, Select } from '../../components/ui'

const TRANSPORTS: Record<MailTransport, string> = {
  file: 'Save as .eml files in a folder',
  smtp: 'SMTP server',
  gmail: 'Gmail (app password)',
  off: 'Off: keep emails queued',
}

const SECURITY: Record<SmtpSecurity, string> = {
  tls: 'TLS (usually port 465)',
  starttls: 'STARTTLS required (usually 587)',
  none: 'None (STARTTLS if offered)',
}

export function MailSettings() {
  const settings = useQuery('getMailSettings', {})
  // Kept here, not in the form: a save refreshes the settings, which mounts a fresh form.
  const [saved, setSaved] = useState(false)
  return (
    <Card title="Email">
      <ErrorNote>{settings.error}</ErrorNote>
      {settings.data && (
        <>
          <MailForm
            key={settings.data.updated_at ?? 'new'}
            settings={settings.data}
            onSaving={() => setSaved(false)}
            onSaved={() => {
              setSaved(true)
              settings.refresh()
            }}
          />
          {saved && (
            <p role="status" className="mt-3 text-sm text-emerald-300">
              Saved. Queued emails go out with these settings now.
            </p>
          )}
          <TestEmail />
        </>
      )}
    </Card>
  )
}

function MailForm({
  settings,
  onSaving,
  onSaved,
}: {
  settings: MailSettingsView
  onSaving(): void
  onSaved(): void
}) {
  const save = useAction('updateMailSettings')
  const [transport, setTransport] = useState<MailTransport>(settings.transport)
  const [fromName, setFromName] = useState(settings.from_name)
  const [fromAddress, setFromAddress] = useState(settings.from_address ?? '')
  const [dir, setDir] = useState(settings.file_dir ?? '')
  const [host, setHost] = useState(settings.smtp?.host ?? '')
  const [port, setPort] = useState(String(settings.smtp?.port ?? 587))
  const [security, setSecurity] = useState<SmtpSecurity>(settings.smtp?.security ?? 'starttls')
  const [user, setUser] = useState(settings.smtp?.user ?? '')
  const [password, setPassword] = useState('')
  const [forgetPassword, setForgetPassword] = useState(false)
  const locked = settings.from_environment
  const hasPassword = settings.smtp?.has_password ?? false

  function input(): InputOf<'updateMailSettings'> {
    // Only the fields this transport shows: a hidden one could hold a value the admin cannot see or fix.
    const from = { from_name: fromName || undefined, from_address: fromAddress || undefined }
    // Left empty, the password field keeps the stored one.
    const secret = forgetPassword ? null : password || undefined
    switch (transport) {
      case 'off':
        return { transport }
      case 'file':
        return { transport, dir: dir || undefined, ...from }
      case 'gmail':
        return { transport, user, password: secret ?? undefined, from_name: from.from_name }
      case 'smtp':
        return {
          transport,
          host,
          port: Number(port),
          security,
          user: user || undefined,
          password: secret,
          ...from,
        }
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    onSaving()
    if (await save.run(input())) {
      setPassword('')
      onSaved()
    }
  }

  const passwordHint = hasPassword ? 'A password is stored. Leave empty to keep it.' : undefined
  return (
    <form onSubmit={submit} className="space-y-3">
      {locked && (
        <Notice>
          This host takes its mail settings from TICKETI_SMTP_URL or TICKETI_MAIL_DIR; change them there.
        </Notice>
      )}
      {settings.unreadable && (
        <Notice>
          The saved email settings cannot be read, so emails wait in the outbox. Choose how to send them and
          save.
        </Notice>
      )}
      <fieldset disabled={locked} className="space-y-3">
        <Select
          label="Send emails"
          value={transport}
          onChange={(e) => setTransport(e.target.value as MailTransport)}
        >
          {Object.entries(TRANSPORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        {transport === 'file' && (
          <Field label="Folder" value={dir} onChange={(e) => setDir(e.target.value)} hint="A full path." />
        )}
        {transport === 'smtp' && (
          <div className="grid grid-cols-[1fr_6rem] gap-3">
            <Field label="SMTP server" required value={host} onChange={(e) => setHost(e.target.value)} />
            <Field
              label="Port"
              required
              inputMode="numeric"
              value={port}
              onChange={(e) => setPort(e.target.value)}
            />
            <Select
              label="Encryption"
              className="col-span-2"
              value={security}
              onChange={(e) => setSecurity(e.target.value as SmtpSecurity)}
            >
              {SMTP_SECURITIES.map((s) => (
                <option key={s} value={s}>
                  {SECURITY[s]}
                </option>
              ))}
            </Select>
          </div>
        )}
        {(transport === 'smtp' || transport === 'gmail') && (
          <>
            <Field
              label={transport === 'gmail' ? 'Gmail address' : 'User name'}
              autoComplete="off"
              required={transport === 'gmail'}
              value={user}
              onChange={(e) => setUser(e.target.value)}
            />
            <Field
              label={transport === 'gmail' ? 'App password' : 'Password'}
              type="password"
              autoComplete="new-password"
              hint={passwordHint}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            {hasPassword && transport === 'smtp' && (
              <Checkbox
                label="Forget the stored password"
                checked={forgetPassword}
                onChange={(e) => setForgetPassword(e.target.checked)}
              />
            )}
          </>
        )}
        {transport !== 'off' && (
          <div className="grid grid-cols-2 gap-3">
            <Field
              label="Sender name"
              value={fromName}
              placeholder="The event's venue"
              hint="Left empty, each email is signed with its event's venue, or the event's name."
              onChange={(e) => setFromName(e.target.value)}
            />
            {transport !== 'gmail' && (
              <Field
                label="Sender address"
                type="email"
                value={fromAddress}
                onChange={(e) => setFromAddress(e.target.value)}
              />
            )}
          </div>
        )}
        <Button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save email settings'}
        </Button>
      </fieldset>
      <ErrorNote>{save.error}</ErrorNote>
    </form>
  )
}

function TestEmail() {
  const send = useAction('sendTestEmail')
  const [to, setTo] = useState('')
  const [result, setResult] = useState<TestEmailResult | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setResult(null)
    setResult(await send.run({ to }))
  }

  return (
    <form onSubmit={submit} className="mt-6 border-t border-edge pt-4">
      <div className="grid grid-cols-[1fr_auto] items-end gap-3">
        <Field
          label="Send a test email to"
          type="email"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <Button type="submit" tone="secondary" disabled={send.busy}>
          {send.busy ? 'Sending…' : 'Send test email'}
        </Button>
      </div>
      <p className="mt-1 text-xs text-slate-400">Uses the saved settings.</p>
      <ErrorNote>{send.error}</ErrorNote>
      {result?.accepted && (
        <p role="status" className="mt-3 text-sm text-emerald-300">
          Accepted. The server answered: <code className="break-all">{result.server_answer}</code>
        </p>
      )}
      {result && !result.accepted && <ErrorNote>{result.server_answer}</ErrorNote>}
    </form>
  )
}
