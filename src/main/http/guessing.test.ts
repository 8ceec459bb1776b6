// Code guessing through the real LAN host (SPEC §4): on a 300-ticket event with
// 3-digit codes, door tokens guess for 40 s as fast as the host lets them, on a
// clock the test moves by the waits the host imposes. An honest busy door with
// typos, and a scanned ticket, are never held up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ErrorEnvelope } from '../../shared/errors'
import type { CheckInAnswer, DoorCounts, Reconciliation } from '../../shared/views'
import { ADMIN } from '../../../test/support/core'
import { api, seededEvent, startTestHost, type HttpAnswer, type TestHost } from '../../../test/support/host'

type DoorAnswer = HttpAnswer<CheckInAnswer & ErrorEnvelope & { details: CheckInAnswer }>

const TICKETS = 300
/** What one request costs on the test's clock. */
const REQUEST_MS = 10

let clock: number
let t: TestHost
let eventId: number
/** Every sold ticket: its code, uuid and holder, to look for in answers. */
let sold: Array<{ code: string; uuid: string; holder: string }>
let unsold: string[]

beforeEach(async () => {
  clock = Date.parse('2026-12-01T19:00:00Z')
  t = await startTestHost(undefined, { clock: () => clock })
  ;({ eventId } = await seededEvent(t, TICKETS, { capacity: TICKETS, code_length: 3 }))
  const sales = t.host.core.dispatchTogether(
    Array.from({ length: TICKETS }, (_, i) => ({
      name: 'assign',
      input: { event_id: eventId, customer: { name: `Guest Number ${i}`, email: `guest${i}@example.com` } },
      who: ADMIN,
    })),
  )
  sold = sales.map((sale, i) => {
    if (!sale.ok) throw new Error(sale.error.error)
    const [ticket] = (sale.value as { tickets: Array<{ short_code: string; uuid: string }> }).tickets
    return { code: ticket!.short_code, uuid: ticket!.uuid, holder: `Guest Number ${i}` }
  })
  const taken = new Set(sold.map((s) => s.code))
  unsold = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')).filter((c) => !taken.has(c))
})
afterEach(() => t.dispose())

async function doorTokens(count: number): Promise<string[]> {
  const http = api(t)
  const tokens: string[] = []
  for (let i = 1; i <= count; i++)
    tokens.push((await http.createStation({ name: `Door ${i}`, role: 'door' })).token)
  return tokens
}

function checkIn(code: string, token: string): Promise<DoorAnswer> {
  return t.request('POST', '/api/v1/checkin', {
    json: { event_id: eventId, code },
    token,
  }) as Promise<DoorAnswer>
}

