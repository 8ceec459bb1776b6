// The mail thread: a worker_threads entry of its own (electron.config.ts builds
// it as out/main/mail-thread.js). It draws the QR codes, builds each message and
// talks to the mail server, so none of that CPU lands on the event loop that
// answers the door. It never opens the database: the main thread claims the
// rows, sends them here, and records what comes back (src/main/mail/worker.ts).
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { deliverRow, probeMailer, sendTestEmail, type SendResult } from './deliver'
import type { OutboxRow } from './message'
import { createPace } from './pace'
import type { MailSettings } from './settings'
import { createMailer, type Mailer, type MailerOptions } from './transport'

export type ToThread =
  | { kind: 'use'; settings: MailSettings; options: MailerOptions }
  | { kind: 'deliver'; id: number; row: OutboxRow }
  | { kind: 'probe'; id: number }
  | { kind: 'test'; id: number; settings: MailSettings; to: string; options: MailerOptions }
  /** Whether the door is checking people in: mail then keeps to its share of the CPU (pace.ts). */
  | { kind: 'door'; busy: boolean }
  | { kind: 'stop' }

export interface LoggedError {
  message: string
  stack?: string
  code?: string
}

export type FromThread =
  | { kind: 'answer'; id: number; value: SendResult | boolean | unknown }
  | { kind: 'log'; error: LoggedError }
  | { kind: 'stopped' }

// Messages may still be on their way through the old connections when the settings change.
const RETIRED_MAILER_GRACE_MS = 60_000

function plain(error: unknown): LoggedError {
  const e = error as Partial<NodeJS.ErrnoException> | undefined
  return { message: e?.message ?? String(error), stack: e?.stack, code: e?.code }
}

function serve(port: NonNullable<typeof parentPort>) {
  let mailer: Mailer | null = null
  const retired = new Set<Mailer>()
  const say = (message: FromThread) => port.postMessage(message)
  const logError = (error: unknown) => say({ kind: 'log', error: plain(error) })
  const answer = (id: number, work: Promise<unknown>) =>
    work.then(
      (value) => say({ kind: 'answer', id, value }),
      (error: unknown) => {
        logError(error)
        say({ kind: 'answer', id, value: null })
      },
    )
  const pace = createPace()
  const noMailer: SendResult = {
    failure: { permanent: false, wholeServer: true, unreachable: false, message: 'Email is off.' },
  }

  port.on('message', (message: ToThread) => {
    switch (message.kind) {
      case 'use': {
        const old = mailer
        if (old) {
          retired.add(old)
          setTimeout(() => {
            retired.delete(old)
            old.close()
          }, RETIRED_MAILER_GRACE_MS).unref()
        }
        mailer = createMailer(message.settings, message.options)
        return
      }
      case 'deliver': {
        const { id, row } = message
        return void answer(
          id,
          pace.turn().then(() => (mailer ? deliverRow(row, mailer, logError) : noMailer)),
        )
      }
      case 'door':
        return pace.doorBusy(message.busy)
      case 'probe':
        return void answer(message.id, mailer ? probeMailer(mailer) : Promise.resolve(false))
      case 'test':
        return void answer(message.id, sendTestEmail(message.settings, message.to, message.options, logError))
      case 'stop':
        pace.stop()
        mailer?.close()
        for (const old of retired) old.close()
        say({ kind: 'stopped' })
        port.close()
    }
  })
}

/**
 * On a laptop whose cores are all busy, mail should take only the CPU the door leaves over.
 * Linux keeps a nice value for each thread, so this thread alone is lowered; elsewhere (or if
 * the system says no) it runs as it is, which is still off the door's event loop.
 */
export function yieldCpuToTheDoor(): boolean {
  if (process.platform !== 'linux') return false
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (!Number.isInteger(threadId) || threadId === process.pid) return false
    setPriority(threadId, 10)
    return true
  } catch {
    return false
  }
}

if (parentPort) {
  yieldCpuToTheDoor()
  serve(parentPort)
}
