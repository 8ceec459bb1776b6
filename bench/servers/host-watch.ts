// What the host itself saw, for a bench that starts it in a child process: how long each
// request took from its headers being read to its answer being written, and every stretch
// the event loop was held. A door station on this 2-core machine also waits for its own
// process to get a core; these times leave that out, so a bench can tell the host's holds
// from the machine's. On Linux it also samples how long the host's main thread and its mail
// thread were on a core, and how long they were ready to run but waited for one, and says of
// each stretch the loop was held how much of it the main thread waited for a core: on two
// cores shared with the stations, a turn can be held that long without the host running.
// Printed as one JSON line when the host is stopped (SIGTERM).
import dc from 'node:diagnostics_channel'
import { readdirSync, readFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { summarize, type Row, type Summary } from '../stats'

/** A loop held longer than this is noted (a timer every TICK_MS sees it late by the hold). */
const HELD_MS = 5
const TICK_MS = 2
/** How often the threads' times on and waiting for a core are read. */
const THREADS_EVERY_MS = 100

/** [when it began (ms since the epoch), how long it took (ms)]. */
export type Stretch = [number, number]

/** A thread's time so far (ms): on a core, and ready to run but waiting for one. */
type ThreadTimes = [onCore: number, waiting: number]
/** The threads a bench asks about: the event loop's, and the mail thread (the one thread with a nice value). */
type Watched = 'main' | 'mail'

export interface HostWatch {
  /** Each answer, with the path it was asked at (no query). */
  requests: Array<[...Stretch, string]>
  /** Each hold, and how much of it (ms) the main thread waited for a core (Linux only). */
  loopHeld: Array<[...Stretch, number?]>
  /** When (ms since the epoch) and each watched thread's times then. */
  threads: Array<[number, Partial<Record<Watched, ThreadTimes>>]>
}

/** The watched threads' times from /proc's schedstat (Linux only: elsewhere nothing). */
function threadTimes(): Partial<Record<Watched, ThreadTimes>> {
  const times: Partial<Record<Watched, ThreadTimes>> = {}
  if (process.platform !== 'linux') return times
  for (const task of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8')
      const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
      const who: Watched | null = Number(task) === process.pid ? 'main' : nice > 0 ? 'mail' : null
      if (!who) continue
      const [onCore, waiting] = readFileSync(`/proc/self/task/${task}/schedstat`, 'utf8')
        .split(' ')
        .map(Number)
      times[who] = [onCore! / 1e6, waiting! / 1e6]
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return times
}

/** The main thread's time so far (ms) ready to run but waiting for a core; 0 where /proc has none. */
const mainThreadWaited =
  process.platform === 'linux'
    ? () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6
    : () => 0

/** To a hundredth of a millisecond, which keeps the line printed at the end short. */
const stretch = (at: number, ms: number): Stretch => [Math.round(at * 100) / 100, Math.round(ms * 100) / 100]

export function watchHost(): { report(): HostWatch } {
  const epoch = performance.timeOrigin
  const started = new WeakMap<IncomingMessage, number>()
  const requests: HostWatch['requests'] = []
  const loopHeld: HostWatch['loopHeld'] = []
  const threads: HostWatch['threads'] = []
  setInterval(() => threads.push([Date.now(), threadTimes()]), THREADS_EVERY_MS).unref()
  dc.subscribe('http.server.request.start', (message) => {
    started.set((message as { request: IncomingMessage }).request, performance.now())
  })
  dc.subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage }
    const at = started.get(request)
    if (at === undefined) return
    requests.push([...stretch(epoch + at, performance.now() - at), (request.url ?? '').split('?')[0]!])
  })
  let last = performance.now()
  let waitedAtLast = mainThreadWaited()
  setInterval(() => {
    const now = performance.now()
    const waited = mainThreadWaited()
    if (now - last - TICK_MS > HELD_MS) {
      loopHeld.push([
        ...stretch(epoch + last, now - last - TICK_MS),
        Math.round((waited - waitedAtLast) * 100) / 100,
      ])
    }
    last = now
    waitedAtLast = waited
  }, TICK_MS).unref()
  return { report: () => ({ requests, loopHeld, threads }) }
}

