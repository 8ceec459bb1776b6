// The desktop app as a station of a headless host (`npm run serve`, here the
// built out/main/host.js): it joins with a pairing code, works on the host's
// database through its main process, hears the host's changes, and keeps its
// pairing for the next start.
import { expect, test } from '@playwright/test'
import type { InputOf, OperationName, OutputOf } from '../src/shared/contract'
import { startBuiltHost, type BuiltHost } from '../e2e/built-host'
import { dataFolder, launchShell, run, type RunningShell } from './shell'

const ADMIN_TOKEN = 'electron-station-admin-token-0123'

let host: BuiltHost
let hostData: ReturnType<typeof dataFolder>
let data: ReturnType<typeof dataFolder>
let running: RunningShell | null = null

test.beforeEach(async () => {
  hostData = dataFolder()
  data = dataFolder()
  host = await startBuiltHost(process.cwd(), hostData.path, ADMIN_TOKEN)
})
test.afterEach(async () => {
  await running?.stop()
  running = null
  await host.stop()
  data.remove()
  hostData.remove()
})

/** What the host's admin does over the LAN API. */
async function atHost<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const response = await fetch(`${host.url}/api/v1/operations/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body = (await response.json()) as unknown
  expect(response.ok, `${name}: ${JSON.stringify(body)}`).toBe(true)
  return body as OutputOf<N>
}

async function soldTicket() {
  const event = await atHost('createEvent', {
    name: 'Jazz Night',
    starts_at: '2026-12-01T20:00:00Z',
    capacity: 20,
  })
  await atHost('seedInventory', { event_id: event.id, count: 5 })
  const sale = await atHost('assign', { event_id: event.id, customer: { name: 'Ann Example' }, quantity: 1 })
  return { eventId: event.id, code: sale.tickets[0]!.short_code! }
}

test('a fresh laptop joins the host as its door and checks guests in on the host database', async () => {
  const { eventId, code } = await soldTicket()
  const pairing = await atHost('createPairing', { name: 'Door 2', role: 'door' })

  running = await launchShell(data.path)
  const station = running
  expect(await station.shell({ action: 'joinHost', address: host.url, code: '00000000' })).toMatchObject({
    ok: false,
  })
  expect(
    await station.shell({ action: 'joinHost', address: host.url, code: pairing.pairing_code }),
  ).toMatchObject({
    ok: true,
    value: {
      needs_setup: false,
      station: { name: 'Door 2', role: 'door' },
      connection: { state: 'connected' },
    },
  })
  expect(await run(station, 'whoAmI', {})).toMatchObject({ role: 'door', station: 'Door 2' })
  expect(await run(station, 'checkIn', { event_id: eventId, code })).toMatchObject({ result: 'OK' })
  // The host holds the check-in, and the station hears the host's own changes.
  expect(await atHost('doorCounts', { event_id: eventId })).toMatchObject({ totals: { checked_in: 1 } })
  await station.page.evaluate(() => {
    const heard: unknown[] = []
    ;(window as unknown as { heard: unknown[] }).heard = heard
    window.ticketi!.onLive((changes) => heard.push(...changes))
  })
  await atHost('assign', { event_id: eventId, customer: { name: 'Bob Example' }, quantity: 1 })
  await expect
    .poll(() => station.page.evaluate(() => (window as unknown as { heard: unknown[] }).heard.length))
    .toBeGreaterThan(0)
  // A door station may not sell, here or at the host.
  expect(
    await station.call('assign', { event_id: eventId, customer: { name: 'Cat' }, quantity: 1 }),
  ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

  // The pairing outlives a restart.
  await station.stop()
  running = await launchShell(data.path)
  expect(await running.shell({ action: 'state' })).toMatchObject({
    ok: true,
    value: { station: { name: 'Door 2' }, connection: { state: 'connected' } },
  })
  expect(await run(running, 'doorCounts', { event_id: eventId })).toMatchObject({ totals: { checked_in: 1 } })
})

test('a station says the host is away when it stops answering', async () => {
  const pairing = await atHost('createPairing', { name: 'Box 2', role: 'boxoffice' })
  running = await launchShell(data.path)
  await running.shell({ action: 'joinHost', address: host.url, code: pairing.pairing_code })
  await host.stop()
  const station = running
  await expect
    .poll(async () => {
      await station.call('listEvents', {})
      const state = await station.shell({ action: 'state' })
      return state.ok ? state.value.connection?.state : null
    })
    .toMatch(/reconnecting|unreachable/)
  // Restarted for afterEach, which stops it again.
  host = await startBuiltHost(process.cwd(), hostData.path, ADMIN_TOKEN)
})
