// SPEC §5.1: a station joins by an 8-digit pairing code and then signs in with
// short-lived access JWTs and rotating refresh tokens; a revoke or a reused
// refresh token ends it from the next request on.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ErrorEnvelope } from '../../shared/errors'
import type { PairingView, StationSession, StationView, WhoAmI } from '../../shared/views'
import { ACCESS_TTL_S, SESSION_KEY_FILE } from '../auth'
import { startHost } from '../headless'
import { tempDir } from '../../../test/support/core'
import {
  ADMIN_TOKEN,
  api,
  count,
  seededEvent,
  startTestHost,
  type TestHost,
} from '../../../test/support/host'

const hosts: TestHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((t) => t.dispose()))
})

/** A host whose clock the test moves. */
async function hostWithClock() {
  const clock = { now: Date.now() }
  const t = await startTestHost(undefined, { clock: () => clock.now })
  hosts.push(t)
  return { t, clock }
}

const pairing = (t: TestHost, name = 'Door 2', role = 'door') =>
  t.ok<PairingView>('POST', '/api/v1/pairings', { name, role }, 201)

const pair = (t: TestHost, code: string) =>
  t.request<StationSession & ErrorEnvelope>('POST', '/api/v1/session/pair', {
    json: { pairing_code: code },
    token: null,
  })

const refresh = (t: TestHost, refreshToken: string) =>
  t.request<StationSession & ErrorEnvelope>('POST', '/api/v1/session/refresh', {
    json: { refresh_token: refreshToken },
    token: null,
  })

const me = (t: TestHost, token: string) => t.request<WhoAmI & ErrorEnvelope>('GET', '/api/v1/me', { token })

describe('pairing', () => {
  it('an admin makes an 8-digit code valid 10 minutes, with a link to the join screen', async () => {
    const { t } = await hostWithClock()
    const made = await pairing(t)
    expect(made.pairing_code).toMatch(/^\d{8}$/)
    const minutes = (Date.parse(made.expires_at) - Date.now()) / 60_000
    expect(minutes).toBeGreaterThan(9.9)
    expect(minutes).toBeLessThanOrEqual(10)
    const port = new URL(t.url).port
    expect(made.join_url).toBe(`http://127.0.0.1:${port}/#/join?code=${made.pairing_code}`)
    // Only a hash of the code is kept.
    expect(count(t.sqlite, 'SELECT count(*) FROM pairing WHERE code_hash = ?', made.pairing_code)).toBe(0)
  })

  it('the code joins one station once, as the name and role the admin chose', async () => {
    const { t } = await hostWithClock()
    const { pairing_code } = await pairing(t, 'Door 2', 'door')
    const joined = await pair(t, pairing_code)
    expect(joined.status).toBe(201)
    expect(joined.body).toMatchObject({ token_type: 'Bearer', expires_in: ACCESS_TTL_S })
    expect(joined.body.station).toMatchObject({ name: 'Door 2', role: 'door' })
    expect(joined.body.access_token.split('.')).toHaveLength(3)
    expect(joined.body.refresh_token).toMatch(/^[\w-]{43}$/)
    expect((await me(t, joined.body.access_token)).body).toEqual({
      role: 'door',
      station: 'Door 2',
      operator: 'Door 2',
    })

    const again = await pair(t, pairing_code)
    expect(again.status).toBe(401)
    expect(again.body.code).toBe('UNAUTHORIZED')
    expect(count(t.sqlite, "SELECT count(*) FROM station WHERE name = 'Door 2'")).toBe(1)
    // Only the refresh token's hash is stored.
    expect(
      count(t.sqlite, 'SELECT count(*) FROM refresh_token WHERE token_hash = ?', joined.body.refresh_token),
    ).toBe(0)
  })

  it('of two stations racing with one code, exactly one joins', async () => {
    const { t } = await hostWithClock()
    const { pairing_code } = await pairing(t)
    const answers = await Promise.all(Array.from({ length: 5 }, () => pair(t, pairing_code)))
    expect(answers.map((a) => a.status).sort()).toEqual([201, 401, 401, 401, 401])
    expect(count(t.sqlite, 'SELECT count(*) FROM station')).toBe(1)
  })

  it('a wrong code, a malformed one and an expired one are 401 and make no station', async () => {
    const { t, clock } = await hostWithClock()
    const { pairing_code } = await pairing(t)
    const wrong = String((Number(pairing_code) + 1) % 1e8).padStart(8, '0')
    for (const code of [wrong, '1234', 'not a code']) {
      const answer = await pair(t, code)
      expect(answer.status).toBe(401)
      expect(answer.body.code).toBe('UNAUTHORIZED')
    }
    clock.now += 10 * 60_000 + 1000
    expect((await pair(t, pairing_code)).status).toBe(401)
    expect(count(t.sqlite, 'SELECT count(*) FROM station')).toBe(0)
  })

  it('a station may not take the name of a built-in identity or of another station, in any case', async () => {
    const { t } = await hostWithClock()
    await api(t).createStation({ name: 'Door 2', role: 'door' })
    for (const name of ['admin token', 'Door Kiosk', 'THIS LAPTOP', 'door 2']) {
      for (const [path, json] of [
        ['/api/v1/pairings', { name, role: 'door' }],
        ['/api/v1/stations', { name, role: 'door' }],
      ] as const) {
        const answer = await t.request<ErrorEnvelope>('POST', path, { json })
        expect(answer.status, `${path} ${name}`).toBe(409)
        expect(answer.body.code).toBe('CONFLICT')
      }
    }
    const other = await api(t).createStation({ name: 'Bar', role: 'boxoffice' })
    const rename = await t.request<ErrorEnvelope>('PATCH', `/api/v1/stations/${other.id}`, {
      json: { name: 'Door Kiosk' },
    })
    expect(rename.status).toBe(409)
    expect(count(t.sqlite, 'SELECT count(*) FROM pairing')).toBe(0)
  })

  it('renaming a station changes the name its next requests carry', async () => {
    const { t } = await hostWithClock()
    const joined = (await pair(t, (await pairing(t)).pairing_code)).body
    const renamed = await t.ok<StationView>('PATCH', `/api/v1/stations/${joined.station.id}`, {
      name: 'Side door',
    })
    expect(renamed.name).toBe('Side door')
    expect((await me(t, joined.access_token)).body.station).toBe('Side door')
  })
})

