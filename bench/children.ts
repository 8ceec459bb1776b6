// The other machines of a night, each in a process of its own: the SMTP server the
// outbox sends to, the screens listening live and the box office stations. On a real
// night they are other computers; in the load generator's process their work (parsing
// 2,000 messages, reading 50 streams' frames) would delay the door stations' answers as it
// measures them, and the door stations' answers would delay the box office's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startChild } from './own-process'
import type { BoxOfficePlan } from './servers/box-office'

/** What a child says: one JSON object a line. */
type Said = Record<string, number>

/** A local SMTP server in a child process, and how many messages it has accepted so far. */
export async function startSmtpChild() {
  const state = { arrived: 0 }
  const waiters: Array<{ count: number; resolve: () => void }> = []
  let listening: (port: number) => void = () => {}
  const { child, exited } = startChild('smtp', [], (line) => {
    const said = line as Said
    if (said.port !== undefined) listening(said.port)
    if (said.arrived === undefined) return
    state.arrived = said.arrived
    for (const w of waiters.splice(0)) {
      if (state.arrived >= w.count) w.resolve()
      else waiters.push(w)
    }
  })
  const port = await new Promise<number>((resolve, reject) => {
    listening = resolve
    void exited.then((code) => reject(new Error(`the SMTP server exited with ${code}`)))
  })
  return {
    port,
    get arrived() {
      return state.arrived
    },
    until: (count: number) =>
      state.arrived >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

export type SmtpChild = Awaited<ReturnType<typeof startSmtpChild>>

/**
 * A child that answers in turn: `next` resolves with the next line it says, or fails once it
 * has exited (`who` names it then).
 */
function startTalkingChild(name: string, who: string, args: string[]) {
  let answered: (said: unknown) => void = () => {}
  const { child, exited } = startChild(name, args, (said) => answered(said))
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      answered = (said) => resolve(said as T)
      void exited.then((code) => reject(new Error(`${who} exited with ${code}`)))
    })
  return { child, next }
}

/**
 * Screens listening to an event's live changes (GET /api/v1/live), one stream per token, in a
 * child process. Resolves once every stream is open; `stop` closes them and says how many
 * check-ins they heard in all.
 */
export async function startScreensChild(port: number, eventId: number, tokens: string[]) {
  const { child, next } = startTalkingChild('screens', 'the screens', [
    String(port),
    String(eventId),
    ...tokens,
  ])
  const { listening } = await next<Said>()
  return {
    listening: listening!,
    stop: async (): Promise<number> => {
      const heard = next<Said>()
      child.kill('SIGTERM')
      return (await heard).heard!
    },
  }
}

/**
 * The box office stations (bench/servers/box-office.ts) in a child process, ready once this
 * resolves: they sell and search from `begin` until `stop`, which says each answer's time at
 * the stations.
 */
export async function startBoxOfficeChild(plan: BoxOfficePlan) {
  const dir = mkdtempSync(join(tmpdir(), 'ticketi-box-office-'))
  const planFile = join(dir, 'plan.json')
  writeFileSync(planFile, JSON.stringify(plan))
  const { child, next } = startTalkingChild('box-office', 'the box office', [planFile])
  try {
    await next<{ ready: number }>()
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  let stopped: Promise<{ sales: number[]; searches: number[] }> | null = null
  return {
    begin: () => void child.kill('SIGUSR1'),
    /** Ends the stations (once, however often it is called) and says their answers' times. */
    stop: () =>
      (stopped ??= (async () => {
        const times = next<{ sales: number[]; searches: number[] }>()
        child.kill('SIGTERM')
        try {
          return await times
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      })()),
  }
}

export type BoxOfficeChild = Awaited<ReturnType<typeof startBoxOfficeChild>>
