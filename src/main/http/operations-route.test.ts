// The web UI's transport: POST /api/v1/operations/{name} runs any operation of the
// contract through the same dispatcher, token check and validation as the REST routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorEnvelope } from '../../shared/errors'
import type { CheckInAnswer, WhoAmI } from '../../shared/views'
import { api, seededEvent, startTestHost, type TestHost } from '../../../test/support/host'

describe('POST /api/v1/operations/{name}', () => {
  let t: TestHost
  let eventId: number
  let doorToken: string

  beforeAll(async () => {
    t = await startTestHost()
    ;({ eventId } = await seededEvent(t, 5))
    doorToken = (await api(t).createStation({ name: 'Door 1', role: 'door' })).token
  })
  afterAll(() => t.dispose())

  it('answers whoAmI with the role and station of the token', async () => {
    const me = await t.request<WhoAmI>('POST', '/api/v1/operations/whoAmI', { json: {}, token: doorToken })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ role: 'door', station: 'Door 1' })
    const rest = await t.request<WhoAmI>('GET', '/api/v1/me', { token: doorToken })
    expect(rest.body).toEqual(me.body)
  })

  it('gives every door answer with status 200, so the screen can show it', async () => {
    const answer = await t.request<CheckInAnswer>('POST', '/api/v1/operations/checkIn', {
      json: { event_id: eventId, code: '999' },
      token: doorToken,
    })
    expect(answer.status).toBe(200)
    expect(answer.body.result).toBe('UNKNOWN')
  })

  it('refuses without a token, an unknown operation, bad input and a role that may not call', async () => {
    const noToken = await t.request('POST', '/api/v1/operations/listEvents', { json: {}, token: null })
    expect(noToken.status).toBe(401)

    const unknown = await t.request<ErrorEnvelope>('POST', '/api/v1/operations/dropDatabase', { json: {} })
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('NOT_FOUND')

    const invalid = await t.request<ErrorEnvelope>('POST', '/api/v1/operations/createEvent', {
      json: { name: '' },
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body.code).toBe('VALIDATION')

    const forbidden = await t.request<ErrorEnvelope>('POST', '/api/v1/operations/seedInventory', {
      json: { event_id: eventId, count: 1 },
      token: doorToken,
    })
    expect(forbidden.status).toBe(403)
    expect(forbidden.body.code).toBe('FORBIDDEN')
    expect((await api(t).reconciliation(eventId)).totals.available).toBe(5)
  })
})
