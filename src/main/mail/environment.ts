// The headless host's mail settings from its environment, for unattended set-ups:
//   TICKETI_SMTP_URL   smtp://user:pass@host:port (STARTTLS when offered) or smtps://... (TLS)
//   TICKETI_MAIL_DIR   a folder for .eml files instead
//   TICKETI_MAIL_FROM  the sender, "tickets@venue.example" or "Jazz Club <tickets@venue.example>"
// The password stays in this process's memory: it is never stored or printed.
import { isAbsolute } from 'node:path'
import { GMAIL, type MailSettings, type Sender } from './settings'
import { hideUrlPassword } from './secrets'

export type MailEnvironment = Partial<
  Record<'TICKETI_SMTP_URL' | 'TICKETI_MAIL_DIR' | 'TICKETI_MAIL_FROM', string>
>

function senderFrom(raw: string | undefined, user: string | null): Sender {
  const text = raw?.trim()
  if (text) {
    const named = /^(.*?)\s*<([^\s<>@]+@[^\s<>@]+)>$/.exec(text)
    if (named) return { name: named[1]!.replace(/^"|"$/g, '') || 'Ticketi', address: named[2]! }
    if (/^[^\s<>@]+@[^\s<>@]+$/.test(text)) return { name: 'Ticketi', address: text }
    throw new Error(`TICKETI_MAIL_FROM must be an address like tickets@venue.example, not "${text}".`)
  }
  return { name: 'Ticketi', address: user && user.includes('@') ? user : 'tickets@localhost' }
}

function smtpFromUrl(raw: string, from: string | undefined): MailSettings {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`TICKETI_SMTP_URL is not a URL: ${hideUrlPassword(raw)}`)
  }
  const tls = url.protocol === 'smtps:'
  if (!tls && url.protocol !== 'smtp:') {
    throw new Error(`TICKETI_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`)
  }
  if (!url.hostname) throw new Error('TICKETI_SMTP_URL names no host.')
  const user = url.username ? decodeURIComponent(url.username) : null
  const password = url.password ? decodeURIComponent(url.password) : null
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return {
    transport: host === GMAIL.host ? 'gmail' : 'smtp',
    host,
    port: url.port ? Number(url.port) : tls ? 465 : 587,
    security: tls ? 'tls' : 'none',
    user,
    password,
    from: senderFrom(from, user),
  }
}

/** The settings the environment asks for, or null when it asks for none; throws on a mistake. */
export function mailEnvironment(env: MailEnvironment): MailSettings | null {
  const url = env.TICKETI_SMTP_URL?.trim()
  const dir = env.TICKETI_MAIL_DIR?.trim()
  if (url && dir) throw new Error('Set TICKETI_SMTP_URL or TICKETI_MAIL_DIR, not both.')
  if (url) return smtpFromUrl(url, env.TICKETI_MAIL_FROM)
  if (dir) {
    if (!isAbsolute(dir)) throw new Error(`TICKETI_MAIL_DIR must be a full folder path, not "${dir}".`)
    return { transport: 'file', dir, from: senderFrom(env.TICKETI_MAIL_FROM, null) }
  }
  return null
}
