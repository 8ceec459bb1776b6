// What an operation needs to know about this installation's mail set-up. The
// core fills it in; operations reach it as ctx.mail.
import type { MailSettings } from './settings'

/**
 * Seals the SMTP password at rest: Electron's safeStorage on the desktop, a key
 * file only its owner can read on the headless host (src/main/mail/secrets.ts).
 */
export interface SecretBox {
  /** False where this computer offers no way to keep a secret: a password is then refused. */
  available: boolean
  encrypt(plain: string): string
  decrypt(sealed: string): string
}

export interface MailContext {
  secrets: SecretBox
  /** Settings the headless host took from its environment; they win over the stored ones. */
  environment: MailSettings | null
  /** Where the file transport writes when no folder was chosen; null leaves mail off by default. */
  defaultDir: string | null
}

const NO_SECRETS: SecretBox = {
  available: false,
  encrypt: () => {
    throw new Error('No secret store on this computer.')
  },
  decrypt: () => {
    throw new Error('No secret store on this computer.')
  },
}

/** For a dispatcher built without a core (some unit tests): mail off, nothing sealed. */
export const NO_MAIL: MailContext = {
  secrets: NO_SECRETS,
  environment: null,
  defaultDir: null,
}
