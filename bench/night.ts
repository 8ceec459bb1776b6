// A night at the venue, over HTTP against the real headless host (its mail worker on,
// sending to a local SMTP server), in two parts:
//
// 1. The mixed night: 20 door stations checking in back to back for ROUND_MS, first alone
//    (the quiet door), then while the box office works as it does on a busy night: two box
//    office stations selling and searching, a burst of sales whose emails the outbox drains,
//    a guest list imported, the night's files exported, and 50 stations listening live. The
//    door's p50, p99 and throughput are printed next to the quiet door's, with the ratios.
// 2. Door stalls: 20 door stations paced like people (one code every 50 ms each), and the
//    longest answer they waited for while one big job runs: a 300,000-ticket seed, the
//    reconciliation and its CSV of a 300,000-ticket event, and the box office search on it.
//
// Each piece of box office work is one function (NightPart) in NIGHT_PARTS; a new kind of
// work plugs in there. Reports only, never fails on timing.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore } from '../src/main/core'
import { invoke } from '../src/main/dispatcher'
import type { Principal } from '../src/shared/principal'
import { call } from './call'
import {
  startBoxOfficeChild,
  startScreensChild,
  startSmtpChild,
  type BoxOfficeChild,
  type SmtpChild,
} from './children'
import type { BenchEvent } from './core'
import { sell } from './core'
import { runLoad, startServer, type Call, type LoadResult } from './http'
import { describeHostSide, ownHoldRows, seenWithin, type HostWatch } from './servers/host-watch'
import { searchMix, sellOut } from './search'
import { printTable, summarize, type Row, type Summary } from './stats'

const ADMIN: Principal = { role: 'admin', station: 'Bench box office', operator: 'bench' }
const ADMIN_TOKEN = 'night-bench-admin-token-0123456789'
const DOOR_CLIENTS = 20
/** TICKETI_NIGHT_SCALE=0.1 runs a tenth of the night: to try the bench out, not to measure. */
const SCALE = Number(process.env.TICKETI_NIGHT_SCALE ?? 1)
/**
 * How long each door round lasts (the busy one at least until every finite piece of work is
 * done). A door rush lasts an hour; the box office's one-off work (a guest list, the exports)
 * is spread over it. Ten seconds with all of it at once is a night far busier than a real one.
 */
const ROUND_MS = Math.round(10_000 * SCALE)
/** Tickets sold at the door event before the night: every check-in of both rounds is a fresh code or a repeat. */
const DOOR_EVENT = Math.round(120_000 * SCALE)
const DOOR_SOLD = Math.round(100_000 * SCALE)
const BOX_OFFICE_CLIENTS = 2
/** Each box office station sells a ticket and searches once every this, faster than any person at a box office. */
const BOX_OFFICE_EVERY_MS = 500
/** The burst of sales made as the busy round starts, whose codes emails the outbox drains meanwhile. */
const BURST_SALES = Math.round(500 * SCALE)
const BURST_TICKETS_PER_SALE = 4
const LISTENERS = 50
/** The big event: exported, searched and reconciled while the door works. */
export const BIG_EVENT = Math.round(300_000 * SCALE)
/** Seeded over HTTP while the paced door works. */
const BIG_SEED = Math.round(300_000 * SCALE)
const PACED_MS = 50

/** What a night needs to know to send its requests. */
export interface Night {
  port: number
  adminToken: string
  doorEventId: number
  bigEventId: number
  /** An empty event with room for BIG_SEED tickets. */
  seedEventId: number
  doorTokens: string[]
  boxOfficeTokens: string[]
  listenerTokens: string[]
  /** Door codes of the big event's sold tickets and their uuids, for the search mix. */
  bigCodes: string[]
  bigUuids: string[]
  /** The SMTP server the host's outbox sends to, in a process of its own. */
  smtp: SmtpChild
  /** The box office stations, in a process of their own, waiting for the busy round. */
  boxOffice: BoxOfficeChild
}

/** What one piece of box office work measured while the door ran. */
export interface PartResult {
  lines: string[]
  rows: Row[]
}

/**
 * One piece of box office work: it starts when the busy door does and keeps going until
 * `doorDone()` says the door's round is over, then returns what it measured. A part that ends
 * on its own (ONE_OFF_PARTS) keeps the round going until it returns, or until it calls
 * `roundMayEnd()`: work that goes on in the background from then (the outbox draining its
 * emails) is measured without the door waiting for it.
 */
export type NightPart = (
  night: Night,
  doorDone: () => boolean,
  roundMayEnd: () => void,
) => Promise<PartResult>

