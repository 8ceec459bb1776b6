// The LAN HTTP endpoint: Fastify in front of the same dispatcher IPC uses, but for the
// door's check-in, answered by a route of its own (door-route.ts).
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { networkInterfaces } from 'node:os'
import { Readable, type Duplex } from 'node:stream'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { OperationName } from '../../shared/contract'
import { ERROR_STATUS, TicketiError, type ErrorCode, type ErrorEnvelope } from '../../shared/errors'
import type { CheckInAnswer, CsvFile, HealthView, PairingView } from '../../shared/views'
import { MAX_IMPORT_BYTES } from '../../shared/guest-list'
import type { Sessions } from '../auth'
import type { Principal } from '../../shared/principal'
import type { AsyncDispatch } from '../dispatcher'
import { exportBytes } from '../exports/bytes'
import type { BuiltExport } from '../exports/build'
import { createFailureLimit, type FailureLimit } from './failure-limit'
import { doorRoute, type RequestListener } from './door-route'
import { createHostCheck, hostNameOf } from './host-check'
import { jsonInSteps } from './json-in-steps'
import { registerLiveRoute } from './live-route'
import type { LiveHub } from '../live/hub'
import { IMPORT_BODY_LIMIT_BYTES, routes, type Route, type RouteRequest } from './routes'
import {
  checkInReply,
  envelopeReply,
  internalError,
  SECURITY_HEADERS,
  unreadable,
  type JsonReply,
} from './replies'
import { registerSessionRoutes } from './session-routes'

export const API_PREFIX = '/api/v1'
/** No operation needs more: a bigger body is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 64 * 1024
/** A door's upload of 500 check-ins made offline: each up to a 64-character code and a 100-character nonce. */
const UPLOAD_LIMIT_BYTES = 512 * 1024

/** The operations that answer with a spreadsheet: sent as a CSV download, not as JSON. */
const CSV_OPERATIONS: ReadonlySet<OperationName> = new Set(['reconciliationCsv', 'doorConflictsCsv'])

export interface HttpOptions {
  dispatch: AsyncDispatch
  sessions: Sessions
  /** Failed authentications per client address; made here unless a test brings its own clock. */
  failures?: FailureLimit
  /** The built web UI, served at "/" when present. */
  rendererDir?: string
  logError?: (error: unknown) => void
  /** The host's live changes, served at GET /api/v1/live. */
  live?: LiveHub
  /** How often a quiet live stream gets a heartbeat (and its token is checked again). */
  liveHeartbeatMs?: number
  /** Whether the host can save: GET /api/v1/health. */
  health?: () => HealthView
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
}

function sendJson(reply: FastifyReply, { status, headers, payload }: JsonReply) {
  return reply.code(status).headers(headers).send(payload)
}

function sendEnvelope(reply: FastifyReply, envelope: ErrorEnvelope) {
  return sendJson(reply, envelopeReply(envelope))
}

function refuse(reply: FastifyReply, code: ErrorCode, message: string) {
  return sendEnvelope(reply, new TicketiError(code, message).toEnvelope())
}

function sendCsv(reply: FastifyReply, file: CsvFile) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .send(file.content)
}

function sendFile(reply: FastifyReply, file: BuiltExport) {
  return reply
    .header('content-type', file.content_type)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .send(Readable.from(exportBytes(file)))
}

/**
 * A request Node cannot even parse (a URL or header over 16 KiB, broken HTTP)
 * gets the same envelope as any other bad input, written straight to the socket.
 */
