// The SMTP password at rest, off the desktop: AES-256-GCM with a key kept in a
// file only its owner can read, beside the database. Copying the database
// alone does not carry the password along. Also: keeping passwords out of
// every message that could reach a log or a screen.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretBox } from './context'

export const KEY_FILE_NAME = 'mail-secret.key'
const VERSION = 'k1'

function readKey(path: string): Buffer {
  // Whatever made the file, only its owner may read it (Windows ignores modes).
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600)
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')
  if (key.length !== 32) throw new Error(`${path} is not a Ticketi key file.`)
  return key
}

function keyIn(dataDir: string, create: boolean): Buffer | null {
  const path = join(dataDir, KEY_FILE_NAME)
  if (!existsSync(path)) {
    if (!create) return null
    mkdirSync(dataDir, { recursive: true })
    try {
      // 'wx': two processes racing to create it keep one key, never two.
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return readKey(path)
}

/** Seals with a key file created on first use in `dataDir`, mode 0600. */
export function keyFileSecretBox(dataDir: string): SecretBox {
  return {
    available: true,
    encrypt(plain) {
      const key = keyIn(dataDir, true)!
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [VERSION, ...[iv, cipher.getAuthTag(), sealed].map((p) => p.toString('base64'))].join('.')
    },
    decrypt(stored) {
      const [version, iv, tag, sealed] = stored.split('.')
      if (version !== VERSION || !iv || !tag || !sealed) {
        throw new Error('The password was sealed by something else than this key file.')
      }
      const key = keyIn(dataDir, false)
      if (!key) throw new Error(`${KEY_FILE_NAME} is missing from ${dataDir}.`)
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString(
        'utf8',
      )
    },
  }
}

/**
 * smtp://ann:secret@host becomes smtp://ann:***@host. Everything up to the last @ of the word is
 * hidden, since a password typed without %-escapes may hold / @ : # or ?; the user name stays
 * only where it plainly ends at the first colon.
 */
export function hideUrlPassword(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)(\S*)@/gi, (_match, scheme: string, login: string) => {
    const user = /^[^:/?#@]*:/.exec(login)?.[0] ?? ''
    return `${scheme}${user}***@`
  })
}

/**
 * The base64 letters that carry `secret` wherever it sits in a longer base64 text: one run for
 * each of the three byte offsets it may start at, without the letters it shares with its
 * neighbours. A run too short to be told from chance letters is left out.
 */
function base64Alignments(secret: Buffer): string[] {
  const runs: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString('base64')
    const first = Math.ceil((offset * 8) / 6)
    const end = Math.floor(((offset + secret.length) * 8) / 6)
    const run = encoded.slice(first, end)
    if (run.length >= 4) runs.push(run)
  }
  return runs
}

/**
 * The forms a mail library or server might echo a password in: plain, URL-encoded, base64 on
 * its own and inside any longer base64 text, such as the AUTH PLAIN blob `\0user\0password`
 * that some servers quote back in their refusal.
 */
function secretForms(secret: string, user: string | null | undefined): string[] {
  const bytes = Buffer.from(secret)
  const forms = [secret, encodeURIComponent(secret), bytes.toString('base64'), ...base64Alignments(bytes)]
  if (user != null) {
    const plain = Buffer.from(`\0${user}\0${secret}`).toString('base64')
    forms.push(plain, plain.replace(/=+$/, ''))
  }
  // Longest first, so a shorter form never leaves part of a longer one showing.
  return [...new Set(forms)].sort((a, b) => b.length - a.length)
}

/** Removes a password from text in every form a mail library might echo it (see secretForms). */
export function scrub(
  text: string,
  secrets: ReadonlyArray<string | null | undefined>,
  user?: string | null,
): string {
  let clean = hideUrlPassword(text)
  for (const secret of secrets) {
    if (!secret) continue
    for (const form of secretForms(secret, user)) clean = clean.split(form).join('***')
  }
  return clean
}
