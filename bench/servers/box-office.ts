// The box office stations of a night, as the other computers they are at a venue:
// `box-office.ts <plan.json>`. Prints {"ready": n} once started; on SIGUSR1 each station
// sells one ticket at the door event, then searches the big event, every `everyMs`, until
// SIGTERM; then it prints {"sales": [ms...], "searches": [ms...]}, each answer's time at the
// station. In the load generator's process, these times also held the waits of its event
// loop, busy with the 20 door stations' answers.
import { readFileSync } from 'node:fs'
import { Agent } from 'node:http'
import { call } from '../call'

/** What the night gives the box office (bench/children.ts writes it). */
export interface BoxOfficePlan {
  port: number
  doorEventId: number
  bigEventId: number
  everyMs: number
  tokens: string[]
  /** The searches, in turn (bench/search.ts's searchMix). */
  queries: string[]
}

async function main() {
  const [planFile] = process.argv.slice(2)
  if (!planFile) throw new Error('usage: box-office.ts <plan.json>')
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as BoxOfficePlan
  const sales: number[] = []
  const searches: number[] = []
  let stopping = false
  let next = 0
  const station = async (token: string, n: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const started = performance.now() + (plan.everyMs * n) / plan.tokens.length
    try {
      for (let i = 0; !stopping; i++) {
        const wait = started + i * plan.everyMs - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        if (stopping) break
        const sale = await call(agent, plan.port, 'POST', '/api/v1/assign', token, {
          event_id: plan.doorEventId,
          customer: { name: `Walk-in ${n}-${i}`, email: `walkin${n}-${i}@example.com` },
        })
        if (sale.status !== 201) throw new Error(`assign answered ${sale.status}: ${sale.body}`)
        sales.push(sale.ms)
        const q = encodeURIComponent(plan.queries[next++ % plan.queries.length]!)
        const path = `/api/v1/events/${plan.bigEventId}/tickets?q=${q}&limit=50`
        const found = await call(agent, plan.port, 'GET', path, token)
        if (found.status !== 200) throw new Error(`search answered ${found.status}`)
        searches.push(found.ms)
      }
    } finally {
      agent.destroy()
    }
  }
  let stations: Promise<unknown> = Promise.resolve()
  // Nothing else keeps this process alive while it waits for its signals.
  const waiting = setInterval(() => {}, 60_000)
  process.once('SIGUSR1', () => {
    stations = Promise.all(plan.tokens.map((token, n) => station(token, n))).catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
  })
  process.once('SIGTERM', () => {
    stopping = true
    clearInterval(waiting)
    void stations.then(() => {
      console.log(JSON.stringify({ sales, searches }))
      process.exit(0)
    })
  })
  // Started before the night's rounds, so its own start takes nothing from the busy one.
  console.log(JSON.stringify({ ready: plan.tokens.length }))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
