// The renderer's transports, against a real host on 127.0.0.1 (HTTP) and a stand-in
// bridge (IPC): answers arrive as values, refusals as TicketiErrors with their code,
// and a host that cannot be reached as OFFLINE rather than an unexplained crash.
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TicketiError } from '../../../shared/errors'
import type { TicketiBridge } from '../../../shared/ipc'
import { ADMIN_TOKEN, startTestHost, type TestHost } from '../../../../test/support/host'
import { createClient, errorMessage, httpTransport, ipcTransport } from './client'

async function rejection(promise: Promise<unknown>): Promise<TicketiError> {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure,
  )
  expect(error).toBeInstanceOf(TicketiError)
  return error as TicketiError
}

describe('the HTTP transport', () => {
  let t: TestHost
  beforeAll(async () => {
    t = await startTestHost()
  })
  afterAll(() => t.dispose())

  it('runs an operation and gives its answer', async () => {
    const client = createClient(httpTransport(t.url, () => ADMIN_TOKEN))
    const event = await client.call('createEvent', {
      name: 'Jazz Night',
      starts_at: '2026-12-01T20:00:00Z',
      capacity: 100,
    })
    expect(event.id).toBeGreaterThan(0)
    expect(await client.call('listEvents', {})).toEqual([expect.objectContaining({ name: 'Jazz Night' })])
  })

  it('turns a refusal into a TicketiError with the code and the message for a person', async () => {
    const client = createClient(httpTransport(t.url, () => ADMIN_TOKEN))
    const error = await rejection(client.call('getEvent', { event_id: 9999 }))
    expect(error.code).toBe('NOT_FOUND')
    expect(errorMessage(error)).toBe(error.message)
  })

  it('reads the token at each call, so signing in or out takes effect at once', async () => {
    let token: string | null = null
    const client = createClient(httpTransport(t.url, () => token))
    expect((await rejection(client.call('whoAmI', {}))).code).toBe('UNAUTHORIZED')
    token = ADMIN_TOKEN
    expect((await client.call('whoAmI', {})).role).toBe('admin')
  })

  it('renews a token the host refused once, and sends the call again with the new one', async () => {
    let token = 'an-access-token-that-ran-out'
    let renewals = 0
    const renew = async () => {
      renewals++
      token = ADMIN_TOKEN
      return true
    }
    const client = createClient(httpTransport(t.url, () => token, renew))
    expect((await client.call('whoAmI', {})).station).toBe('admin token')
    expect(renewals).toBe(1)
    // Renewal that fails leaves the refusal as it was.
    token = 'revoked'
    const refused = createClient(
      httpTransport(
        t.url,
        () => token,
        async () => false,
      ),
    )
    expect((await rejection(refused.call('whoAmI', {}))).code).toBe('UNAUTHORIZED')
  })

  it('answers OFFLINE when nothing listens at the address', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as { port: number }
    await new Promise((resolve) => closed.close(resolve))
    const client = createClient(httpTransport(`http://127.0.0.1:${port}`, () => ADMIN_TOKEN))
    const error = await rejection(client.call('listEvents', {}))
    expect(error.code).toBe('OFFLINE')
    expect(error.message).toMatch(/cannot be reached/)
  })

  it('answers INTERNAL naming the status when a proxy answers with something that is not Ticketi', async () => {
    const proxy = createServer((_request, response) =>
      response.writeHead(502).end('<html>Bad gateway</html>'),
    )
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const { port } = proxy.address() as { port: number }
    try {
      const client = createClient(httpTransport(`http://127.0.0.1:${port}`, () => ADMIN_TOKEN))
      const error = await rejection(client.call('listEvents', {}))
      expect(error.code).toBe('INTERNAL')
      expect(error.message).toContain('502')
    } finally {
      await new Promise((resolve) => proxy.close(resolve))
    }
  })
})

describe('the IPC transport', () => {
  const bridge = (call: TicketiBridge['call']): TicketiBridge => ({
    call,
    shell: () => Promise.reject(new Error('not used')),
    onLive: () => () => {},
  })

  it('passes the name and input to the bridge and gives the answer', async () => {
    const seen: unknown[] = []
    const client = createClient(
      ipcTransport(
        bridge(async (name, input) => {
          seen.push([name, input])
          return { ok: true, value: { role: 'door', station: 'this laptop', operator: 'Door' } }
        }),
      ),
    )
    expect(await client.call('whoAmI', {})).toEqual({
      role: 'door',
      station: 'this laptop',
      operator: 'Door',
    })
    expect(seen).toEqual([['whoAmI', {}]])
  })

  it('answers OFFLINE when the main process does not answer', async () => {
    const client = createClient(ipcTransport(bridge(() => Promise.reject(new Error('channel closed')))))
    expect((await rejection(client.call('listEvents', {}))).code).toBe('OFFLINE')
  })
})