describe('refresh', () => {
  it('gives a new access and refresh token and spends the old refresh token', async () => {
    const { t } = await hostWithClock()
    const first = (await pair(t, (await pairing(t)).pairing_code)).body
    const second = await refresh(t, first.refresh_token!)
    expect(second.status).toBe(200)
    expect(second.body.refresh_token).not.toBe(first.refresh_token)
    expect((await me(t, second.body.access_token)).status).toBe(200)
    const third = await refresh(t, second.body.refresh_token!)
    expect(third.status).toBe(200)
  })

  it('a spent refresh token shown again ends the session: its newest refresh and access tokens too', async () => {
    const { t } = await hostWithClock()
    const first = (await pair(t, (await pairing(t)).pairing_code)).body
    const second = (await refresh(t, first.refresh_token!)).body
    expect((await me(t, second.access_token)).status).toBe(200)

    const reused = await refresh(t, first.refresh_token!)
    expect(reused.status).toBe(401)
    expect(reused.body.code).toBe('UNAUTHORIZED')
    expect((await refresh(t, second.refresh_token!)).status).toBe(401)
    expect((await me(t, second.access_token)).status).toBe(401)
    expect(count(t.sqlite, "SELECT count(*) FROM audit_log WHERE action = 'refresh reused'")).toBe(1)
  })

  it('a made-up refresh token is 401', async () => {
    const { t } = await hostWithClock()
    expect((await refresh(t, 'x'.repeat(43))).status).toBe(401)
  })

  it('access tokens expire after 15 minutes; the refresh token still works then', async () => {
    const { t, clock } = await hostWithClock()
    const joined = (await pair(t, (await pairing(t)).pairing_code)).body
    clock.now += (ACCESS_TTL_S - 5) * 1000
    expect((await me(t, joined.access_token)).status).toBe(200)
    clock.now += 10_000
    const expired = await me(t, joined.access_token)
    expect(expired.status).toBe(401)
    expect(expired.body.code).toBe('UNAUTHORIZED')
    const renewed = await refresh(t, joined.refresh_token!)
    expect(renewed.status).toBe(200)
    expect((await me(t, renewed.body.access_token)).status).toBe(200)
  })

  it('a forged or tampered JWT is refused', async () => {
    const { t } = await hostWithClock()
    const { access_token } = (await pair(t, (await pairing(t)).pairing_code)).body
    const [header, payload, signature] = access_token.split('.')
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>
    const raised = Buffer.from(JSON.stringify({ ...claims, sub: '999' })).toString('base64url')
    expect((await me(t, `${header}.${raised}.${signature}`)).status).toBe(401)
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')
    expect((await me(t, `${none}.${payload}.`)).status).toBe(401)
  })
})

