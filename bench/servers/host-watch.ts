// What the host itself saw, for a bench that starts it in a child process: how long each
// request took from its headers being read to its answer being written, and every stretch
// the event loop was held. A door station on this 2-core machine also waits for its own
// process to get a core; these times leave that out, so a bench can tell the host's holds
// from the machine's. Printed as one JSON line when the host is stopped (SIGTERM).
import dc from 'node:diagnostics_channel'
import type { IncomingMessage } from 'node:http'
import { summarize, type Summary } from '../stats'

/** A loop held longer than this is noted (a timer every TICK_MS sees it late by the hold). */
const HELD_MS = 5
const TICK_MS = 2

/** [when it began (ms since the epoch), how long it took (ms)]. */
export type Stretch = [number, number]

export interface HostWatch {
  /** Each answer, with the path it was asked at (no query). */
  requests: Array<[...Stretch, string]>
  loopHeld: Stretch[]
}

/** To a hundredth of a millisecond, which keeps the line printed at the end short. */
const stretch = (at: number, ms: number): Stretch => [Math.round(at * 100) / 100, Math.round(ms * 100) / 100]

export function watchHost(): { report(): HostWatch } {
  const epoch = performance.timeOrigin
  const started = new WeakMap<IncomingMessage, number>()
  const requests: HostWatch['requests'] = []
  const loopHeld: Stretch[] = []
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
  setInterval(() => {
    const now = performance.now()
    if (now - last - TICK_MS > HELD_MS) loopHeld.push(stretch(epoch + last, now - last - TICK_MS))
    last = now
  }, TICK_MS).unref()
  return { report: () => ({ requests, loopHeld }) }
}

/** What the host saw of one round: its answers' times, and the longest it held its event loop. */
export interface HostSide {
  answers: Summary
  longestLoopHeldMs: number
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
  const inside = ([at]: Stretch | HostWatch['requests'][number]) => at >= from && at < to
  const answers = watch?.requests.filter((r) => inside(r) && asked(r[2])).map(([, ms]) => ms) ?? []
  if (answers.length === 0) return null
  return {
    answers: summarize(answers),
    longestLoopHeldMs: Math.max(0, ...watch!.loopHeld.filter(inside).map(([, ms]) => ms)),
  }
}

/** "p50 …, p99 …, max … ms, its loop held at most … ms": one line's worth, as both benches print it. */
export function describeHostSide({ answers, longestLoopHeldMs }: HostSide): string {
  return (
    `p50 ${answers.p50.toFixed(2)} ms, p99 ${answers.p99.toFixed(2)} ms, max ${answers.max.toFixed(1)} ms, ` +
    `its loop held at most ${longestLoopHeldMs.toFixed(1)} ms`
  )
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
