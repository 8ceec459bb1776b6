// HTTP load: 20 keep-alive clients sending check-ins, back to back and then
// paced, to Ticketi and to a bare node:http server. Each server runs in its own
// child process so the client never shares its event loop.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { HOST_NODE_FLAGS } from '../src/main/host-process'
import { benchSeed, createStations, sell, type BenchEvent } from './core'
import { startChild, type ChildOptions } from './own-process'
import type { HostWatch } from './servers/host-watch'
import { elapsedMs, printTable, summarize, type Row, type Summary } from './stats'

export interface ChildServer {
  port: number
  /** The child's process id: bench/checkouts.ts reads its CPU time from /proc. */
  pid: number
  /** Stops the server; a host started with `watch` then says what it saw (servers/host-watch.ts). */
  stop(): Promise<HostWatch | null>
}

/** The servers that are Ticketi's host, started as `npm run serve` starts it (the bare baselines are plain Node). */
const HOSTS = new Set(['ticketi', 'night'])

/** Starts bench/servers/<name>.ts under tsx and waits for the port it prints. */
export async function startServer(
  name: string,
  args: string[] = [],
  { env, root, watch = false }: Omit<ChildOptions, 'flags'> & { watch?: boolean } = {},
): Promise<ChildServer> {
  // TICKETI_BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops.
  const profile = process.env.TICKETI_BENCH_CPU_PROF
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []
  const flags = [...(HOSTS.has(name) ? HOST_NODE_FLAGS : []), ...profiling]
  let listening: (port: number) => void = () => {}
  let watched: HostWatch | null = null
  const said = (line: unknown) => {
    if (typeof line === 'object' && line !== null && 'watch' in line) watched = line.watch as HostWatch
    else listening((line as { port: number }).port)
  }
  const { child, exited } = startChild(name, args, said, {
    flags,
    env: watch ? { ...env, TICKETI_BENCH_WATCH: '1' } : env,
    root,
  })
  const port = await new Promise<number>((resolve, reject) => {
    listening = resolve
    void exited.then((code) => reject(new Error(`server ${name} exited with ${code} before listening`)))
  })
  return {
    port,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
      return watched
    },
  }
}

export interface Call {
  path: string
  body: string
  token?: string
}

export interface LoadResult {
  reqPerS: number
  latency: Summary
  /** How many answers of each HTTP status: a check that the mix was what we meant. */
  statuses: Record<number, number>
  /** Every answer's time, and the wall time of the run, to add runs together. */
  samples: number[]
  wallMs: number
}

/** Several runs of one server as one: throughput over their summed wall time. */
export function together(runs: LoadResult[]): LoadResult {
  const samples = runs.flatMap((r) => r.samples)
  const wallMs = runs.reduce((sum, r) => sum + r.wallMs, 0)
  const statuses: Record<number, number> = {}
  for (const r of runs)
    for (const [status, n] of Object.entries(r.statuses)) statuses[+status] = (statuses[+status] ?? 0) + n
  return { reqPerS: (samples.length / wallMs) * 1000, latency: summarize(samples), statuses, samples, wallMs }
}

function send(agent: Agent, port: number, call: Call): Promise<number> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(call.body)),
  }
  if (call.token) headers.authorization = `Bearer ${call.token}`
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: call.path, headers },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(call.body)
  })
}

/**
 * `clients` loops, each sending its requests one after another on a keep-alive
 * connection: back to back (a saturation test), or, with `intervalMs`, each
 * request on its own schedule like a person at a door (late ones go at once).
 * Throughput is completed requests over wall time.
 */
export async function runLoad(
  port: number,
  calls: (client: number, i: number) => Call,
  clients: number,
  perClient: number,
  intervalMs = 0,
  /** Asked before each request: true ends every client's loop early (a round bound by time). */
  stop: () => boolean = () => false,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients })
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  const started = performance.now()
  const loop = async (client: number) => {
    // Staggered so paced clients do not all fire in the same millisecond.
    const offset = (intervalMs * client) / clients
    for (let i = 0; i < perClient && !stop(); i++) {
      const wait = started + offset + i * intervalMs - performance.now()
      if (intervalMs > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const start = process.hrtime.bigint()
      const status = await send(agent, port, calls(client, i))
      latencies.push(elapsedMs(start))
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, c) => loop(c)))
  const wallMs = performance.now() - started
  agent.destroy()
  return {
    reqPerS: (latencies.length / wallMs) * 1000,
    latency: summarize(latencies),
    statuses,
    samples: latencies,
    wallMs,
  }
}

export const CLIENTS = 20
const BACK_TO_BACK = 300
const PACED = { perClient: 100, intervalMs: 50 }
const WARM_UP = 25

function describe(name: string, load: LoadResult) {
  const statuses = Object.entries(load.statuses)
    .map(([status, n]) => `${n}x${status}`)
    .join(' ')
  const { p50, p99 } = load.latency
  console.log(
    `- ${name}: ${Math.round(load.reqPerS)} req/s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, ${statuses}`,
  )
}

/** Back-to-back rounds, taken in turns by every server, so a slower moment of the machine hits them all. */
const ROUNDS = 3

interface Contender {
  name: string
  server: ChildServer
  call: (client: number, i: number) => Call
}