const ms = (s: Summary) =>
  `p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(1)} ms`

/**
 * Two box office stations, each selling one ticket, then searching the big event, every
 * BOX_OFFICE_EVERY_MS, from a process of their own.
 */
const sellAndSearch: NightPart = async (night, doorDone) => {
  night.boxOffice.begin()
  while (!doorDone()) await new Promise((resolve) => setTimeout(resolve, 20))
  const { sales, searches } = await night.boxOffice.stop()
  const sale = summarize(sales)
  const search = summarize(searches)
  return {
    lines: [
      `box office: ${sale.n} sales (${ms(sale)}), ${search.n} searches of the ${BIG_EVENT.toLocaleString('en')}-ticket event (${ms(search)})`,
    ],
    rows: [
      {
        figure: 'night: box office search while the door works p99',
        value: search.p99,
        unit: 'ms',
        goalBelow: 20,
      },
    ],
  }
}

/**
 * A burst of sales as the round starts (a school class, a coach party): BURST_SALES sales of
 * BURST_TICKETS_PER_SALE tickets, back to back, then their codes emails drained by the outbox,
 * counted at the SMTP server. The door's round waits for the sales, not for the emails: while
 * the door is busy the outbox sends at a pace that leaves the door its CPU (src/main/mail/pace.ts),
 * and a round that lasted until the last email would measure a night mostly quiet.
 */
const salesBurst: NightPart = async (night, doorDone, roundMayEnd) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const before = night.smtp.arrived
  const started = performance.now()
  try {
    for (let i = 0; i < BURST_SALES; i++) {
      const sale = await call(agent, night.port, 'POST', '/api/v1/assign', night.adminToken, {
        event_id: night.doorEventId,
        customer: { name: `Coach ${i}`, email: `coach${i}@example.com` },
        quantity: BURST_TICKETS_PER_SALE,
        payment_method: 'card',
      })
      if (sale.status !== 201) throw new Error(`assign answered ${sale.status}: ${sale.body}`)
    }
  } finally {
    agent.destroy()
  }
  const sold = performance.now() - started
  roundMayEnd()
  let duringTheDoor: number | null = null
  // The box office's own sales add their emails to the burst's.
  while (night.smtp.arrived - before < BURST_SALES) {
    if (duringTheDoor === null && doorDone()) duringTheDoor = night.smtp.arrived - before
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const drained = performance.now() - started
  const arrived = duringTheDoor ?? night.smtp.arrived - before
  return {
    lines: [
      `burst: ${BURST_SALES} sales of ${BURST_TICKETS_PER_SALE} sold in ${Math.round(sold)} ms; ${arrived} of their emails accepted by the SMTP server while the door's busy round ran, all ${Math.round(drained)} ms after the first sale`,
    ],
    rows: [],
  }
}

/**
 * The files an organizer takes of the night's event while the door works, once each: the
 * reconciliation and the attendee list (every export alone, with how long it holds the door,
 * is measured in bench/files.ts).
 */
const EXPORTS = ['/api/v1/reports/reconciliation.csv', '/api/v1/reports/attendees.csv']

const exportFiles: NightPart = async (night) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const times: string[] = []
  try {
    for (const path of EXPORTS) {
      const answer = await call(
        agent,
        night.port,
        'GET',
        `${path}?event_id=${night.doorEventId}`,
        night.adminToken,
        undefined,
        true,
      )
      if (answer.status !== 200 || answer.bytes === 0)
        throw new Error(`${path} answered ${answer.status} with ${answer.bytes} bytes: ${answer.body}`)
      times.push(
        `${path.split('/').pop()} ${Math.round(answer.ms)} ms (${(answer.bytes / 1e6).toFixed(1)} MB)`,
      )
    }
  } finally {
    agent.destroy()
  }
  return { lines: [`exports of the door event: ${times.join(', ')}`], rows: [] }
}

/** 50 stations listening to the door event's live changes, each on its own connection, from a process of their own. */
const listenLive: NightPart = async (night, doorDone) => {
  const screens = await startScreensChild(night.port, night.doorEventId, night.listenerTokens)
  while (!doorDone()) await new Promise((resolve) => setTimeout(resolve, 20))
  const heard = await screens.stop()
  return { lines: [`live: ${screens.listening} stations heard ${heard} check-ins in all`], rows: [] }
}

/** Guests on the list the box office imports while the door works (SPEC §6: under 1 s). */
const NIGHT_GUESTS = 10_000

