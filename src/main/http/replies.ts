// What the endpoint answers, in one place for Fastify's routes (server.ts) and the
// door's own route (door-route.ts), so a door hears the same either way.
import { ERROR_STATUS, TicketiError, type ErrorEnvelope } from '../../shared/errors'
import type { CheckInAnswer } from '../../shared/views'

/**
 * On every answer: no other page may frame the web UI (clickjacking a door or box office
 * screen), and no answer is sniffed into another type. frame-ancestors only works as a
 * header, not in a meta tag.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
}

export interface JsonReply {
  status: number
  headers: Record<string, string>
  payload: unknown
}

export function envelopeReply(envelope: ErrorEnvelope): JsonReply {
  return { status: ERROR_STATUS[envelope.code], headers: {}, payload: envelope }
}

/** A door answer other than OK is a refusal over HTTP, with the whole answer as details. */
export function checkInReply(answer: CheckInAnswer): JsonReply {
  if (answer.result === 'OK') return { status: 200, headers: {}, payload: answer }
  const reply = envelopeReply({ error: answer.message, code: answer.result, details: { ...answer } })
  if (answer.retry_after_s) reply.headers['retry-after'] = String(answer.retry_after_s)
  return reply
}

/** A body, URL or header that could not be read as the request it claims to be. */
export function unreadable(reason: string): TicketiError {
  return new TicketiError('VALIDATION', `The request could not be read: ${reason}`)
}

/** A fault of ours, not of the request: logged, and the caller told that nothing changed. */
export function internalError(): TicketiError {
  return new TicketiError('INTERNAL', 'Something went wrong inside Ticketi; nothing was changed.')
}
