// The desktop app's LAN screens: the first-run choice, joining a host as a
// station, the station's connection state, and Settings → Share on the LAN.
// The desktop shell is stood in for by a window.ticketi bridge with the real
// host behind it (the main process's side is tested under vitest).
import { expect, test, type Page } from '@playwright/test'
import { addCallHost, adminToken, hostUrl, makePairing, screenshot, unique } from './support'

test.describe.configure({ mode: 'serial' })

/** A fresh desktop app: needs_setup until it joins; joining pairs with the real host, as the main process does. */
async function freshDesktop(page: Page) {
  await addCallHost(page)
  await page.addInitScript(() => {
    let access: string | null = null
    let station: { host: string; name: string; role: string } | null = null
    const w = window as unknown as Record<string, unknown>
    w.__connection = { state: 'connected', host: null, since: null }
    const state = () => ({
      needs_setup: station === null,
      operator: station && { name: station.name, role: station.role },
      kiosk: { on: false, event_id: null },
      station,
      connection: station ? { ...(w.__connection as object), host: station.host } : null,
    })
    Object.assign(window, {
      ticketi: {
        // A station's window hears no local changes: the host holds the database.
        onLive: () => () => {},
        call: (name: string, input: unknown) => window.callHost(access, name, input),
        async shell(request: { action: string; address?: string; code?: string }) {
          if (request.action === 'joinHost') {
            const response = await fetch('/api/v1/session/pair', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ pairing_code: request.code }),
            })
            const body = await response.json()
            if (!response.ok) {
              return {
                ok: false,
                error: {
                  code: 'UNAUTHORIZED',
                  error: 'That pairing code is wrong, used or expired: ask for a new one.',
                },
              }
            }
            access = body.access_token
            station = { host: new URL(String(request.address)).origin, ...body.station }
            w.__joined = request
          }
          return { ok: true, value: state() }
        },
      },
    })
  })
  await page.goto(hostUrl())
}

test('first run: the laptop joins a host with its address and code, and shows its connection', async ({
  page,
  request,
}) => {
  await freshDesktop(page)
  await expect(page.getByRole('heading', { name: 'Welcome to Ticketi' })).toBeVisible()
  await screenshot(page, 'desktop-first-run-choice')

  // "Holds the database" is the PIN set-up of before; Back is not needed to see it.
  await page.getByRole('button', { name: /This laptop holds the database/ }).click()
  await expect(page.getByLabel('Admin PIN')).toBeVisible()
  await page.reload()

  await page.getByRole('button', { name: /Join a host/ }).click()
  await expect(page.getByRole('heading', { name: 'Join a Ticketi host' })).toBeVisible()
  const name = unique('Door laptop')
  const pairing = await makePairing(request, 'door', name)
  // A pasted join link fills in the code as well.
  await page.getByLabel('Host address').fill(pairing.join_url!)
  await expect(page.getByLabel('Pairing code')).toHaveValue(pairing.pairing_code)
  await screenshot(page, 'desktop-join-host')

  await page.getByLabel('Pairing code').fill('1111 2222')
  await page.getByRole('button', { name: 'Join' }).click()
  await expect(page.getByRole('alert')).toContainText('wrong, used or expired')

  await page.getByLabel('Pairing code').fill(pairing.pairing_code)
  await page.getByRole('button', { name: 'Join' }).click()
  await expect(page.getByTestId('signed-in-as')).toContainText(name)
  expect(await page.evaluate(() => (window as unknown as { __joined: { code: string } }).__joined.code)).toBe(
    pairing.pairing_code,
  )

  const badge = page.getByRole('status', { name: 'Connection to the host' })
  await expect(badge).toHaveText('Connected to the host')
  await screenshot(page, 'desktop-station-connected')

  await page.evaluate(() => {
    ;(window as unknown as { __connection: object }).__connection = {
      state: 'reconnecting',
      host: null,
      since: new Date().toISOString(),
    }
  })
  await expect(badge).toHaveText('Reconnecting to the host…')
  await expect(badge).toHaveAttribute('data-state', 'reconnecting')
  await screenshot(page, 'desktop-station-reconnecting')

  await page.evaluate(() => {
    ;(window as unknown as { __connection: object }).__connection = {
      state: 'unreachable',
      host: null,
      since: new Date(2026, 11, 1, 21, 7).toISOString(),
    }
  })
  await expect(badge).toHaveText('Host unreachable since 21:07')
  await screenshot(page, 'desktop-station-unreachable')
})

test('Settings → Share on the LAN starts sharing on the chosen address and shows where stations go', async ({
  page,
}) => {
  await addCallHost(page)
  await page.addInitScript(
    ({ token }) => {
      const w = window as unknown as Record<string, unknown>
      const choices = [
        { address: '127.0.0.1', label: 'this laptop only' },
        { address: '0.0.0.0', label: 'every network of this laptop' },
        { address: '192.168.1.20', label: 'wlan0' },
      ]
      let sharing = {
        on: false,
        address: '0.0.0.0',
        port: 8080,
        choices,
        station_urls: [] as string[],
        problem: null,
      }
      w.__sharingRequests = []
      Object.assign(window, {
        ticketi: {
          onLive: () => () => {},
          call: (name: string, input: unknown) => window.callHost(token, name, input),
          async shell() {
            return {
              ok: true,
              value: {
                needs_setup: false,
                operator: { name: 'Admin', role: 'admin' },
                kiosk: { on: false, event_id: null },
              },
            }
          },
          async sharing(request: { action: string; on?: boolean; address?: string; port?: number }) {
            ;(w.__sharingRequests as unknown[]).push(request)
            if (request.action === 'set') {
              const on = request.on!
              const hosts = request.address === '0.0.0.0' ? ['192.168.1.20'] : [request.address!]
              sharing = {
                ...sharing,
                on,
                address: request.address!,
                port: request.port!,
                station_urls: on ? hosts.map((h) => `http://${h}:${request.port}`) : [],
              }
            }
            return { ok: true, value: sharing }
          },
        },
      })
    },
    { token: adminToken() },
  )
  await page.goto(`${hostUrl()}/#/settings`)
  const card = page.getByRole('region', { name: 'Share on the LAN' })
  await expect(card.getByText('Off', { exact: true })).toBeVisible()
  await card.getByLabel('Address').selectOption('192.168.1.20')
  await card.getByLabel('Port').fill('80')
  await expect(card.getByRole('alert')).toHaveText('A port from 1024 to 65535.')
  await expect(card.getByRole('button', { name: 'Start sharing' })).toBeDisabled()
  await card.getByLabel('Port').fill('8090')
  await card.getByRole('button', { name: 'Start sharing' }).click()

  await expect(card.getByText('Sharing', { exact: true })).toBeVisible()
  await expect(card.getByRole('list', { name: 'Addresses for stations' })).toHaveText(
    'http://192.168.1.20:8090Copy',
  )
  await expect(card.getByRole('img', { name: "QR code of this host's join screen" })).toBeVisible()
  expect(
    await page.evaluate(() => (window as unknown as { __sharingRequests: unknown[] }).__sharingRequests),
  ).toContainEqual({
    action: 'set',
    on: true,
    address: '192.168.1.20',
    port: 8090,
  })
  await card.scrollIntoViewIfNeeded()
  await screenshot(page, 'desktop-share-on-lan')

  await card.getByRole('button', { name: 'Stop sharing' }).click()
  await expect(card.getByText('Off', { exact: true })).toBeVisible()
  await expect(card.getByRole('list', { name: 'Addresses for stations' })).toHaveCount(0)
})
