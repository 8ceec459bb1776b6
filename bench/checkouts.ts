// The HTTP door of two checkouts in alternating rounds, for a change too small to see in
// `npm run bench`'s three short rounds: `npx tsx bench/checkouts.ts <before> [rounds]`.
//
// Each round starts both hosts in turn, each on a fresh copy of one database seeded by the
// before checkout's own bench code; this checkout's host migrates its copy on open, as at a
// venue's upgrade, so a change that adds a migration is measured too (a checkout refuses a
// database of a newer schema). 20 door stations send 400 check-ins each back to back. Prints
// the median of the rounds: req/s, p50, p99, and the CPU time of the host's main thread per
// check-in (from /proc: Linux only), which moves least when the shared machine is busy.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CLIENTS, runLoad, startServer } from './http'
import { median } from './stats'

const PER_CLIENT = 400
const WARM_UP = 30
/** Clock ticks of /proc's stat fields: 100 per second on Linux. */
const TICK_MS = 10

/** CPU time (ms) the process's main thread has used: utime + stime of /proc/<pid>/task/<pid>/stat. */
function mainThreadCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS
}

interface Seeded {
  dataDir: string
  eventId: number
  codes: string[]
  tokens: string[]
}

/** One 100,000-ticket event, 20,000 sold, and a door station per client, by `root`'s own bench code. */
async function seedWith(root: string): Promise<Seeded> {
  const core = (await import(join(root, 'bench', 'core.ts'))) as typeof import('./core')
  const { event } = core.benchSeed(1)
  const codes = core.sell(event)
  const tokens = core.createStations(event, CLIENTS)
  event.core.close()
  return { dataDir: event.dataDir, eventId: event.eventId, codes, tokens }
}

async function round(root: string, seeded: Seeded) {
  const copy = mkdtempSync(join(tmpdir(), 'ticketi-checkouts-'))
  cpSync(seeded.dataDir, copy, { recursive: true })
  const server = await startServer('ticketi', [copy], { root })
  try {
    const codes = [...seeded.codes]
    const call = (client: number) => ({
      path: '/api/v1/checkin',
      body: JSON.stringify({ event_id: seeded.eventId, code: codes.shift()! }),
      token: seeded.tokens[client],
    })
    await runLoad(server.port, call, CLIENTS, WARM_UP)
    const cpuBefore = mainThreadCpuMs(server.pid)
    const load = await runLoad(server.port, call, CLIENTS, PER_CLIENT)
    const cpuUs = ((mainThreadCpuMs(server.pid) - cpuBefore) * 1000) / (CLIENTS * PER_CLIENT)
    return { reqPerS: load.reqPerS, p50: load.latency.p50, p99: load.latency.p99, cpuUs }
  } finally {
    await server.stop()
    rmSync(copy, { recursive: true, force: true })
  }
}

async function main() {
  const [beforeArg, roundsArg = '6'] = process.argv.slice(2)
  if (!beforeArg) throw new Error('usage: npx tsx bench/checkouts.ts <before checkout> [rounds]')
  const checkouts = [
    { name: 'before', root: resolve(beforeArg) },
    { name: 'this checkout', root: resolve(__dirname, '..') },
  ]
  const seeded = await seedWith(checkouts[0]!.root)
  try {
    const results = checkouts.map(() => [] as Array<Awaited<ReturnType<typeof round>>>)
    for (let r = 0; r < Number(roundsArg); r++) {
      for (const [k, { root }] of checkouts.entries()) results[k]!.push(await round(root, seeded))
    }
    for (const [k, { name, root }] of checkouts.entries()) {
      const of = (pick: (x: (typeof results)[number][number]) => number) => median(results[k]!.map(pick))
      console.log(
        `- ${name} (${root}): ${Math.round(of((x) => x.reqPerS))} req/s, p50 ${of((x) => x.p50).toFixed(2)} ms, ` +
          `p99 ${of((x) => x.p99).toFixed(2)} ms, main thread ${Math.round(of((x) => x.cpuUs))} µs per check-in ` +
          `(rounds: ${results[k]!.map((x) => Math.round(x.reqPerS)).join(', ')} req/s)`,
      )
    }
  } finally {
    rmSync(seeded.dataDir, { recursive: true, force: true })
  }
}

void main()