/** What the host saw of one round: its answers' times, and the longest it held its event loop. */
export interface HostSide {
  answers: Summary
  longestLoopHeldMs: number
  /** The longest hold less the main thread's wait for a core in it; null where the host did not say. */
  longestOwnHoldMs: number | null
  /** Each watched thread's share of the round (%) on a core, and ready but waiting for one. */
  threads: Partial<Record<Watched, { onCore: number; waiting: number }>>
}

/** The watched threads' shares of [from, to), from the first and the last sample within it. */
function threadsWithin(watch: HostWatch, from: number, to: number): HostSide['threads'] {
  const samples = watch.threads.filter(([at]) => at >= from && at < to)
  const shares: HostSide['threads'] = {}
  if (samples.length < 2) return shares
  const [firstAt, first] = samples[0]!
  const [lastAt, last] = samples.at(-1)!
  for (const who of ['main', 'mail'] as const) {
    const [a, b] = [first[who], last[who]]
    if (!a || !b) continue
    const percent = (ms: number) => (100 * ms) / (lastAt - firstAt)
    shares[who] = { onCore: percent(b[0] - a[0]), waiting: percent(b[1] - a[1]) }
  }
  return shares
}

/**
 * The answers to the requests that began within [from, to) (epoch ms), those asked at a path
 * that `asked` accepts when given, and the loop's holds in that time.
 */
export function seenWithin(
  watch: HostWatch | null,
  from: number,
  to: number,
  asked: (path: string) => boolean = () => true,
): HostSide | null {
  const inside = ([at]: Stretch | HostWatch['requests'][number] | HostWatch['loopHeld'][number]) =>
    at >= from && at < to
  const answers = watch?.requests.filter((r) => inside(r) && asked(r[2])).map(([, ms]) => ms) ?? []
  if (answers.length === 0) return null
  const held = watch!.loopHeld.filter(inside)
  // An older checkout's host (TICKETI_BENCH_BEFORE) may not say how long it waited.
  const own = held.every(([, , waited]) => waited !== undefined)
  return {
    answers: summarize(answers),
    longestLoopHeldMs: Math.max(0, ...held.map(([, ms]) => ms)),
    longestOwnHoldMs: own ? Math.max(0, ...held.map(([, ms, waited]) => ms - waited!)) : null,
    threads: threadsWithin(watch!, from, to),
  }
}

/**
 * "p50 …, p99 …, max … ms, its loop held at most … ms; main thread on a core …%, waiting for
 * one …%; mail thread …": one line's worth, as both benches print it.
 */
export function describeHostSide({
  answers,
  longestLoopHeldMs,
  longestOwnHoldMs,
  threads,
}: HostSide): string {
  const cores = Object.entries(threads).map(
    ([who, { onCore, waiting }]) =>
      `${who} thread on a core ${onCore.toFixed(0)}%, waiting for one ${waiting.toFixed(0)}%`,
  )
  return (
    `p50 ${answers.p50.toFixed(2)} ms, p99 ${answers.p99.toFixed(2)} ms, max ${answers.max.toFixed(1)} ms, ` +
    `its loop held at most ${longestLoopHeldMs.toFixed(1)} ms` +
    (longestOwnHoldMs === null ? '' : ` (${longestOwnHoldMs.toFixed(1)} ms less its waits for a core)`) +
    (cores.length > 0 ? `; ${cores.join('; ')}` : '')
  )
}

/** The longest hold of the busy round less its waits for a core, next to the quiet round's: a row when the host said. */
export function ownHoldRows(figure: string, busy: HostSide, quiet: HostSide | null): Row[] {
  if (busy.longestOwnHoldMs === null) return []
  return [
    { figure, value: busy.longestOwnHoldMs, unit: 'ms', baseline: quiet?.longestOwnHoldMs ?? undefined },
  ]
}

/**
 * For a bench server, called before its host starts: with TICKETI_BENCH_WATCH=1 the host is
 * watched from then on. `stopWith` makes SIGTERM close the host and exit, once what the watch
 * saw is printed (a long line: exiting before it is written would cut it short).
 */
export function benchServerStop(): { stopWith(close: () => Promise<void>): void } {
  const watch = process.env.TICKETI_BENCH_WATCH === '1' ? watchHost() : null
  return {
    stopWith(close) {
      process.once('SIGTERM', () => {
        const stop = () => void close().then(() => process.exit(0))
        if (watch) process.stdout.write(`${JSON.stringify({ watch: watch.report() })}\n`, stop)
        else stop()
      })
    },
  }
}