function refuseUnreadable(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  if (socket.writable) {
    const message =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 'The request address or headers are too long.'
        : 'The request could not be read as HTTP.'
    const body = JSON.stringify(new TicketiError('VALIDATION', message).toEnvelope())
    socket.write(
      `HTTP/1.1 ${ERROR_STATUS.VALIDATION} Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}

/** The largest body a route takes: its own limit, an upload's, or the endpoint's. */
function bodyLimitOf(route: Route): number {
  return route.bodyLimit ?? (route.operation === 'uploadCheckIns' ? UPLOAD_LIMIT_BYTES : BODY_LIMIT_BYTES)
}

/** The node:http server Fastify itself would make, with its timeouts (lib/server.js). */
function serverAsFastifyMakesIt(listener: RequestListener, options: Record<string, unknown>): Server {
  const server = createServer(listener)
  server.keepAliveTimeout = options.keepAliveTimeout as number
  server.requestTimeout = options.requestTimeout as number
  server.setTimeout(options.connectionTimeout as number)
  const perSocket = options.maxRequestsPerSocket as number | null
  if (perSocket && perSocket > 0) server.maxRequestsPerSocket = perSocket
  return server
}

type JsonParser = (request: null, body: string, done: (error: Error | null, value?: unknown) => void) => void

/** Fastify's JSON parser answers through a callback, at once: its value, or its error thrown. */
function parsedBy(parser: JsonParser, text: string): unknown {
  let parsed: { value?: unknown; error?: Error | null } | null = null
  parser(null, text, (error, value) => {
    parsed = { error, value }
  })
  if (!parsed) throw new Error('The JSON parser did not answer at once.')
  const { error, value } = parsed as { value?: unknown; error?: Error | null }
  if (error) throw error
  return value
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1'])

/** A LAN address of this laptop that another station can reach, preferring IPv4. */
function lanAddress(): string | null {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? [])
  return addresses.find((a) => !a.internal && a.family === 'IPv4')?.address ?? null
}

export function createHttpServer({
  dispatch,
  sessions,
  failures = createFailureLimit(),
  rendererDir,
  logError = console.error,
  live,
  liveHeartbeatMs,
  health = () => ({ status: 'ok' }),
}: HttpOptions): FastifyInstance {
  // Requests reach the door's own route first (set below, once the app exists); it hands
  // Fastify every request that is not a plain check-in.
  let fastify!: RequestListener
  let closing = false
  const app = Fastify({
    serverFactory: (handler, options) => {
      fastify = handler
      return serverAsFastifyMakesIt((request, response) => answerRequest(request, response), options)
    },
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    // Any id Node lets through reaches its route and is refused there by the schema, the same
    // way whether or not the web UI's catch-all route is registered.
    routerOptions: { maxParamLength: 16 * 1024 },
    // A malformed or overlong URL is refused before routing, with our envelope rather than Fastify's.
    frameworkErrors: (error, _request, reply) => sendEnvelope(reply, unreadable(error.message).toEnvelope()),
    clientErrorHandler: refuseUnreadable,
  })
  app.decorateRequest('principal', null)

  const listening = () => {
    const address = app.server.address()
    return typeof address === 'object' && address ? address : null
  }
  const isOwnHost = createHostCheck(() => listening()?.address ?? null)

  // Before anything else, the web UI included: a page of a stranger's site that rebound its
  // name to this laptop gets nothing here, not even the login screen.
  app.addHook('onRequest', async (request, reply) => {
    if (isOwnHost(request.headers.host)) return
    return refuse(
      reply,
      'WRONG_HOST',
      'This request was addressed to another host name; open Ticketi by its own address (or localhost).',
    )
  })

  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS)
  })

  /** An address that failed to authenticate too often is refused outright for the rest of the minute. */
  function refuseIfBlocked(request: FastifyRequest, reply: FastifyReply) {
    const seconds = failures.blockedFor(request.ip)
    if (seconds === null) return false
    reply.header('retry-after', String(seconds))
    refuse(reply, 'THROTTLED', `Too many failed sign-ins from this address. Try again in ${seconds} s.`)
    return true
  }

  // Every API route but health carries this hook, so the check follows the route
  // the router matched (after decoding the URL), never a prefix of the raw path.
  async function requireToken(request: FastifyRequest, reply: FastifyReply) {
    if (refuseIfBlocked(request, reply)) return reply
    const authorization = request.headers.authorization
    const caller = await sessions.authenticate(authorization)
    request.principal = caller.who
    if (!caller.who) {
      // A missing token is a page that has not signed in yet, and an expired or revoked one was
      // ours once; any other token is a guess.
      if (authorization !== undefined && !caller.issued) failures.failed(request.ip)
      reply.header('www-authenticate', 'Bearer')
      return refuse(
        reply,
        'UNAUTHORIZED',
        'A valid station token is needed: send "Authorization: Bearer <token>".',
      )
    }
  }

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode ?? 500
    if (status === 413) {
      const limit = request.routeOptions.bodyLimit ?? BODY_LIMIT_BYTES
      return refuse(
        reply,
        'PAYLOAD_TOO_LARGE',
        limit > BODY_LIMIT_BYTES
          ? `The file is too large: a guest list can be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`
          : `The request body is larger than ${limit} bytes.`,
      )
    }
    if (status === 415)
      return refuse(reply, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.')
    if (status >= 400 && status < 500) return sendEnvelope(reply, unreadable(error.message).toEnvelope())
    logError(error)
    return sendEnvelope(reply, internalError().toEnvelope())
  })

  app.setNotFoundHandler(async (request, reply) => {
    // Without a token, a made-up API path gets 401 like a real one: strangers cannot map the routes.
    if (request.url.startsWith('/api/')) await requireToken(request, reply)
    if (reply.sent) return reply
    return refuse(reply, 'NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]} here.`)
  })

  // Still 200 when the disk is full: the host answers (stations that look for it must find it), it only cannot save.
  app.get(`${API_PREFIX}/health`, async () => health())

  app.register(async (sessionRoutes) => {
    sessionRoutes.addHook('onRequest', async (request, reply) => {
      if (refuseIfBlocked(request, reply)) return reply
    })
    registerSessionRoutes(sessionRoutes, API_PREFIX, {
      sessions,
      failures,
      refuse: (_request, r, error) => sendEnvelope(r, error.toEnvelope()),
    })
  })

  /**
   * The join screen of this host's web UI with the code filled in, at an address another
   * station can reach: the one the admin used, unless that was this laptop's own loopback.
   */
  function joinUrl(request: FastifyRequest, code: string): string {
    const address = listening()
    const port = address?.port ?? 80
    const bound = address?.address ?? '127.0.0.1'
    const asked = hostNameOf(request.headers.host ?? '')
    let name = bound
    if (bound === '0.0.0.0' || bound === '::') {
      name = asked && !LOOPBACK.has(asked) ? asked : (lanAddress() ?? '127.0.0.1')
    }
    const host = name.includes(':') ? `[${name}]` : name
    return `http://${host}:${port}/#/join?code=${code}`
  }

  /** What an operation answers over HTTP: a pairing gains the link it can be joined by. */
  function present(name: string, value: unknown, request: FastifyRequest): unknown {
    if (name !== 'createPairing') return value
    const made = value as PairingView
    return { ...made, join_url: joinUrl(request, made.pairing_code) }
  }

  for (const route of routes) {
    app.route({
      method: route.method,
      url: `${API_PREFIX}${route.url}`,
      onRequest: requireToken,
      bodyLimit: bodyLimitOf(route),
      handler: (request, reply) => answer(route, request, request.principal!, reply),
    })
  }

  if (live) {
    registerLiveRoute(app, API_PREFIX, {
      hub: live,
      dispatch,
      sessions,
      requireToken,
      sendEnvelope,
      heartbeatMs: liveHeartbeatMs,
    })
  }

  // The web UI's transport: any operation by name, its input as the body, the answer as it is
  // (a door answer other than OK is still 200 here, since the screen shows every answer).
  async function byName(name: string, request: FastifyRequest, reply: FastifyReply) {
    const outcome = await dispatch(name, request.body ?? {}, request.principal!)
    if (!outcome.ok) return sendEnvelope(reply, outcome.error)
    if (name === 'exportReport' || name === 'checkinsCsv') {
      // A file of 10 MB, held in pieces: its JSON is written in steps.
      return reply.type('application/json; charset=utf-8').send(jsonInSteps(outcome.value as object))
    }
    return reply.send(present(name, outcome.value, request))
  }
  app.post<{ Params: { name: string } }>(`${API_PREFIX}/operations/:name`, {
    onRequest: requireToken,
    handler: (request, reply) => byName(request.params.name, request, reply),
  })
  // The operations whose input is larger (a file, a door's queue): a fixed route wins over the parametric one.
  for (const [name, bodyLimit] of [
    ['importGuestList', IMPORT_BODY_LIMIT_BYTES],
    ['uploadCheckIns', UPLOAD_LIMIT_BYTES],
  ] as const) {
    app.post(`${API_PREFIX}/operations/${name}`, {
      onRequest: requireToken,
      bodyLimit,
      handler: (request, reply) => byName(name, request, reply),
    })
  }

  async function answer(route: Route, request: FastifyRequest, who: Principal, reply: FastifyReply) {
    let input: unknown
    try {
      input = route.input(request as unknown as RouteRequest)
    } catch (error) {
      if (error instanceof TicketiError) return sendEnvelope(reply, error.toEnvelope())
      throw error
    }
    const outcome = await dispatch(route.operation, input, who)
    if (!outcome.ok) return sendEnvelope(reply, outcome.error)
    if (route.operation === 'checkIn') return sendJson(reply, checkInReply(outcome.value as CheckInAnswer))
    if (CSV_OPERATIONS.has(route.operation)) return sendCsv(reply, outcome.value as CsvFile)
    if (route.operation === 'exportReport') return sendFile(reply, outcome.value as BuiltExport)
    return reply.code(route.created ? 201 : 200).send(present(route.operation, outcome.value, request))
  }

  const checkInRoute = routes.find((route) => route.operation === 'checkIn')!
  // Poisoned keys refused, as Fastify's own options do; it is the callback form (lib/content-type-parser.js).
  const parseJson = app.getDefaultJsonParser('error', 'error') as unknown as JsonParser
  const answerRequest = doorRoute(
    {
      path: `${API_PREFIX}${checkInRoute.url}`,
      input: checkInRoute.input,
      dispatch,
      sessions,
      bodyLimit: bodyLimitOf(checkInRoute),
      isOwnHost,
      isBlocked: (address) => failures.blockedFor(address) !== null,
      parseJson: (text) => parsedBy(parseJson, text),
      isClosing: () => closing,
      logError,
    },
    fastify,
  )
  // From here on Fastify answers 503 to any request, and so the door's route hands them all on.
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })

  if (rendererDir && existsSync(rendererDir)) {
    app.register(fastifyStatic, { root: rendererDir, prefix: '/' })
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The Ticketi web UI is not built yet: run "npm run build", then start the host again.'),
    )
  }
  return app
}
