// The door's own route in front of a stand-in for Fastify: the plain check-in is
// answered here, and every other request reaches the stand-in with its body unread.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ERROR_STATUS, TicketiError, type ErrorEnvelope } from '../../shared/errors'
import type { Principal } from '../../shared/principal'
import type { CheckInAnswer } from '../../shared/views'
import type { AsyncDispatch } from '../dispatcher'
import { doorRoute, type DoorRouteOptions } from './door-route'
import { routes } from './routes'

const PATH = '/api/v1/checkin'
const DOOR: Principal = { role: 'door', station: 'station:1', operator: 'Door 1' }
const TOKEN = 'door-token'
const FELL_THROUGH = 299

const welcome: CheckInAnswer = {
  result: 'OK',
  direction: 'in',
  message: 'Welcome, Ann!',
  ticket: null,
  checkin_id: 7,
}

interface Sent {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

let server: Server
let port: number
let dispatch: ReturnType<typeof vi.fn<AsyncDispatch>>
let logError: ReturnType<typeof vi.fn<(error: unknown) => void>>
let blocked: boolean
let closing: boolean

beforeEach(async () => {
  dispatch = vi.fn<AsyncDispatch>(async () => ({ ok: true, value: welcome }))
  logError = vi.fn<(error: unknown) => void>()
  blocked = false
  closing = false
  const options: DoorRouteOptions = {
    path: PATH,
    input: routes.find((route) => route.operation === 'checkIn')!.input,
    dispatch,
    sessions: {
      authenticate: async (authorization) =>
        authorization === `Bearer ${TOKEN}` ? { who: DOOR } : { who: null, issued: false },
    },
    bodyLimit: 1024,
    isOwnHost: (host) => host?.startsWith('127.0.0.1:') ?? false,
    isBlocked: () => blocked,
    parseJson: (text) => JSON.parse(text) as unknown,
    isClosing: () => closing,
    logError,
  }
  // The stand-in reads the whole body and says what it got: proof that it was left unread.
  const fastify = doorRoute(options, (request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => response.writeHead(FELL_THROUGH).end(Buffer.concat(chunks)))
  })
  server = createServer(fastify)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())))

interface Options {
  method?: string
  path?: string
  headers?: Record<string, string>
  /** Sent chunked, without a content-length. */
  chunked?: boolean
}

function send(body: string, { method = 'POST', path = PATH, headers = {}, chunked = false }: Options = {}) {
  const all: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${TOKEN}`,
    ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
    ...headers,
  }
  return new Promise<Sent>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers: all }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      )
    })
    request.on('error', reject)
    if (chunked) request.write(body)
    request.end(chunked ? undefined : body)
  })
}

const plain = JSON.stringify({ event_id: 3, code: '123' })

describe('the door route', () => {
  it('answers a plain check-in itself, with the security headers', async () => {
    const sent = await send(plain)
    expect(sent.status).toBe(200)
    expect(JSON.parse(sent.text)).toEqual(welcome)
    expect(sent.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(sent.text)),
      'x-frame-options': 'DENY',
      'content-security-policy': "frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    })
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('checkIn', { event_id: 3, code: '123' }, DOOR)
  })

  it('takes a charset of UTF-8 in any case as plain JSON', async () => {
    const sent = await send(plain, { headers: { 'content-type': 'Application/JSON; Charset=UTF-8' } })
    expect(sent.status).toBe(200)
    expect(dispatch).toHaveBeenCalledOnce()
  })

  it('answers a refusal with its status, the whole answer as details, and the wait to retry', async () => {
    const throttled: CheckInAnswer = {
      result: 'THROTTLED',
      direction: 'in',
      message: 'Too many unknown codes from this station: wait 4 s.',
      ticket: null,
      retry_after_s: 4,
      checkin_id: 8,
    }
    dispatch.mockResolvedValueOnce({ ok: true, value: throttled })
    const sent = await send(plain)
    expect(sent.status).toBe(ERROR_STATUS.THROTTLED)
    expect(sent.headers['retry-after']).toBe('4')
    expect(JSON.parse(sent.text)).toEqual({ error: throttled.message, code: 'THROTTLED', details: throttled })
  })

  it("answers the operation's own refusal as its envelope", async () => {
    const envelope: ErrorEnvelope = { error: 'There is no event with id 3.', code: 'NOT_FOUND' }
    dispatch.mockResolvedValueOnce({ ok: false, error: envelope })
    const sent = await send(plain)
    expect(sent.status).toBe(404)
    expect(JSON.parse(sent.text)).toEqual(envelope)
  })

  it.each([
    ['broken JSON', '{"event_id": 3, ', 'close'],
    ['a body that is not an object', '[1, 2]', 'keep-alive'],
  ])('refuses %s as VALIDATION and checks nobody in', async (_name, body, connection) => {
    const sent = await send(body)
    expect(sent.status).toBe(400)
    expect((JSON.parse(sent.text) as ErrorEnvelope).code).toBe('VALIDATION')
    // A body that is not JSON ends its connection, as Fastify's parser does.
    expect(sent.headers.connection).toBe(connection)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('answers INTERNAL, and logs it, when the check-in fails inside', async () => {
    const fault = new Error('disk on fire')
    dispatch.mockRejectedValueOnce(fault)
    const sent = await send(plain)
    expect(sent.status).toBe(500)
    expect(JSON.parse(sent.text)).toEqual(
      new TicketiError('INTERNAL', 'Something went wrong inside Ticketi; nothing was changed.').toEnvelope(),
    )
    expect(logError).toHaveBeenCalledWith(fault)
  })

  it('checks nobody in when the station goes away before its body is sent', async () => {
    await new Promise<void>((resolve) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: PATH,
        headers: {
          'content-type': 'application/json',
          'content-length': '100',
          authorization: `Bearer ${TOKEN}`,
        },
      })
      request.on('error', () => resolve())
      request.write('{"event_id": 3,')
      setTimeout(() => request.destroy(), 50)
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(dispatch).not.toHaveBeenCalled()
    expect(logError).not.toHaveBeenCalled()
  })

  /** Each request the route must leave to Fastify: how it differs from a plain one. */
  const notPlain: Record<string, { options?: Options; body?: string; before?: () => void }> = {
    'another method': { options: { method: 'PUT' } },
    'a query string': { options: { path: `${PATH}?via=x` } },
    'another path': { options: { path: '/api/v1/checkins' } },
    'a stranger host name': { options: { headers: { host: 'evil.example:80' } } },
    'a blocked address': { before: () => (blocked = true) },
    'an endpoint that is closing': { before: () => (closing = true) },
    'no token': { options: { headers: { authorization: '' } } },
    'a wrong token': { options: { headers: { authorization: 'Bearer guess' } } },
    'a body sent as text': { options: { headers: { 'content-type': 'text/plain' } } },
    'JSON in another charset': {
      options: { headers: { 'content-type': 'application/json; charset=latin1' } },
    },
    'a chunked body': { options: { chunked: true } },
    'a body over the limit': { body: 'x'.repeat(2000) },
  }
  it.each(Object.entries(notPlain))(
    'hands on %s to Fastify with its body unread',
    async (_name, { options, body = plain, before }) => {
      before?.()
      const sent = await send(body, options)
      expect(sent.status).toBe(FELL_THROUGH)
      expect(sent.text).toBe(body)
      expect(dispatch).not.toHaveBeenCalled()
    },
  )
})
