// A real SMTP server on 127.0.0.1 for tests and the benchmark (smtp-server):
// keeps every message it accepts, raw, and can refuse logins or recipients.
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

export interface Arrival {
  /** The envelope recipients, as the client gave them in RCPT TO. */
  to: string[]
  raw: Buffer
  at: number
}

export interface TestSmtpOptions {
  /** With credentials, logins must match them; without, no login is asked for. */
  credentials?: { user: string; password: string }
  /** Recipients refused with 550, as a mailbox that does not exist. */
  refuse?: (address: string) => boolean
  /** Listens on this port: a server "coming back" after being down. */
  port?: number
  /** Called for each accepted message (the benchmark times arrivals). */
  onArrival?: (arrival: Arrival) => void
  /** Takes each message whole, keeps it, and never answers the end of DATA: a server that hangs. */
  silentAfterData?: boolean
  /** Quotes the client's AUTH PLAIN blob (base64 of \0user\0password) in its refusal, as some servers do. */
  quoteLoginInRefusal?: boolean
}

export interface TestSmtp {
  port: number
  arrivals: Arrival[]
  /** Login attempts refused so far. */
  refusedLogins: number
  close(): Promise<void>
}

export function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode })
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const arrivals: Arrival[] = []
  const state = { refusedLogins: 0 }
  const { credentials } = options
  const config: SMTPServerOptions = {
    logger: false,
    // Pooled client connections stay open; a closing server drops them at once.
    closeTimeout: 50,
    // Plain text on the loopback: no certificate to set up, and STARTTLS is never offered.
    disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !credentials,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.password) {
        return callback(null, { user: auth.username })
      }
      state.refusedLogins++
      const blob = Buffer.from(`\0${auth.username}\0${auth.password}`).toString('base64')
      const quoted = options.quoteLoginInRefusal ? ` for AUTH PLAIN ${blob}` : ''
      callback(smtpError(`5.7.8 Authentication credentials invalid${quoted}`, 535))
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        return callback(smtpError(`5.1.1 <${address.address}>: no such mailbox here`, 550))
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const arrival = {
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          at: performance.now(),
        }
        arrivals.push(arrival)
        options.onArrival?.(arrival)
        if (!options.silentAfterData) callback()
      })
    },
  }
  const server = new SMTPServer(config)
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.server.address() as AddressInfo).port,
    arrivals,
    get refusedLogins() {
      return state.refusedLogins
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Waits until `done()` holds, checking every few milliseconds; fails after `timeoutMs`. */
export async function eventually(
  done: () => boolean,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
