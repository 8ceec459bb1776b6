// A station against a real headless host on loopback: it pairs, works, rides out
// the host restarting on the same port, and is sent back to join when revoked.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Connection } from '../../shared/ipc'
import type { LiveChange } from '../../shared/live'
import type { PairingView } from '../../shared/views'
import { startHost, type RunningHost } from '../headless'
import { keyFileSecretBox } from '../mail/secrets'
import { ADMIN, tempDir } from '../../../test/support/core'
import { invoke } from '../dispatcher'
import { createStationLink, fileVault, parseHostAddress, STATION_FILE, type StationLink } from './station'

const ADMIN_TOKEN = 'station-test-admin-token-0123456789'
let hostDir = tempDir()
let stationDir = tempDir()
let host: RunningHost | null = null
let link: StationLink | null = null

const start = (port = 0) =>
  startHost({ dataDir: hostDir.path, port, adminToken: ADMIN_TOKEN, logError: () => {} })

function pairingCode(running: RunningHost, role: 'door' | 'boxoffice' = 'boxoffice'): string {
  const made = invoke(
    running.core.dispatch,
    'createPairing',
    { name: 'Door laptop', role },
    ADMIN,
  ) as PairingView
  return made.pairing_code
}

function newLink() {
  return createStationLink({
    vault: fileVault(stationDir.path, keyFileSecretBox(stationDir.path)),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
  })
}

afterEach(async () => {
  link?.stop()
  await host?.close()
  host = null
  hostDir.remove()
  stationDir.remove()
  hostDir = tempDir()
  stationDir = tempDir()
})

describe('a station', () => {
  it('reads a typed address or a pasted join link', () => {
    expect(parseHostAddress('192.168.1.20:8080')).toEqual({ host: 'http://192.168.1.20:8080', code: null })
    expect(parseHostAddress(' http://box.local:8080/#/join?code=12345678 ')).toEqual({
      host: 'http://box.local:8080',
      code: '12345678',
    })
    expect(() => parseHostAddress('http://example.com/evil/path')).toThrow(/not a host address/)
    expect(() => parseHostAddress('::::')).toThrow(/not a host address/)
  })

  it('pairs, keeps its refresh token sealed, works, and rides out a host restart on the same port', async () => {
    host = await start()
    const port = Number(new URL(host.url).port)
    link = newLink()
    await expect(link.join(host.url, '00000000')).rejects.toThrow(/wrong, used or expired/)
    const joined = await link.join(host.url, pairingCode(host))
    expect(joined.station).toMatchObject({ name: 'Door laptop', role: 'boxoffice' })

    const onDisk = readFileSync(join(stationDir.path, STATION_FILE), 'utf8')
    expect(onDisk).not.toContain(joined.refresh_token)
    expect(JSON.parse(onDisk)).toMatchObject({ host: host.url })

    const created = await link.call('createEvent', {
      name: 'Jazz',
      starts_at: '2026-12-01T20:00:00Z',
      capacity: 9,
    })
    expect(created).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await link.call('listEvents', {})).toEqual({ ok: true, value: [] })

    const seen: Connection['state'][] = []
    link.onConnection((c) => seen.push(c.state))
    await host.close()
    const down = await link.call('listEvents', {})
    expect(down).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    expect(link.connection()).toMatchObject({ host: host.url })
    expect(['reconnecting', 'unreachable']).toContain(link.connection().state)
    expect(link.connection().since).not.toBeNull()

    host = await start(port)
    await new Promise((resolve) => setTimeout(resolve, 0))
    await waitConnected(link)
    expect(seen[0]).toBe('reconnecting')
    expect(seen.at(-1)).toBe('connected')
    expect(await link.call('listEvents', {})).toEqual({ ok: true, value: [] })

    // A new run of the app finds its pairing on disk and carries on without a new code.
    link.stop()
    link = newLink()
    expect(link.joined()?.station.name).toBe('Door laptop')
    expect(await link.call('listEvents', {})).toEqual({ ok: true, value: [] })
  })

  it('renews an expired access token on a 401 and carries on', async () => {
    let now = Date.now()
    host = await startHost({
      dataDir: hostDir.path,
      port: 0,
      adminToken: ADMIN_TOKEN,
      logError: () => {},
      clock: () => now,
    })
    link = newLink()
    const first = (await link.join(host.url, pairingCode(host))).refresh_token
    expect(await link.call('listEvents', {})).toMatchObject({ ok: true })
    now += 16 * 60 * 1000
    expect(await link.call('listEvents', {})).toMatchObject({ ok: true })
    // The refresh token turned over, and the new one is the one kept on disk.
    expect(link.joined()!.refresh_token).not.toBe(first)
    expect(newLink().joined()!.refresh_token).toBe(link.joined()!.refresh_token)
  })

  it('hears the host’s live changes, and again after the host restarts', async () => {
    host = await start()
    const port = Number(new URL(host.url).port)
    link = newLink()
    await link.join(host.url, pairingCode(host, 'door'))
    const heard: LiveChange[] = []
    link.listen((changes) => heard.push(...changes))
    const sell = (running: RunningHost, eventId: number, name: string) =>
      invoke(running.core.dispatch, 'assign', { event_id: eventId, customer: { name } }, ADMIN)

    const event = invoke(
      host.core.dispatch,
      'createEvent',
      { name: 'Jazz', starts_at: '2026-12-01T20:00:00Z', capacity: 9 },
      ADMIN,
    )
    invoke(host.core.dispatch, 'seedInventory', { event_id: event.id, count: 9 }, ADMIN)
    // The stream is open once the first change arrives; keep selling until one does.
    for (let i = 0; i < 100 && !heard.some((c) => c.type === 'sale'); i++) {
      if (i % 20 === 0) sell(host, event.id, `Guest ${i}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(heard.find((c) => c.type === 'sale')).toMatchObject({ event_id: event.id })

    await host.close()
    host = await start(port)
    heard.length = 0
    for (let i = 0; i < 200 && !heard.some((c) => c.type === 'sale'); i++) {
      if (i % 20 === 0) sell(host, event.id, `After ${i}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(heard.find((c) => c.type === 'sale')).toMatchObject({ event_id: event.id })
  })

  it('is sent back to join when the admin revokes it', async () => {
    host = await start()
    link = newLink()
    const joined = await link.join(host.url, pairingCode(host, 'door'))
    let left = 0
    link.onLeft(() => left++)
    expect(await link.call('listEvents', {})).toMatchObject({ ok: true })
    invoke(host.core.dispatch, 'revokeStation', { station_id: joined.station.id }, ADMIN)
    expect(await link.call('listEvents', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(left).toBe(1)
    expect(link.connection().state).toBe('not joined')
    expect(newLink().joined()).toBeNull()
  })
})

async function waitConnected(station: StationLink) {
  for (let i = 0; i < 200 && station.connection().state !== 'connected'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  expect(station.connection().state).toBe('connected')
}
