// "Share on the LAN" with a real core and a real Fastify endpoint on loopback.
import { afterEach, describe, expect, it } from 'vitest'
import type { Outcome } from '../../shared/errors'
import type { SharingState } from '../../shared/ipc'
import type { PairingView } from '../../shared/views'
import { openCore, type Core } from '../core'
import { serveCore } from '../http/endpoint'
import { ADMIN, BOX_OFFICE, tempDir } from '../../../test/support/core'
import { createSharing, withJoinUrl, type Sharing } from './sharing'

const WIFI = () => ({
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  wlan0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }],
})

let dir = tempDir()
let core: Core
let sharing: Sharing

function open(interfaces?: typeof WIFI) {
  core = openCore({ dataDir: dir.path, logError: () => {} })
  sharing = createSharing({
    store: core.store,
    serve: (host, port) => serveCore(core, { dataDir: dir.path, host, port, adminToken: null }),
    interfaces: interfaces as never,
    logError: () => {},
  })
}

async function closeAll() {
  await sharing.close()
  core.close()
}

afterEach(async () => {
  await closeAll()
  dir.remove()
  dir = tempDir()
})

const value = (outcome: Outcome<SharingState>) => {
  if (!outcome.ok) throw new Error(outcome.error.error)
  return outcome.value
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/v1/health`)).ok
  } catch {
    return false
  }
}

describe('Share on the LAN', () => {
  it('is off by default, and only an admin may look or change it', async () => {
    open()
    expect(sharing.state()).toMatchObject({ on: false, address: '0.0.0.0', port: 8080, station_urls: [] })
    const asBoxOffice = await sharing.answer({ action: 'get' }, BOX_OFFICE)
    expect(asBoxOffice).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await sharing.answer({ action: 'get' }, null)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    })
    const nonsense = await sharing.answer({ action: 'set', on: true, address: '8.8.8.8', port: 0 }, ADMIN)
    expect(nonsense).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await sharing.answer({ action: 'set', on: 'yes' }, ADMIN)).toMatchObject({ ok: false })
    expect(sharing.state().on).toBe(false)
  })

  it('serves this laptop’s own core on 127.0.0.1: a station pairs over HTTP; off closes the port', async () => {
    open()
    const on = value(await sharing.answer({ action: 'set', on: true, address: '127.0.0.1', port: 0 }, ADMIN))
    expect(on.on).toBe(true)
    const url = on.station_urls[0]!
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(await reachable(url)).toBe(true)

    // The pairing is made in the desktop's window (IPC) and carries a real join link.
    const dispatch = withJoinUrl(core.dispatchAsync, sharing)
    const made = await dispatch('createPairing', { name: 'Door 2', role: 'door' }, ADMIN)
    const pairing = (made as { ok: true; value: PairingView }).value
    expect(pairing.join_url).toBe(`${url}/#/join?code=${pairing.pairing_code}`)

    const paired = await fetch(`${url}/api/v1/session/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairing_code: pairing.pairing_code }),
    })
    expect(paired.status).toBe(201)
    const session = (await paired.json()) as { access_token: string; station: { name: string } }
    expect(session.station.name).toBe('Door 2')
    // The station reads the very database the desktop's window writes.
    core.dispatch(
      'createEvent',
      { name: 'Jazz Night', starts_at: '2026-12-01T20:00:00Z', capacity: 50 },
      ADMIN,
    )
    const events = await fetch(`${url}/api/v1/events`, {
      headers: { authorization: `Bearer ${session.access_token}` },
    })
    expect(((await events.json()) as Array<{ name: string }>).map((e) => e.name)).toContain('Jazz Night')

    // No admin token opens the desktop's endpoint: not even an empty or made-up one.
    const guess = await fetch(`${url}/api/v1/events`, {
      headers: { authorization: 'Bearer ' + 'x'.repeat(43) },
    })
    expect(guess.status).toBe(401)

    const off = value(
      await sharing.answer({ action: 'set', on: false, address: '127.0.0.1', port: 0 }, ADMIN),
    )
    expect(off).toMatchObject({ on: false, station_urls: [] })
    expect(await reachable(url)).toBe(false)
    const later = await dispatch('createPairing', { name: 'Door 3', role: 'door' }, ADMIN)
    expect((later as { ok: true; value: PairingView }).value.join_url).toBeNull()
  })

  it('is remembered across a restart, on the same address and port', async () => {
    open()
    const first = value(
      await sharing.answer({ action: 'set', on: true, address: '127.0.0.1', port: 0 }, ADMIN),
    )
    const port = first.port
    // Now a fixed port: the one the system just gave, so the restart must find it again.
    await sharing.answer({ action: 'set', on: true, address: '127.0.0.1', port }, ADMIN)
    await closeAll()

    open()
    expect(sharing.state().on).toBe(false)
    const resumed = await sharing.resume()
    expect(resumed).toMatchObject({ on: true, address: '127.0.0.1', port })
    expect(await reachable(`http://127.0.0.1:${port}`)).toBe(true)
    const audit = core.store.sqlite
      .prepare(`SELECT action FROM audit_log WHERE entity = 'setting'`)
      .pluck()
      .all()
    expect(audit).toContain('share on the LAN')
  })

  it('says so when the port is taken, and does not keep trying it at every start', async () => {
    open()
    const taken = value(
      await sharing.answer({ action: 'set', on: true, address: '127.0.0.1', port: 0 }, ADMIN),
    )
    const other = createSharing({
      store: core.store,
      serve: (host, port) => serveCore(core, { dataDir: dir.path, host, port, adminToken: null }),
      logError: () => {},
    })
    const refused = value(
      await other.answer({ action: 'set', on: true, address: '127.0.0.1', port: taken.port }, ADMIN),
    )
    expect(refused.on).toBe(false)
    expect(refused.problem).toBe(`Port ${taken.port} is already in use on this laptop: choose another port.`)
    await other.close()
  })

  it('lists the laptop’s interfaces and, on every interface, the LAN address stations use', async () => {
    open(WIFI)
    const state = sharing.state()
    expect(state.choices.map((c) => c.address)).toEqual(['127.0.0.1', '0.0.0.0', '192.168.1.20'])
    expect(state.choices[2]!.label).toBe('wlan0')
    const on = value(await sharing.answer({ action: 'set', on: true, address: '0.0.0.0', port: 0 }, ADMIN))
    expect(on.station_urls).toEqual([`http://192.168.1.20:${on.port}`])
    expect(sharing.joinUrl('12345678')).toBe(`http://192.168.1.20:${on.port}/#/join?code=12345678`)
  })
})
