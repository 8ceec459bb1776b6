// The main thread's side of the mail thread (src/main/mail/thread.ts): starts
// it on first use, sends it work and hands back its answers. A thread that dies
// fails what it had in hand (the outbox tries those again) and is started anew
// for the next message.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { TestEmailResult } from '../../shared/views'
import type { DoorSignal } from '../door-watch'
import type { Courier, SendResult } from './deliver'
import type { MailSettings } from './settings'
import type { FromThread, LoggedError, ToThread } from './thread'
import type { MailerOptions } from './transport'

export interface MailThread {
  /** Starts the thread now rather than at the first message: loading its code takes a moment. */
  warm(): void
  /** The settings the next messages go with; the old connections close once their messages are out. */
  use(settings: MailSettings, options: MailerOptions): void
  courier: Courier
  sendTestEmail(settings: MailSettings, to: string, options: MailerOptions): Promise<TestEmailResult | null>
  /** Closes the connections and ends the thread; what it still had in hand is failed. */
  stop(): Promise<void>
}

/**
 * Where the thread's code is: the TypeScript source under tests and benchmarks (run with tsx),
 * or out/main/mail-thread.js beside index.js and host.js once built (this code may sit in a
 * shared chunk one folder below).
 */
export function threadEntry(): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts')) return { file: join(__dirname, 'thread.ts'), execArgv: ['--import', 'tsx'] }
  for (const dir of [__dirname, dirname(__dirname)]) {
    const file = join(dir, 'mail-thread.js')
    if (existsSync(file)) return { file, execArgv: [] }
  }
  throw new Error(`mail-thread.js is missing beside ${__dirname}: build Ticketi again (npm run build).`)
}

function revived(logged: LoggedError): Error {
  return Object.assign(new Error(logged.message), { stack: logged.stack, code: logged.code })
}

const THREAD_GONE: SendResult = {
  failure: {
    permanent: false,
    wholeServer: true,
    unreachable: false,
    message: 'The mail sender stopped unexpectedly; the message goes again shortly.',
  },
}

/** While `door` is busy, the thread keeps to its share of the CPU (pace.ts). */
export function startMailThread(logError: (error: unknown) => void, door?: DoorSignal): MailThread {
  let worker: Worker | null = null
  let lastUse: ToThread | null = null
  const stopListening = door?.onChange((busy) =>
    worker?.postMessage({ kind: 'door', busy } satisfies ToThread),
  )
  let nextId = 0
  const pending = new Map<number, { resolve: (value: unknown) => void; gone: unknown }>()
  let stopping: Promise<void> | null = null

  function failPending() {
    for (const { resolve, gone } of pending.values()) resolve(gone)
    pending.clear()
  }

  function thread(): Worker {
    if (worker) return worker
    const { file, execArgv } = threadEntry()
    const started = new Worker(file, { execArgv })
    started.unref()
    started.on('message', (message: FromThread) => {
      if (message.kind === 'log') return logError(revived(message.error))
      if (message.kind !== 'answer') return
      const waiting = pending.get(message.id)
      pending.delete(message.id)
      waiting?.resolve(message.value)
    })
    started.on('error', (error) => logError(error))
    started.on('exit', () => {
      if (worker === started) worker = null
      failPending()
    })
    worker = started
    if (lastUse) started.postMessage(lastUse)
    // A thread started anew while the door is busy is told so too.
    if (door?.busy) started.postMessage({ kind: 'door', busy: true } satisfies ToThread)
    return started
  }

  function ask<T>(message: ToThread & { id: number }, gone: T): Promise<T> {
    if (stopping) return Promise.resolve(gone)
    return new Promise<T>((resolve) => {
      pending.set(message.id, { resolve: resolve as (value: unknown) => void, gone })
      try {
        thread().postMessage(message)
      } catch (error) {
        pending.delete(message.id)
        throw error
      }
    })
  }

  return {
    warm() {
      if (stopping) return
      try {
        thread()
      } catch (error) {
        // Said again, and handled, at the first message; the rest of Ticketi starts anyway.
        logError(error)
      }
    },
    use(settings, options) {
      lastUse = { kind: 'use', settings, options }
      worker?.postMessage(lastUse)
    },
    courier: {
      deliver: (row) => ask({ kind: 'deliver', id: ++nextId, row }, THREAD_GONE),
      probe: () => ask({ kind: 'probe', id: ++nextId }, false),
    },
    sendTestEmail: async (settings, to, options) => {
      const gone = {
        accepted: false,
        recipient: to,
        transport: settings.transport,
        message_id: null,
        server_answer: 'The mail sender stopped unexpectedly; try again.',
      } satisfies TestEmailResult
      return ask({ kind: 'test', id: ++nextId, settings, to, options }, gone as TestEmailResult | null)
    },
    stop() {
      stopListening?.()
      stopping ??= (async () => {
        const current = worker
        if (!current) return
        const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()))
        current.postMessage({ kind: 'stop' } satisfies ToThread)
        // A thread stuck in a call that never returns is ended rather than waited on forever.
        const timer = setTimeout(() => void current.terminate(), 2_000)
        await exited
        clearTimeout(timer)
      })()
      return stopping
    },
  }
}