/**
 * Warm-up (not counted), then ROUNDS rounds of back-to-back load in which the servers take
 * turns, then each paced; the servers are stopped either way.
 */
async function measureInTurns(contenders: Contender[]) {
  try {
    for (const { server, call } of contenders) await runLoad(server.port, call, CLIENTS, WARM_UP)
    const rounds: LoadResult[][] = contenders.map(() => [])
    for (let round = 0; round < ROUNDS; round++) {
      for (const [k, { server, call }] of contenders.entries()) {
        rounds[k]!.push(await runLoad(server.port, call, CLIENTS, BACK_TO_BACK / ROUNDS))
      }
    }
    const results = []
    for (const [k, { name, server, call }] of contenders.entries()) {
      const saturated = together(rounds[k]!)
      describe(`${name}, back to back`, saturated)
      const paced = await runLoad(server.port, call, CLIENTS, PACED.perClient, PACED.intervalMs)
      describe(`${name}, paced`, paced)
      results.push({ saturated, paced })
    }
    return results
  } finally {
    await Promise.all(contenders.map(({ server }) => server.stop()))
  }
}

/** Bare node:http and Ticketi on the prepared event, in turns, with the same client and counts. */
export async function benchHttp(ev: BenchEvent, codes: string[]): Promise<Row[]> {
  const tokens = createStations(ev, CLIENTS) // one door station per client, as at a real venue
  ev.core.close() // the child process owns the database from here on
  const path = '/api/v1/checkin'
  const body = (code: string) => JSON.stringify({ event_id: ev.eventId, code })

  // Every 10th request repeats a code this station admitted 5 requests earlier: a DUPLICATE.
  const checkInFrom = (fresh: string[]) => {
    const sent: string[][] = tokens.map(() => [])
    return (client: number, i: number): Call => {
      const mine = sent[client]!
      const code = i % 10 === 9 && mine.length >= 5 ? mine[mine.length - 5]! : fresh.shift()!
      mine.push(code)
      return { path, body: body(code), token: tokens[client] }
    }
  }
  const contenders: Contender[] = [
    { name: 'bare node:http', server: await startServer('bare'), call: () => ({ path, body: body('0') }) },
  ]
  // TICKETI_BENCH_BEFORE=<another checkout>: its host too, on a copy of the same database and
  // with the same codes, so a change is measured against the code before it in the same run.
  const before = process.env.TICKETI_BENCH_BEFORE
  const copy = before ? mkdtempSync(join(tmpdir(), 'ticketi-bench-before-')) : null
  if (before && copy) {
    cpSync(ev.dataDir, copy, { recursive: true })
    contenders.push({
      name: `before (${before})`,
      server: await startServer('ticketi', [copy], { root: before }),
      call: checkInFrom([...codes]),
    })
  }
  contenders.push({
    name: 'Ticketi',
    server: await startServer('ticketi', [ev.dataDir]),
    call: checkInFrom(codes),
  })
  let measured
  try {
    measured = await measureInTurns(contenders)
  } finally {
    if (copy) rmSync(copy, { recursive: true, force: true })
  }
  const bare = measured[0]!
  const ticketi = measured.at(-1)!
  const earlier = before ? measured[1]! : null

  const label = `HTTP check-in, ${CLIENTS} clients back to back`
  const rate = (CLIENTS * 1000) / PACED.intervalMs
  return [
    {
      figure: `${label} throughput`,
      value: ticketi.saturated.reqPerS,
      unit: 'req/s',
      baseline: bare.saturated.reqPerS,
      ratioAtLeast: 0.5,
    },
    {
      figure: `${label} p50`,
      value: ticketi.saturated.latency.p50,
      unit: 'ms',
      baseline: bare.saturated.latency.p50,
    },
    {
      figure: `${label} p99`,
      value: ticketi.saturated.latency.p99,
      unit: 'ms',
      baseline: bare.saturated.latency.p99,
      goalBelow: 10,
    },
    {
      figure: `HTTP check-in, ${CLIENTS} clients paced (${rate} req/s) p99`,
      value: ticketi.paced.latency.p99,
      unit: 'ms',
      baseline: bare.paced.latency.p99,
    },
    ...(earlier
      ? [
          {
            figure: `${label} throughput, before`,
            value: earlier.saturated.reqPerS,
            unit: 'req/s',
            baseline: bare.saturated.reqPerS,
            ratioAtLeast: 0.5,
          } satisfies Row,
          {
            figure: `${label} p99, before`,
            value: earlier.saturated.latency.p99,
            unit: 'ms',
            baseline: bare.saturated.latency.p99,
            goalBelow: 10,
          } satisfies Row,
          {
            figure: `HTTP check-in, ${CLIENTS} clients paced (${rate} req/s) p99, before`,
            value: earlier.paced.latency.p99,
            unit: 'ms',
            baseline: bare.paced.latency.p99,
          } satisfies Row,
        ]
      : []),
  ]
}

// `npx tsx bench/http.ts` runs this part alone, on a freshly seeded and part-sold event.
if (process.argv[1]?.endsWith('http.ts')) {
  const { event } = benchSeed(1)
  void benchHttp(event, sell(event))
    .then(printTable)
    .finally(() => rmSync(event.dataDir, { recursive: true, force: true }))
}
