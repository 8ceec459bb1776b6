// GET /api/v1/live?event_id=: the host's changes as Server-Sent Events (SPEC §5.1).
// Authenticated like every route, with the Authorization header: the web UI
// reads the stream with fetch, so no token ever goes into a URL (and a server log).
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { TicketiError, type ErrorEnvelope } from '../../shared/errors'
import type { Sessions } from '../auth'
import type { AsyncDispatch } from '../dispatcher'
import { frameText, type LiveHub } from '../live/hub'

export const HEARTBEAT_MS = 15_000
/** A station that stops reading is cut off rather than held in memory; it resumes on reconnect. */
const MAX_UNREAD_BYTES = 1024 * 1024

export interface LiveRouteOptions {
  hub: LiveHub
  dispatch: AsyncDispatch
  sessions: Sessions
  requireToken: onRequestHookHandler
  sendEnvelope(reply: FastifyReply, envelope: ErrorEnvelope): unknown
  heartbeatMs?: number
}

interface Listening {
  authorization: string | undefined
  reply: FastifyReply
  end(): void
}

function parseQuery(request: FastifyRequest): { eventId: number | null; lastId: number | null } {
  const query = request.query as Record<string, unknown>
  const lastText = request.headers['last-event-id'] ?? query.last_event_id
  const eventText = query.event_id
  if (eventText !== undefined && (typeof eventText !== 'string' || !/^\d{1,15}$/.test(eventText))) {
    throw new TicketiError('VALIDATION', 'event_id: must be the number of an event', [
      { path: 'event_id', message: 'must be the number of an event' },
    ])
  }
  if (lastText !== undefined && (typeof lastText !== 'string' || !/^\d{1,15}$/.test(lastText))) {
    throw new TicketiError('VALIDATION', 'Last-Event-ID: must be the id of an earlier live event', [
      { path: 'last_event_id', message: 'must be the id of an earlier live event' },
    ])
  }
  return {
    eventId: eventText === undefined ? null : Number(eventText),
    lastId: lastText === undefined ? null : Number(lastText),
  }
}

export function registerLiveRoute(app: FastifyInstance, prefix: string, options: LiveRouteOptions): void {
  const { hub, dispatch, sessions, sendEnvelope } = options
  const open = new Set<Listening>()

  // One timer for every stream: a comment keeps proxies and the station's own timeout from
  // closing a quiet stream, and each stream's token is checked again (a signed-out session).
  const heartbeat = setInterval(() => {
    for (const listening of open) {
      listening.reply.raw.write(': heartbeat\n\n')
      void sessions.authenticate(listening.authorization, { stillValid: true }).then(
        (caller) => caller.who || listening.end(),
        () => listening.end(),
      )
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS)
  heartbeat.unref()
  app.addHook('preClose', async () => {
    clearInterval(heartbeat)
    for (const listening of [...open]) listening.end()
  })

  app.get(`${prefix}/live`, {
    onRequest: options.requireToken,
    handler: async (request, reply) => {
      let asked
      try {
        asked = parseQuery(request)
      } catch (error) {
        return sendEnvelope(reply, (error as TicketiError).toEnvelope())
      }
      const { eventId, lastId } = asked
      if (eventId !== null) {
        // The caller's own role and the usual answer for an event that does not exist.
        const found = await dispatch('getEvent', { event_id: eventId }, request.principal!)
        if (!found.ok) return sendEnvelope(reply, found.error)
      }
      const raw = reply.raw
      reply.hijack()
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'content-security-policy': "frame-ancestors 'none'",
      })
      raw.write('retry: 1000\n\n')
      const now = hub.lastId()
      const replay = lastId === null ? [] : hub.framesAfter(lastId, eventId)
      if (replay === null) {
        raw.write(
          frameText(now, 'reset', {
            last_event_id: now,
            reason: 'The changes since then are no longer kept; reload everything.',
          }),
        )
      } else {
        raw.write(replay.map((f) => f.text).join('') + frameText(now, 'ready', { last_event_id: now }))
      }

      let closed = false
      const listening: Listening = {
        authorization: request.headers.authorization,
        reply,
        end: () => {
          if (closed) return
          closed = true
          close()
          open.delete(listening)
          raw.end()
        },
      }
      const close = hub.open(
        {
          eventId,
          station: request.principal!.station,
          send: (text) => {
            raw.write(text)
            if (raw.writableLength > MAX_UNREAD_BYTES) raw.destroy()
          },
          end: listening.end,
        },
        now,
      )
      open.add(listening)
      raw.on('close', () => {
        closed = true
        close()
        open.delete(listening)
      })
    },
  })
}