/**
 * The guest-list import (POST /api/v1/events/{id}/imports, SPEC §5.3): a 10,000-row list
 * sold into an event of its own while the door works, once per round. Names only, so the
 * list's 10,000 emails do not stand in the outbox part's way.
 */
const importGuestList: NightPart = async (night) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const made = await call(agent, night.port, 'POST', '/api/v1/events', night.adminToken, {
      name: 'Night Guest List',
      starts_at: '2026-12-01T20:00:00Z',
      capacity: NIGHT_GUESTS,
      code_length: 5,
    })
    if (made.status !== 201) throw new Error(`creating the event answered ${made.status}: ${made.body}`)
    const eventId = (JSON.parse(made.body) as { id: number }).id
    const seeded = await call(agent, night.port, 'POST', `/api/v1/events/${eventId}/seed`, night.adminToken, {
      count: NIGHT_GUESTS,
    })
    if (seeded.status !== 201) throw new Error(`seeding answered ${seeded.status}: ${seeded.body}`)
    const lines = ['Name']
    for (let i = 0; i < NIGHT_GUESTS; i++) lines.push(`Night Guest ${i}`)
    const answer = await call(
      agent,
      night.port,
      'POST',
      `/api/v1/events/${eventId}/imports`,
      night.adminToken,
      { csv: lines.join('\r\n') },
    )
    const created = answer.status === 200 ? (JSON.parse(answer.body) as { created: number }).created : 0
    if (created !== NIGHT_GUESTS) throw new Error(`the import answered ${answer.status}: ${answer.body}`)
    // No bar here: SPEC §6's 1 s is the import's own (bench/files.ts); beside a door at full
    // speed it shares the main thread.
    const label = `guest list of ${NIGHT_GUESTS.toLocaleString('en')} imported while the door works`
    return {
      lines: [`${label}: ${Math.round(answer.ms)} ms`],
      rows: [{ figure: `night: ${label}`, value: answer.ms, unit: 'ms' }],
    }
  } finally {
    agent.destroy()
  }
}

/**
 * The box office's work on a mixed night: every part runs at once, beside the door. The
 * continuous ones (sales and searches, listeners) go on until the door stops; the door goes on
 * until the one-off ones (the burst and its emails, the exports, the import) are done.
 */
export const NIGHT_PARTS: Record<string, NightPart | null> = {
  'sales and searches': sellAndSearch,
  'a burst of sales and its emails': salesBurst,
  exports: exportFiles,
  'live listeners': listenLive,
  'guest-list import': importGuestList,
}
/** The parts that end on their own; the rest run until the door is done. */
const ONE_OFF_PARTS = new Set(['a burst of sales and its emails', 'exports', 'guest-list import'])

/**
 * One round of the 20 door stations back to back for ROUND_MS and until `busy()` is false, on
 * fresh codes (OK, with a DUPLICATE in 10).
 */
function doorRound(night: Night, codes: string[], busy: () => boolean = () => false): Promise<LoadResult> {
  const sent: string[][] = night.doorTokens.map(() => [])
  const body = (code: string) => JSON.stringify({ event_id: night.doorEventId, code })
  const checkIn = (client: number, i: number): Call => {
    const mine = sent[client]!
    const code = i % 10 === 9 && mine.length >= 5 ? mine[mine.length - 5]! : codes.shift()!
    if (code === undefined) throw new Error('the door event ran out of sold codes: sell more in prepareNight')
    mine.push(code)
    return { path: '/api/v1/checkin', body: body(code), token: night.doorTokens[client] }
  }
  const started = performance.now()
  const over = () => performance.now() - started >= ROUND_MS && !busy()
  return runLoad(night.port, checkIn, DOOR_CLIENTS, Number.POSITIVE_INFINITY, 0, over)
}

/**
 * The paced door (20 stations, one code every 50 ms each) while `job` runs, and at least
 * a second: every answer's time, whose maximum is the longest the door was held up. Each
 * station keeps its connection from one job to the next, as a door's browser does: with 20
 * new connections opened as a job started, the first answer on each reached this process up
 * to 150 ms late, while the host's own log showed every one written within 1.5 ms of arriving.
 */
