// POST /api/v1/checkin answered straight on node:http. It is the request every door
// sends for every guest, and it needs few of Fastify's steps (hooks, routing, content-type
// parsing, the reply's own): answered here, a check-in costs the host's main thread 3 to
// 4% less, and 20 doors back to back get 3 to 10% more through (BENCHMARKS.md, "A tenth
// round: the door's own route").
//
// Only the plain request is answered here: addressed to one of this laptop's own names,
// from an address that is not blocked, with a token that authenticates, and a JSON body
// of stated length within the limit. Any other request, and every request once the
// endpoint is closing, goes on to Fastify with its body unread, and is answered there
// as any request is: the rules for refusing live in one place.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Sessions } from '../auth'
import type { AsyncDispatch } from '../dispatcher'
import type { Principal } from '../../shared/principal'
import type { CheckInAnswer } from '../../shared/views'
import { TicketiError } from '../../shared/errors'
import type { RouteRequest } from './routes'
import {
  checkInReply,
  envelopeReply,
  internalError,
  SECURITY_HEADERS,
  unreadable,
  type JsonReply,
} from './replies'

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void

export interface DoorRouteOptions {
  /** The route's full path, e.g. "/api/v1/checkin". */
  path: string
  /** The check-in route's own mapping of a request onto the operation's input (routes.ts). */
  input(request: RouteRequest): unknown
  dispatch: AsyncDispatch
  sessions: Pick<Sessions, 'authenticate'>
  bodyLimit: number
  isOwnHost(host: string | undefined): boolean
  isBlocked(address: string): boolean
  /** The endpoint's own JSON parser: the same refusals for a poisoned or broken body. */
  parseJson(body: string): unknown
  isClosing(): boolean
  logError(error: unknown): void
}

/** JSON, and UTF-8 if a charset is named: anything else is for Fastify's parsers to judge. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset=utf-8\s*)?$/i
const LENGTH = /^\d{1,9}$/

function isPlain(
  request: IncomingMessage,
  { path, bodyLimit, isOwnHost, isBlocked, isClosing }: DoorRouteOptions,
) {
  const { headers } = request
  const length = headers['content-length']
  return (
    request.method === 'POST' &&
    request.url === path &&
    !isClosing() &&
    isOwnHost(headers.host) &&
    !isBlocked(request.socket.remoteAddress ?? '') &&
    PLAIN_JSON.test(headers['content-type'] ?? '') &&
    headers['transfer-encoding'] === undefined &&
    length !== undefined &&
    LENGTH.test(length) &&
    Number(length) > 0 &&
    Number(length) <= bodyLimit
  )
}

/** The body as text, or null when the station went away before sending all of it. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', () => resolve(null))
  })
}

function send(response: ServerResponse, { status, headers, payload }: JsonReply) {
  const body = JSON.stringify(payload)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...SECURITY_HEADERS,
    ...headers,
  })
  response.end(body)
}

/** The station's answer to a body read in full: a check-in's, or why there was none. */
async function answer(options: DoorRouteOptions, text: string, who: Principal): Promise<JsonReply> {
  let body: unknown
  try {
    body = options.parseJson(text)
  } catch (error) {
    const reply = envelopeReply(unreadable((error as Error).message).toEnvelope())
    // As Fastify ends a connection whose body it could not parse.
    reply.headers.connection = 'close'
    return reply
  }
  let input: unknown
  try {
    input = options.input({ params: {}, query: {}, body })
  } catch (error) {
    if (error instanceof TicketiError) return envelopeReply(error.toEnvelope())
    throw error
  }
  const outcome = await options.dispatch('checkIn', input, who)
  if (!outcome.ok) return envelopeReply(outcome.error)
  return checkInReply(outcome.value as CheckInAnswer)
}

/** Answers the door's plain check-ins, and hands every other request to `fastify`. */
export function doorRoute(options: DoorRouteOptions, fastify: RequestListener): RequestListener {
  async function checkIn(request: IncomingMessage, response: ServerResponse) {
    const caller = await options.sessions.authenticate(request.headers.authorization)
    // Refused by Fastify, which counts a guessed token against the address.
    if (!caller.who) return fastify(request, response)
    const body = await readBody(request)
    if (body === null) return
    send(response, await answer(options, body, caller.who))
  }
  return (request, response) => {
    if (!isPlain(request, options)) return fastify(request, response)
    checkIn(request, response).catch((error: unknown) => {
      options.logError(error)
      if (!response.headersSent) send(response, envelopeReply(internalError().toEnvelope()))
    })
  }
}
