// The rest of the night on screen: a sample event for a newcomer, the charts on
// Reports and the Night screen for a projector (live from the door), backups in
// Settings, and the banner every screen shows when the host's disk is full.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import type { EventView, TicketPage } from '../src/shared/views'
import { startBuiltHost, type BuiltHost } from './built-host'
import { addCallHost, signInWithToken } from './support'

const TOKEN = 'night-e2e-admin-token-0123456789'
let host: BuiltHost
let dataDir: string

test.beforeAll(async () => {
  // A host of its own: the sample button shows only while there are no events at all.
  dataDir = mkdtempSync(join(tmpdir(), 'ticketi-e2e-night-'))
  host = await startBuiltHost(process.cwd(), dataDir, TOKEN)
})
test.afterAll(async () => {
  await host.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

async function operate<T>(page: Page, name: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${host.url}/api/v1/operations/${name}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
    data: input,
  })
  expect(response.ok(), await response.text()).toBe(true)
  return (await response.json()) as T
}

async function shoot(page: Page, name: string, fullPage = false) {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height })
    // The charts follow their box's new size before the picture is taken.
    await page.waitForTimeout(300)
    await page.screenshot({ path: `test-results/screenshots/${name}-${width}x${height}.png`, fullPage })
  }
  await page.setViewportSize({ width: 1280, height: 800 })
}

test.describe.configure({ mode: 'serial' })

test('a newcomer tries a sample event, and every screen has something to show', async ({ page }) => {
  await page.goto(host.url)
  await signInWithToken(page, TOKEN)
  await page.goto(`${host.url}/#/events`)
  await page.getByRole('button', { name: 'Try a sample event' }).click()
  await expect(page.getByRole('region', { name: /Sample night: Blue Room Jazz/ })).toBeVisible({
    timeout: 30_000,
  })
  await expect(page.getByRole('button', { name: 'Try a sample event' })).toHaveCount(0)

  await page.getByRole('link', { name: 'Reports' }).click()
  await expect(
    page.getByRole('img', { name: /^Arrivals per 15 minutes and guests inside: \d+ arrivals/ }),
  ).toBeVisible()
  await expect(
    page.getByRole('img', { name: /^Tickets sold per day by ticket type: \d+ over \d+ days/ }),
  ).toBeVisible()
  await shoot(page, 'reports-charts', true)
})

test('the Night screen shows the door in big type and follows it live', async ({ page }) => {
  await page.goto(host.url)
  await signInWithToken(page, TOKEN)
  const [event] = await operate<EventView[]>(page, 'listEvents', {})
  await page.goto(`${host.url}/#/night?event=${event!.id}`)
  await expect(page.getByTestId('night-title')).toHaveText('Sample night: Blue Room Jazz')
  const inside = page.getByTestId('night-inside')
  await expect(inside).toHaveText(/^\d+$/)
  await expect(page.getByRole('img', { name: /guests inside/ })).toBeVisible()
  await shoot(page, 'night')

  // A guest comes in at the door: the screen follows without a reload.
  const before = Number(await inside.textContent())
  const waiting = await operate<TicketPage>(page, 'listTickets', {
    event_id: event!.id,
    status: 'assigned',
    limit: 1,
  })
  await operate(page, 'checkIn', { event_id: event!.id, code: waiting.tickets[0]!.short_code })
  await expect(inside).toHaveText(String(before + 1))
  await expect(page.getByRole('img', { name: /guests inside/ })).toHaveAccessibleName(
    new RegExp(`${before + 1} inside now$`),
  )
})

test('Settings backs up now, lists the copy, and restores it at the next start after asking', async ({
  page,
}) => {
  await page.goto(host.url)
  await signInWithToken(page, TOKEN)
  await page.goto(`${host.url}/#/settings`)
  const card = page.getByRole('region', { name: 'Backups' })
  await expect(card.getByText('No backups yet.')).toBeVisible()
  await card.getByRole('button', { name: 'Back up now' }).click()
  await expect(card.getByRole('status')).toContainText('Backed up and checked: ticketi-manual-')
  const rows = card.getByRole('list', { name: 'Backups' }).getByRole('listitem')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('checked')

  await rows
    .first()
    .getByRole('button', { name: /^Restore/ })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' })
  await expect(dialog).toContainText('kept aside')
  await card.screenshot({ path: 'test-results/screenshots/settings-backups-card.png' })
  await page.screenshot({ path: 'test-results/screenshots/settings-backups-restore-1280x800.png' })
  // Not restoring asks for nothing.
  await dialog.getByRole('button', { name: 'Don’t restore' }).click()
  await expect(card.getByTestId('pending-restore')).toHaveCount(0)

  await rows
    .first()
    .getByRole('button', { name: /^Restore/ })
    .click()
  await page.getByRole('dialog').getByRole('button', { name: 'Restore at next start' }).click()
  await expect(card.getByTestId('pending-restore')).toContainText('Restart Ticketi to restore it')
  await card.getByRole('button', { name: 'Call off' }).click()
  await expect(card.getByTestId('pending-restore')).toHaveCount(0)
})

test('every screen shows a banner while the host says its disk is full', async ({ page }) => {
  // The host's answer when its disk is full; filling this machine's disk is no test to run.
  await page.route('**/api/v1/operations/health', (route) =>
    route.fulfill({
      json: { status: 'disk_full', problem: 'The disk is full', since: new Date().toISOString() },
    }),
  )
  await page.goto(host.url)
  await signInWithToken(page, TOKEN)
  for (const path of ['/events', '/box-office', '/door', '/reports', '/night', '/settings']) {
    await page.goto(`${host.url}/#${path}`)
    await expect(page.getByTestId('disk-full')).toContainText('The disk is full')
  }
  await page.goto(`${host.url}/#/box-office`)
  await page.screenshot({ path: 'test-results/screenshots/disk-full-banner-1280x800.png' })
  await page.unroute('**/api/v1/operations/health')
  await page.reload()
  await signInWithToken(page, TOKEN)
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
  await expect(page.getByTestId('disk-full')).toHaveCount(0)
})

test('the desktop app restarts itself to put a backup back, when the admin asks', async ({ page }) => {
  const copy = await operate<{ name: string }>(page, 'createBackup', {})
  await operate(page, 'restoreBackup', { name: copy.name })
  // The desktop shell stood in for: signed in as admin, its calls sent to the host, restarts recorded.
  await addCallHost(page)
  await page.addInitScript((token) => {
    const w = window as unknown as { ticketi: unknown; restarts: number }
    w.restarts = 0
    const state = { needs_setup: false, operator: { name: 'Admin', role: 'admin' }, kiosk: { on: false } }
    w.ticketi = {
      onLive: () => () => {},
      call: (name: string, input: unknown) => window.callHost(token, name, input),
      async shell(request: { action: string }) {
        if (request.action === 'restart') w.restarts++
        return { ok: true, value: state }
      },
    }
  }, TOKEN)
  await page.goto(`${host.url}/#/settings`)
  const card = page.getByRole('region', { name: 'Backups' })
  await expect(card.getByTestId('pending-restore')).toContainText(copy.name)
  await card.getByRole('button', { name: 'Restart now' }).click()
  await expect(card.getByTestId('pending-restore')).toHaveText(
    `Ticketi is restarting to put back ${copy.name}…`,
  )
  expect(await page.evaluate(() => (window as unknown as { restarts: number }).restarts)).toBe(1)
  await card.screenshot({ path: 'test-results/screenshots/settings-backups-restarting.png' })
  await operate(page, 'cancelRestore', {})
})
