// The door's own route inside the real host: a plain check-in never reaches Fastify,
// and every answer it gives is the answer Fastify's route gives the same request.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TicketView } from '../../shared/views'
import { api, seededEvent, startTestHost, type HttpAnswer, type TestHost } from '../../../test/support/host'

// Every request the door's route hands on to Fastify, by its URL.
const handedOn = vi.hoisted(() => [] as string[])
vi.mock('./door-route', async (importOriginal) => {
  const real = await importOriginal<typeof import('./door-route')>()
  return {
    ...real,
    doorRoute: (...[options, fastify]: Parameters<typeof real.doorRoute>) =>
      real.doorRoute(options, (request, response) => {
        handedOn.push(request.url ?? '')
        fastify(request, response)
      }),
  }
})

const DOOR_ROUTE = '/api/v1/checkin'
/** The same route, with a query string the door's route leaves to Fastify. */
const FASTIFY_ROUTE = '/api/v1/checkin?via=fastify'

let t: TestHost
let doorToken: string
let eventId: number
let tickets: TicketView[]

beforeEach(async () => {
  t = await startTestHost()
  const http = api(t)
  ;({ eventId } = await seededEvent(t, 10))
  doorToken = (await http.createStation({ name: 'Door 1', role: 'door' })).token
  const sale = await http.assign({
    event_id: eventId,
    customer: { name: 'Ann Example', email: 'ann@example.com' },
    quantity: 4,
  })
  tickets = sale.tickets
  handedOn.length = 0
})
afterEach(() => t.dispose())

function post(path: string, body: string) {
  return t.request('POST', path, {
    raw: body,
    headers: { 'content-type': 'application/json' },
    token: doorToken,
  })
}

/** What a station can tell apart in two answers: status, headers but the date, and the body. */
function seen(answer: HttpAnswer, ticketIds: number[]) {
  const headers = Object.fromEntries([...answer.headers].filter(([name]) => name !== 'date'))
  // The two requests were about two tickets and logged two check-ins: those ids differ.
  const text = ticketIds.reduce(
    (out, id) => out.replaceAll(`"id":${id},`, '"id":"<ticket>",'),
    answer.text
      .replace(/"checkin_id":\d+/, '"checkin_id":"<id>"')
      .replace(/"uuid":"[0-9a-f-]+"/g, '"uuid":"<uuid>"')
      .replace(/"short_code":"\d+"/g, '"short_code":"<code>"'),
  )
  return { status: answer.status, headers: { ...headers, 'content-length': '<n>' }, text }
}

describe("the door's own route in the host", () => {
  it('answers a plain check-in without Fastify', async () => {
    const answer = await post(DOOR_ROUTE, JSON.stringify({ event_id: eventId, code: tickets[0]!.short_code }))
    expect(answer.status).toBe(200)
    expect(handedOn).toEqual([])
    await post(FASTIFY_ROUTE, JSON.stringify({ event_id: eventId, code: tickets[1]!.short_code }))
    expect(handedOn).toEqual([FASTIFY_ROUTE])
  })

  const twins: Array<[string, (code: string) => string]> = [
    ['a welcome', (code) => JSON.stringify({ event_id: eventId, code })],
    ['an input the schema refuses', (code) => JSON.stringify({ event_id: eventId, code, direction: 'up' })],
    ['broken JSON', () => '{"event_id": 1, '],
    ['a body that is not an object', () => '[1]'],
    [
      'a __proto__ key',
      (code) => `{"__proto__": {"role": "admin"}, "event_id": ${eventId}, "code": "${code}"}`,
    ],
    [
      'a constructor key',
      (code) => `{"constructor": {"prototype": {}}, "event_id": ${eventId}, "code": "${code}"}`,
    ],
  ]
  it.each(twins)('answers %s as Fastify does', async (_name, body) => {
    const [mine, theirs] = [tickets[0]!, tickets[1]!]
    const door = await post(DOOR_ROUTE, body(mine.short_code!))
    const fastify = await post(FASTIFY_ROUTE, body(theirs.short_code!))
    expect(seen(door, [mine.id])).toEqual(seen(fastify, [theirs.id]))
    expect(handedOn).toEqual([FASTIFY_ROUTE])
  })

  it('answers a duplicate as Fastify does', async () => {
    const body = JSON.stringify({ event_id: eventId, code: tickets[2]!.short_code })
    await post(DOOR_ROUTE, body)
    const door = await post(DOOR_ROUTE, body)
    const fastify = await post(FASTIFY_ROUTE, body)
    expect(door.status).toBe(409)
    expect(seen(door, [])).toEqual(seen(fastify, []))
  })
})
