// The headless host's mail settings from its environment, for unattended set-ups:
//   TICKETI_SMTP_URL   smtp://user:pass@host:port (STARTTLS when offered) or smtps://... (TLS)
//   TICKETI_MAIL_DIR   a folder for .eml files instead
//   TICKETI_MAIL_FROM  the sender, "tickets@venue.example" or "Jazz Club <tickets@venue.example>"
// The password stays in this process's memory: it is never stored or printed.
import { isAbsolute } from 'node:path'
import { GMAIL, type MailSettings, type Sender } from './settings'

export type MailEnvironment = Partial<
  Record<'TICKETI_SMTP_URL' | 'TICKETI_MAIL_DIR' | 'TICKETI_MAIL_FROM', string>
>

function senderFrom(raw: string | undefined, user: string | null): Sender {
  const text = raw?.trim()
  if (text) {
    const named = /^(.*?)\s*<([^\s<>@]+@[^\s<>@]+)>$/.exec(text)
    // No name given: each ticket email is signed with its event's venue.
    if (named) return { name: named[1]!.replace(/^"|"$/g, ''), address: named[2]! }
    if (/^[^\s<>@]+@[^\s<>@]+$/.test(text)) return { name: '', address: text }
    throw new Error(`TICKETI_MAIL_FROM must be an address like tickets@venue.example, not "${text}".`)
  }
  return { name: '', address: user && user.includes('@') ? user : 'tickets@localhost' }
}

/** What of a URL that cannot be parsed is safe to print: the scheme and what follows the last @. */
function withoutLogin(raw: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw)?.[0] ?? ''
  const at = raw.lastIndexOf('@')
  // Without an @ there is no telling where a password would end: none of it is shown.
  return at >= 0 ? `${scheme}***@${raw.slice(at + 1)}` : `${scheme}***`
}

function decodedPart(part: string, what: string): string | null {
  try {
    return part ? decodeURIComponent(part) : null
  } catch {
    throw new Error(`TICKETI_SMTP_URL has a stray % in its ${what}: write % itself as %25.`)
  }
}

function smtpFromUrl(raw: string, from: string | undefined): MailSettings {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(
      `TICKETI_SMTP_URL is not a URL like smtp://user:pass@host:port (escape / @ : # ? % in the password with %): ${withoutLogin(raw)}`,
    )
  }
  const tls = url.protocol === 'smtps:'
  if (!tls && url.protocol !== 'smtp:') {
    throw new Error(`TICKETI_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`)
  }
  if (!url.hostname) throw new Error('TICKETI_SMTP_URL names no host.')
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    // An unescaped / ? or # in the password cuts the URL short there: the rest is no host to try.
    throw new Error(
      `TICKETI_SMTP_URL has a path, ? or # after its host; escape / ? # in the password with %: ${withoutLogin(raw)}`,
    )
  }
  const user = decodedPart(url.username, 'user name')
  const password = decodedPart(url.password, 'password')
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