async function pacedDoorWhile(night: Night, codes: string[], agents: Agent[], job: () => Promise<string>) {
  const latencies: number[] = []
  let done = false
  let next = 0
  const door = async (client: number) => {
    const started = performance.now() + (PACED_MS * client) / DOOR_CLIENTS
    for (let i = 0; !done; i++) {
      const wait = started + i * PACED_MS - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const code = codes[next++ % codes.length]!
      const answer = await call(
        agents[client]!,
        night.port,
        'POST',
        '/api/v1/checkin',
        night.doorTokens[client]!,
        {
          event_id: night.doorEventId,
          code,
        },
      )
      if (answer.status !== 200 && answer.status !== 409)
        throw new Error(`check-in answered ${answer.status}`)
      latencies.push(answer.ms)
    }
  }
  const doors = Array.from({ length: DOOR_CLIENTS }, (_, c) => door(c))
  const started = performance.now()
  const what = await job()
  const jobMs = performance.now() - started
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - jobMs)))
  done = true
  await Promise.all(doors)
  return { door: summarize(latencies), jobMs, what }
}

/** The database of a night: a door event part sold, a big sold-out event, an empty one to seed. */
function prepareNight(dataDir: string) {
  const core = openCore({ dataDir, logError: () => {} })
  const create = (name: string, capacity: number) =>
    invoke(
      core.dispatch,
      'createEvent',
      { name, starts_at: '2026-12-01T20:00:00Z', capacity, code_length: 6 },
      ADMIN,
    ).id
  const doorEventId = create('Night Door', DOOR_EVENT)
  invoke(core.dispatch, 'seedInventory', { event_id: doorEventId, count: DOOR_EVENT }, ADMIN)
  const asBench = (eventId: number): BenchEvent => ({
    core,
    dataDir,
    eventId,
    typeId: 0,
    dispose: () => {},
  })
  const doorCodes = sell(asBench(doorEventId), DOOR_SOLD / 20, 20)
  // Sold before the night: their emails went out then, so the quiet door is quiet.
  core.store.sqlite.prepare(`UPDATE email_outbox SET status = 'sent' WHERE status = 'queued'`).run()
  const bigEventId = create('Night Big', BIG_EVENT)
  invoke(core.dispatch, 'seedInventory', { event_id: bigEventId, count: BIG_EVENT }, ADMIN)
  const { codes: bigCodes, uuids: bigUuids } = sellOut(asBench(bigEventId))
  const seedEventId = create('Night Seed', BIG_SEED)
  const station = (name: string, role: 'door' | 'boxoffice') =>
    invoke(core.dispatch, 'createStation', { name, role }, ADMIN).token
  const doorTokens = Array.from({ length: DOOR_CLIENTS }, (_, i) => station(`Night door ${i + 1}`, 'door'))
  const boxOfficeTokens = Array.from({ length: BOX_OFFICE_CLIENTS }, (_, i) =>
    station(`Night box office ${i + 1}`, 'boxoffice'),
  )
  const listenerTokens = Array.from({ length: LISTENERS }, (_, i) => station(`Night screen ${i + 1}`, 'door'))
  core.close()
  return {
    doorEventId,
    bigEventId,
    seedEventId,
    doorTokens,
    boxOfficeTokens,
    listenerTokens,
    doorCodes,
    bigCodes,
    bigUuids,
  }
}

function describe(name: string, load: LoadResult) {
  const { p50, p99, max } = load.latency
  return `${name}: ${Math.round(load.reqPerS)} req/s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${max.toFixed(1)} ms`
}