describe('revocation', () => {
  it("a revoked station's access token is refused from the next request on, and it cannot refresh", async () => {
    const { t } = await hostWithClock()
    const { eventId } = await seededEvent(t, 1)
    const joined = (await pair(t, (await pairing(t)).pairing_code)).body
    expect((await me(t, joined.access_token)).status).toBe(200)
    await t.ok('POST', `/api/v1/stations/${joined.station.id}/revoke`)
    const refused = await api(t).checkIn({ event_id: eventId, code: '000' }, joined.access_token)
    expect(refused.status).toBe(401)
    expect((await refresh(t, joined.refresh_token!)).status).toBe(401)
    expect(count(t.sqlite, 'SELECT count(*) FROM checkin')).toBe(0)
  })

  it('signing out ends the session', async () => {
    const { t } = await hostWithClock()
    const joined = (await pair(t, (await pairing(t)).pairing_code)).body
    expect((await me(t, joined.access_token)).status).toBe(200)
    const end = await t.request('POST', '/api/v1/session/end', {
      json: { refresh_token: joined.refresh_token },
      token: null,
    })
    expect(end.status).toBe(200)
    expect((await me(t, joined.access_token)).status).toBe(401)
    expect((await refresh(t, joined.refresh_token!)).status).toBe(401)
  })
})

describe('a station renamed', () => {
  it('is known by its new name from the next request on, with the tokens it already has', async () => {
    const { t } = await hostWithClock()
    const joined = (await pair(t, (await pairing(t)).pairing_code)).body
    expect((await me(t, joined.access_token)).body.station).toBe(joined.station.name)
    await t.ok('PATCH', `/api/v1/stations/${joined.station.id}`, { name: 'Side door' })
    expect((await me(t, joined.access_token)).body).toMatchObject({ station: 'Side door', role: 'door' })
  })
})

describe('in a browser', () => {
  it('the refresh token comes as an HttpOnly, SameSite=Strict cookie and never in the body', async () => {
    const { t } = await hostWithClock()
    const { pairing_code } = await pairing(t)
    const joined = await t.request<StationSession>('POST', '/api/v1/session/pair', {
      json: { pairing_code, cookie: true },
      token: null,
    })
    expect(joined.status).toBe(201)
    expect(joined.body.refresh_token).toBeUndefined()
    const cookie = joined.headers.get('set-cookie')!
    expect(cookie).toMatch(
      /^ticketi_refresh=[\w-]{43}; Path=\/api\/v1\/session; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    )
    const value = cookie.split(';')[0]!

    const renewed = await t.request<StationSession>('POST', '/api/v1/session/refresh', {
      json: { cookie: true },
      token: null,
      headers: { cookie: value },
    })
    expect(renewed.status).toBe(200)
    expect(renewed.body.refresh_token).toBeUndefined()
    expect(renewed.headers.get('set-cookie')!.split(';')[0]).not.toBe(value)
    expect((await me(t, renewed.body.access_token)).status).toBe(200)

    // The old cookie is spent: shown again, it ends the session and the cookie is cleared.
    const reused = await t.request('POST', '/api/v1/session/refresh', {
      json: { cookie: true },
      token: null,
      headers: { cookie: value },
    })
    expect(reused.status).toBe(401)
    expect(reused.headers.get('set-cookie')).toMatch(/^ticketi_refresh=; .*Max-Age=0/)
  })

  it('a browser that never paired gets 401 from refresh', async () => {
    const { t } = await hostWithClock()
    const answer = await t.request<ErrorEnvelope>('POST', '/api/v1/session/refresh', {
      json: { cookie: true },
      token: null,
    })
    expect(answer.status).toBe(401)
    expect(answer.body.code).toBe('UNAUTHORIZED')
  })
})

describe('the signing key', () => {
  it('is made on first start, readable by its owner only, and keeps tokens valid across a restart', async () => {
    const dir = tempDir('ticketi-key-')
    try {
      const t = await startTestHost(dir.path)
      const joined = (await pair(t, (await pairing(t)).pairing_code)).body
      await t.stop()
      if (process.platform !== 'win32') {
        expect(statSync(join(dir.path, SESSION_KEY_FILE)).mode & 0o777).toBe(0o600)
      }
      const again = await startTestHost(dir.path)
      try {
        expect((await me(again, joined.access_token)).status).toBe(200)
      } finally {
        await again.stop()
      }
    } finally {
      dir.remove()
    }
  })
})

describe('the admin token', () => {
  it.each([
    ['shorter than 16 characters', 'short-token', /at least 16 characters/],
    ['one character repeated', 'a'.repeat(32), /one character repeated/],
    ['outside printable ASCII', 'tökentökentökentöken', /printable ASCII/],
    ['with a line break', 'abcdefgh\nijklmnopq', /printable ASCII/],
  ])('stops the host at start when %s', async (_why, adminToken, reason) => {
    const dir = tempDir('ticketi-weak-')
    try {
      await expect(startHost({ dataDir: dir.path, port: 0, adminToken })).rejects.toThrow(reason)
    } finally {
      dir.remove()
    }
  })

  it('a strong one keeps working for automation', async () => {
    const { t } = await hostWithClock()
    expect((await me(t, ADMIN_TOKEN)).body.station).toBe('admin token')
  })
})
