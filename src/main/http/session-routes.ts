// The routes a station calls without an access token: pairing, refresh and
// signing out. A browser asks for its refresh token as an HttpOnly,
// SameSite=Strict cookie ("cookie": true), so no page script ever sees it;
// other clients get it in the answer and send it back in the body.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ERROR_STATUS, TicketiError } from '../../shared/errors'
import type { StationSession } from '../../shared/views'
import { REFRESH_TTL_MS, type Sessions } from '../auth'
import type { FailureLimit } from './failure-limit'

export const REFRESH_COOKIE = 'ticketi_refresh'
/** The cookie goes only to the session routes, never with an ordinary API call. */
const COOKIE_PATH = '/api/v1/session'

const pairInput = z.strictObject({
  // Any other string is a wrong code (401 below), not a malformed request.
  pairing_code: z.string().max(100),
  cookie: z.boolean().optional(),
})
const refreshInput = z.strictObject({
  refresh_token: z.string().min(1).max(200).optional(),
  cookie: z.boolean().optional(),
})

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

function setRefreshCookie(reply: FastifyReply, token: string | null) {
  const value = token ?? ''
  const maxAge = token ? Math.floor(REFRESH_TTL_MS / 1000) : 0
  reply.header(
    'set-cookie',
    `${REFRESH_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict`,
  )
}

export function registerSessionRoutes(
  app: FastifyInstance,
  prefix: string,
  {
    sessions,
    failures,
    refuse,
  }: {
    sessions: Sessions
    failures: FailureLimit
    refuse(request: FastifyRequest, reply: FastifyReply, error: TicketiError): FastifyReply
  },
) {
  /** Parses the body, or refuses it; a refusal of the credential itself counts against the address. */
  function parse<T>(schema: z.ZodType<T>, request: FastifyRequest, reply: FastifyReply): T | null {
    const parsed = schema.safeParse(request.body ?? {})
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]!
    refuse(
      request,
      reply,
      new TicketiError('VALIDATION', `${issue.path.join('.') || 'body'}: ${issue.message}`),
    )
    return null
  }

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    inCookie: boolean,
    issue: () => Promise<StationSession & { refresh_token: string }>,
  ) {
    try {
      const session = await issue()
      if (!inCookie) return reply.code(status).send(session)
      setRefreshCookie(reply, session.refresh_token)
      const { refresh_token: _inTheCookie, ...rest } = session
      return reply.code(status).send(rest)
    } catch (error) {
      if (!(error instanceof TicketiError)) throw error
      if (ERROR_STATUS[error.code] === 401) {
        // A code or token this host never gave out is a guess; the details say which it was.
        const details = error.details
        if (details && !Array.isArray(details) && details.issued === false) failures.failed(request.ip)
        if (inCookie) setRefreshCookie(reply, null)
      }
      return refuse(request, reply, new TicketiError(error.code, error.message))
    }
  }

  app.post(`${prefix}/session/pair`, async (request, reply) => {
    const input = parse(pairInput, request, reply)
    if (!input) return reply
    return answer(request, reply, 201, input.cookie === true, () => sessions.pair(input.pairing_code))
  })

  app.post(`${prefix}/session/refresh`, async (request, reply) => {
    const input = parse(refreshInput, request, reply)
    if (!input) return reply
    const token = input.refresh_token ?? cookieValue(request.headers.cookie, REFRESH_COOKIE)
    if (!token) {
      // Nothing to check, so nothing was guessed: a browser that never paired asks here on every load.
      return refuse(
        request,
        reply,
        new TicketiError('UNAUTHORIZED', 'This browser is not paired with the host yet.'),
      )
    }
    return answer(request, reply, 200, input.cookie === true || !input.refresh_token, () =>
      sessions.refresh(token),
    )
  })

  app.post(`${prefix}/session/end`, async (request, reply) => {
    const input = parse(refreshInput, request, reply)
    if (!input) return reply
    const token = input.refresh_token ?? cookieValue(request.headers.cookie, REFRESH_COOKIE)
    if (token) sessions.end(token)
    setRefreshCookie(reply, null)
    return reply.code(200).send({ signed_out: true })
  })
}