/** The whole night against one host (this checkout's, or `root`'s), on a database prepared in `dataDir`. */
async function runNight(
  label: string,
  dataDir: string,
  prepared: ReturnType<typeof prepareNight>,
  step: (message: string) => void,
  root?: string,
): Promise<Row[]> {
  const smtp = await startSmtpChild()
  const server = await startServer(
    'night',
    [dataDir, ADMIN_TOKEN, String(smtp.port), ...(root ? [root] : [])],
    { watch: true },
  )
  const tag = label ? ` (${label})` : ''
  const rows: Row[] = []
  /** When the quiet and the busy door rounds ran (epoch ms), to read what the host saw of them. */
  const rounds: Record<'quiet' | 'busy', [number, number]> = { quiet: [0, 0], busy: [0, 0] }
  let watched: HostWatch | null
  let boxOffice: BoxOfficeChild | null = null
  try {
    boxOffice = await startBoxOfficeChild({
      port: server.port,
      doorEventId: prepared.doorEventId,
      bigEventId: prepared.bigEventId,
      everyMs: BOX_OFFICE_EVERY_MS,
      tokens: prepared.boxOfficeTokens,
      queries: searchMix(2000, prepared.bigCodes, prepared.bigUuids).map(({ q }) => q),
    })
    const night: Night = { ...prepared, port: server.port, adminToken: ADMIN_TOKEN, smtp, boxOffice }
    const codes = [...prepared.doorCodes]
    await runLoad(
      night.port,
      (c) => ({
        path: '/api/v1/checkin',
        body: JSON.stringify({ event_id: night.doorEventId, code: codes.shift()! }),
        token: night.doorTokens[c],
      }),
      DOOR_CLIENTS,
      10,
    )

    step(`night${tag}: the quiet door, ${DOOR_CLIENTS} stations back to back`)
    rounds.quiet[0] = Date.now()
    const quiet = await doorRound(night, codes)
    rounds.quiet[1] = Date.now()
    step(describe(`night${tag}: quiet door`, quiet))

    const parts = Object.entries(NIGHT_PARTS)
    step(
      `night${tag}: the door while the box office works: ${parts.map(([name, part]) => (part ? name : `${name} (not built yet)`)).join(', ')}`,
    )
    let doorDone = false
    let oneOffLeft = 0
    const work = parts.flatMap(([name, part]) => {
      if (!part) return []
      let holdsTheRound = ONE_OFF_PARTS.has(name)
      if (holdsTheRound) oneOffLeft++
      const roundMayEnd = () => {
        if (holdsTheRound) oneOffLeft--
        holdsTheRound = false
      }
      return [part(night, () => doorDone, roundMayEnd).finally(roundMayEnd)]
    })
    rounds.busy[0] = Date.now()
    const busy = await doorRound(night, codes, () => oneOffLeft > 0).finally(() => (doorDone = true))
    rounds.busy[1] = Date.now()
    const results = await Promise.all(work)
    step(describe(`night${tag}: busy door`, busy))
    for (const result of results) {
      for (const line of result.lines) step(`night${tag}: ${line}`)
      rows.push(...result.rows.map((r) => ({ ...r, figure: `${r.figure}${tag}` })))
    }
    rows.push(
      {
        figure: `night: door throughput, busy (baseline: quiet)${tag}`,
        value: busy.reqPerS,
        unit: 'req/s',
        baseline: quiet.reqPerS,
        ratioAtLeast: 0.8,
      },
      {
        figure: `night: door p50, busy (baseline: quiet)${tag}`,
        value: busy.latency.p50,
        unit: 'ms',
        baseline: quiet.latency.p50,
      },
      {
        figure: `night: door p99, busy (baseline: quiet)${tag}`,
        value: busy.latency.p99,
        unit: 'ms',
        baseline: quiet.latency.p99,
        ratioAtMost: 1.5,
      },
    )

    // The paced door, and the longest it waited while each big job ran.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      call(agent, night.port, method, path, ADMIN_TOKEN, body)
    const jobs: Array<[string, () => Promise<string>]> = [
      ['nothing else', async () => 'the door alone'],
      [
        `reconciliation and its CSV of ${BIG_EVENT.toLocaleString('en')} tickets, 10 each`,
        async () => {
          const times: number[] = []
          for (let i = 0; i < 10; i++) {
            for (const path of ['/api/v1/reports/reconciliation', '/api/v1/reports/reconciliation.csv']) {
              const answer = await admin('GET', `${path}?event_id=${night.bigEventId}`)
              if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`)
              times.push(answer.ms)
            }
          }
          return `each report ${ms(summarize(times))}`
        },
      ],
      [
        `box office search of ${BIG_EVENT.toLocaleString('en')} tickets, 300 searches`,
        async () => {
          const times: number[] = []
          for (const { q } of searchMix(300, night.bigCodes, night.bigUuids)) {
            const answer = await admin(
              'GET',
              `/api/v1/events/${night.bigEventId}/tickets?q=${encodeURIComponent(q)}&limit=50`,
            )
            if (answer.status !== 200) throw new Error(`search answered ${answer.status}`)
            times.push(answer.ms)
          }
          const s = summarize(times)
          rows.push({
            figure: `stall: box office search of ${BIG_EVENT / 1000}k while the door works p99${tag}`,
            value: s.p99,
            unit: 'ms',
            goalBelow: 20,
          })
          return `each search ${ms(s)}`
        },
      ],
      // Last: the disk goes on writing a seed's pages out for a while after it, which the
      // other jobs' rounds would measure too.
      [
        `seeding ${BIG_SEED.toLocaleString('en')} tickets`,
        async () => {
          const seeded = await admin('POST', `/api/v1/events/${night.seedEventId}/seed`, { count: BIG_SEED })
          if (seeded.status !== 201) throw new Error(`seed answered ${seeded.status}: ${seeded.body}`)
          return `seed answered in ${seeded.ms.toFixed(0)} ms`
        },
      ],
    ]
    let alone: Summary | null = null
    const doorAgents = Array.from(
      { length: DOOR_CLIENTS },
      () => new Agent({ keepAlive: true, maxSockets: 1 }),
    )
    try {
      for (const [what, job] of jobs) {
        step(`stall${tag}: the paced door (${DOOR_CLIENTS} x one code every ${PACED_MS} ms) while ${what}`)
        const {
          door,
          jobMs,
          what: measured,
        } = await pacedDoorWhile(night, prepared.doorCodes, doorAgents, job)
        step(`stall${tag}: ${measured} (${jobMs.toFixed(0)} ms); door ${ms(door)} (n=${door.n})`)
        alone ??= door
        rows.push({
          figure: `stall: longest door answer while ${what}${tag}`,
          value: door.max,
          unit: 'ms',
          baseline: alone.max,
          goalBelow: 50,
        })
      }
    } finally {
      agent.destroy()
      for (const doorAgent of doorAgents) doorAgent.destroy()
    }
  } finally {
    // Its own failure, if any, was the part's to tell; here it only must not keep the host up.
    await boxOffice?.stop().catch(() => {})
    watched = await server.stop()
    await smtp.stop()
  }
  rows.push(...insideTheHost(watched, rounds, tag, step))
  return rows
}

/**
 * The busy round as the host saw it, beside the quiet one: the door's and the box office
 * search's answers from request read to answer written, and the longest hold of its event loop.
 * The stations' own times also hold their processes' waits for a core of this shared machine,
 * which these leave out.
 */
function insideTheHost(
  watched: HostWatch | null,
  rounds: Record<'quiet' | 'busy', [number, number]>,
  tag: string,
  step: (message: string) => void,
): Row[] {
  const door = (path: string) => path === '/api/v1/checkin'
  const search = (path: string) => /^\/api\/v1\/events\/\d+\/tickets$/.test(path)
  const quiet = seenWithin(watched, ...rounds.quiet, door)
  const busy = seenWithin(watched, ...rounds.busy, door)
  const searches = seenWithin(watched, ...rounds.busy, search)
  if (!quiet || !busy) return []
  step(`night${tag}: inside the host, quiet door ${describeHostSide(quiet)}`)
  step(`night${tag}: inside the host, busy door ${describeHostSide(busy)}`)
  if (searches) step(`night${tag}: inside the host, box office searches ${ms(searches.answers)}`)
  return [
    {
      figure: `night: door p99 inside the host, busy (baseline: quiet)${tag}`,
      value: busy.answers.p99,
      unit: 'ms',
      baseline: quiet.answers.p99,
    },
    ...(searches
      ? [
          {
            figure: `night: box office search while the door works p99 inside the host${tag}`,
            value: searches.answers.p99,
            unit: 'ms' as const,
          },
        ]
      : []),
    {
      figure: `night: longest the host's event loop was held, busy (baseline: quiet)${tag}`,
      value: busy.longestLoopHeldMs,
      unit: 'ms',
      baseline: quiet.longestLoopHeldMs,
    },
    ...ownHoldRows(
      `night: the same, less the host's waits for a core, busy (baseline: quiet)${tag}`,
      busy,
      quiet,
    ),
  ]
}

/** The night on this checkout, and first on TICKETI_BENCH_BEFORE's when set (on a copy of the same database). */
export async function benchNight(step: (message: string) => void): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketi-night-'))
  try {
    step(
      `night: preparing a ${BIG_EVENT.toLocaleString('en')}-ticket event (sold out) and a ${DOOR_EVENT.toLocaleString('en')}-ticket door`,
    )
    const prepared = prepareNight(dataDir)
    const rows: Row[] = []
    const before = process.env.TICKETI_BENCH_BEFORE
    if (before) {
      const copy = mkdtempSync(join(tmpdir(), 'ticketi-night-before-'))
      try {
        cpSync(dataDir, copy, { recursive: true })
        rows.push(...(await runNight('before', copy, prepared, step, before)))
      } finally {
        rmSync(copy, { recursive: true, force: true })
      }
    }
    rows.push(...(await runNight('', dataDir, prepared, step)))
    return rows
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

// `npx tsx bench/night.ts` runs this part alone.
if (process.argv[1]?.endsWith('night.ts')) {
  void benchNight((message) => console.log(`- ${message}`)).then(printTable)
}
