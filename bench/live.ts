// Live changes: how long a check-in at one station takes to reach 50 other
// stations listening on GET /api/v1/live, and what those listeners cost the
// door: the same HTTP check-ins with no stream open, then with 50, in one run.
import { rmSync } from 'node:fs'
import { Agent, get, request, type IncomingMessage } from 'node:http'
import { createStations, newEvent, sell } from './core'
import { startServer } from './http'
import { elapsedMs, summarize, type Row } from './stats'

export const LISTENERS = 50
const CHECKINS = 300
// Codes used: 2 warm-ups and 3 rounds of CHECKINS, out of the 2,000 sold.
const WARM_UP = 20

function checkIn(agent: Agent, port: number, token: string, eventId: number, code: string): Promise<number> {
  const body = JSON.stringify({ event_id: eventId, code })
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/checkin',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

interface Listener {
  /** Resolves when this station has heard the check-in of `code`. */
  heard(code: string): Promise<void>
  close(): void
}

/** One station's stream, parsed just enough to see each check-in's code. */
function listen(port: number, token: string, eventId: number): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const waiting = new Map<string, () => void>()
    const seen = new Set<string>()
    const req = get(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1/live?event_id=${eventId}`,
        headers: { authorization: `Bearer ${token}` },
      },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) return reject(new Error(`live answered ${res.statusCode}`))
        res.setEncoding('utf8')
        let buffered = ''
        res.on('data', (chunk: string) => {
          buffered += chunk
          let end: number
          while ((end = buffered.indexOf('\n\n')) >= 0) {
            const block = buffered.slice(0, end)
            buffered = buffered.slice(end + 2)
            if (!block.includes('event: checkin')) continue
            const code = /"code":"([^"]+)"/.exec(block)?.[1]
            if (!code) continue
            seen.add(code)
            waiting.get(code)?.()
          }
        })
        resolve({
          heard: (code) =>
            seen.has(code) ? Promise.resolve() : new Promise((done) => waiting.set(code, done)),
          close: () => req.destroy(),
        })
      },
    )
    req.on('error', reject)
  })
}

export async function benchLive(step: (message: string) => void): Promise<Row[]> {
  const ev = newEvent(2000)
  const seeded = ev.core.dispatch(
    'seedInventory',
    { event_id: ev.eventId, count: 2000, ticket_type_id: ev.typeId },
    { role: 'admin', station: 'Bench box office', operator: 'bench' },
  )
  if (!seeded.ok) throw new Error(seeded.error.error)
  const codes = sell(ev, 100, 20)
  const [door, ...stations] = createStations(ev, LISTENERS + 1)
  ev.core.close()
  const server = await startServer('ticketi', [ev.dataDir])
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const run = async (n: number, after?: (code: string) => Promise<void>) => {
    const latencies: number[] = []
    for (let i = 0; i < n; i++) {
      const code = codes.shift()!
      const start = process.hrtime.bigint()
      const status = await checkIn(agent, server.port, door!, ev.eventId, code)
      latencies.push(elapsedMs(start))
      if (status !== 200) throw new Error(`check-in answered ${status}`)
      await after?.(code)
    }
    return latencies
  }
  try {
    step(`live: ${CHECKINS} check-ins with no stream open`)
    await run(WARM_UP)
    const quiet = summarize(await run(CHECKINS))
    step(`live: ${CHECKINS} check-ins with ${LISTENERS} stations listening`)
    const listeners = await Promise.all(stations.map((token) => listen(server.port, token, ev.eventId)))
    const arrivals: number[] = []
    const heardBy = async (code: string, start: bigint) => {
      await Promise.all(listeners.map((l) => l.heard(code).then(() => arrivals.push(elapsedMs(start)))))
    }
    await run(WARM_UP)
    const withListeners: number[] = []
    for (let i = 0; i < CHECKINS; i++) {
      const code = codes.shift()!
      const start = process.hrtime.bigint()
      const everyone = heardBy(code, start)
      const status = await checkIn(agent, server.port, door!, ev.eventId, code)
      withListeners.push(elapsedMs(start))
      if (status !== 200) throw new Error(`check-in answered ${status}`)
      await everyone
    }
    for (const l of listeners) l.close()
    // Again once the streams are closed, so warming up does not flatter either side.
    step(`live: ${CHECKINS} check-ins with no stream open, again`)
    const quietAgain = summarize(await run(CHECKINS))
    console.log(
      `- no stream open: p50 ${quiet.p50.toFixed(2)} / ${quietAgain.p50.toFixed(2)} ms, p99 ${quiet.p99.toFixed(2)} / ${quietAgain.p99.toFixed(2)} ms (before / after)`,
    )
    const busy = summarize(withListeners)
    const arrived = summarize(arrivals)
    console.log(
      `- check-in to ${LISTENERS} stations: p50 ${arrived.p50.toFixed(2)} ms, p99 ${arrived.p99.toFixed(2)} ms (${arrived.n} arrivals)`,
    )
    return [
      { figure: `live: check-in to event at ${LISTENERS} stations p50`, value: arrived.p50, unit: 'ms' },
      { figure: `live: check-in to event at ${LISTENERS} stations p99`, value: arrived.p99, unit: 'ms' },
      {
        figure: `live: HTTP check-in p50, ${LISTENERS} listening (baseline: none)`,
        value: busy.p50,
        unit: 'ms',
        baseline: Math.min(quiet.p50, quietAgain.p50),
      },
      {
        figure: `live: HTTP check-in p99, ${LISTENERS} listening (baseline: none)`,
        value: busy.p99,
        unit: 'ms',
        baseline: Math.min(quiet.p99, quietAgain.p99),
        goalBelow: 10,
      },
    ]
  } finally {
    agent.destroy()
    await server.stop()
    rmSync(ev.dataDir, { recursive: true, force: true })
  }
}