/** No refusal names a guest or carries a ticket's uuid, whatever code it answered. */
function expectNobodyNamed(answer: DoorAnswer) {
  if (answer.status === 200) return
  expect(answer.body.details.ticket).toBeNull()
  expect(answer.text).not.toMatch(/Guest Number/)
  expect(answer.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
}

/**
 * Stations guessing together for `seconds`: each tries the next code as soon as the host
 * allows, the real codes coming up at the positions `hits` of every ten guesses (3 of 10 is
 * this event's density). A THROTTLED station waits its Retry-After on the clock.
 */
async function guess(tokens: string[], seconds: number, hits: number[]) {
  const codes = { real: sold.map((s) => s.code), fake: [...unsold] }
  const readyAt = tokens.map(() => clock)
  const guesses = tokens.map(() => 0)
  const end = clock + seconds * 1000
  let admitted = 0
  let throttled = 0
  const refusals: Record<string, number> = {}
  for (;;) {
    const station = readyAt.indexOf(Math.min(...readyAt))
    if (readyAt[station]! > end) break
    clock = readyAt[station]!
    const real = hits.includes(guesses[station]! % 10)
    const code = (real ? codes.real : codes.fake).shift()!
    const answer = await checkIn(code, tokens[station]!)
    expectNobodyNamed(answer)
    if (answer.body.code === 'THROTTLED') {
      // Not a guess: the same code comes up again once the wait is over.
      ;(real ? codes.real : codes.fake).unshift(code)
      throttled++
      readyAt[station] = clock + Number(answer.headers.get('retry-after')) * 1000
    } else {
      guesses[station]!++
      if (answer.status === 200) admitted++
      else refusals[answer.body.code] = (refusals[answer.body.code] ?? 0) + 1
      readyAt[station] = clock + REQUEST_MS
    }
  }
  return { admitted, throttled, refusals, guesses: guesses.reduce((a, b) => a + b, 0) }
}

describe('guessing codes with door tokens for 40 s', () => {
  it.each([
    ['at the event’s density (3 in 10)', [2, 5, 8]],
    ['with luck (1 in 2)', [1, 3, 5, 7, 9]],
  ])('one station wins at most 6 admissions, %s', async (_, hits) => {
    const [token] = await doorTokens(1)
    const result = await guess([token!], 40, hits)
    expect(result.refusals.UNKNOWN).toBeGreaterThan(0)
    expect(result.throttled).toBeGreaterThan(0)
    expect(result.admitted).toBeLessThanOrEqual(6)
  })

  it.each([
    ['at the event’s density (3 in 10)', [2, 5, 8]],
    ['with luck (1 in 2)', [1, 3, 5, 7, 9]],
  ])('five stations together win at most 12, %s', async (_, hits) => {
    const tokens = await doorTokens(5)
    const result = await guess(tokens, 40, hits)
    expect(result.admitted).toBeLessThanOrEqual(12)
  })

  it('the door and Reports warn of the guessing station, and a scanned ticket still goes in', async () => {
    const [honest, guesser] = await doorTokens(2)
    expect((await checkIn(sold[0]!.code, honest!)).status).toBe(200)
    await guess([guesser!], 40, [2, 5, 8])
    const counts = (
      await t.request<DoorCounts>('GET', `/api/v1/reports/door-counts?event_id=${eventId}`, {
        token: honest,
      })
    ).body
    expect(counts.guessing).toEqual([
      expect.objectContaining({
        station: 'Door 2',
        misses: expect.any(Number),
        admissions: expect.any(Number),
      }),
    ])
    expect(counts.guessing[0]!.misses).toBeGreaterThanOrEqual(5)
    const report = await api(t).reconciliation(eventId)
    expect((report as Reconciliation).guessing.map((g) => g.station)).toEqual(['Door 2'])

    // The guesser is held up now, but a scanned uuid is not.
    const typed = await checkIn(sold[299]!.code, guesser!)
    expect(typed.body.code).toBe('THROTTLED')
    const scanned = await checkIn(sold[299]!.uuid, guesser!)
    expect(scanned.status).toBe(200)
    expect(scanned.body.ticket).toMatchObject({ uuid: sold[299]!.uuid, holder_name: 'Guest Number 299' })
  })
})

describe('a restarted host', () => {
  it('still holds up the guessing station: the pacing is replayed from the check-in log', async () => {
    const [token] = await doorTokens(1)
    await guess([token!], 20, [2, 5, 8])
    expect((await checkIn(unsold[600]!, token!)).body.code).toBe('THROTTLED')
    const first = t
    await first.stop()
    t = await startTestHost(first.dataDir, { clock: () => clock })
    try {
      const again = await checkIn(unsold[600]!, token!)
      expect(again.body.code).toBe('THROTTLED')
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0)
    } finally {
      await t.stop()
      t = first // its dispose() removes the data folder
    }
  })
})

describe('an honest busy door', () => {
  it('mistyping five times a minute for 5 minutes is never held up, nor warned of', async () => {
    const [token] = await doorTokens(1)
    let guest = 1
    const refused: string[] = []
    // A guest every 3 s; every third one's code is mistyped first and typed again 3 s later.
    for (let second = 0; second < 5 * 60; second += 3) {
      const right = sold[guest]!
      if (guest % 3 === 0) {
        const typo = await checkIn(unsold[guest]!, token!)
        expect(typo.body.code).toBe('UNKNOWN')
        expectNobodyNamed(typo)
        clock += 3000
        second += 3
      }
      const answer = await checkIn(right.code, token!)
      if (answer.status !== 200) refused.push(`${second}s ${answer.body.code}`)
      guest++
      clock += 3000
    }
    expect(refused).toEqual([])
    expect(guest).toBeGreaterThan(60)
    const counts = await t.request<DoorCounts>('GET', `/api/v1/reports/door-counts?event_id=${eventId}`, {
      token,
    })
    expect(counts.body.guessing).toEqual([])
  })

  it('a guest who mistypes three times in a row waits seconds, not a minute', async () => {
    const [token] = await doorTokens(1)
    const started = clock
    /** Types a code as a volunteer does: 3 s after the last one, and again after any wait asked. */
    async function type(code: string): Promise<DoorAnswer> {
      clock += 3000
      for (;;) {
        const answer = await checkIn(code, token!)
        if (answer.body.code !== 'THROTTLED') return answer
        clock += Number(answer.headers.get('retry-after')) * 1000
      }
    }
    for (let i = 0; i < 3; i++) expect((await type(unsold[i]!)).body.code).toBe('UNKNOWN')
    expect((await type(sold[0]!.code)).status).toBe(200)
    // Four codes typed 3 s apart take 12 s; the waits add a few seconds to that.
    expect(clock - started).toBeLessThanOrEqual(20_000)
  })
})
