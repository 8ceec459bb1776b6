// Live changes between stations: a sale at one counter shows at once on another
// counter's ticket list and on a door's counters, with no reload, and the header
// says whether this browser still hears its host.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { startBuiltHost } from './built-host'
import { hostUrl, makePairing, operate, screenshot, signIn, signInWithToken, unique } from './support'

async function pairedPage(browser: Browser, role: 'admin' | 'door', path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  if (role === 'admin') {
    await signIn(page, path)
  } else {
    const pairing = await makePairing(page.request, role, unique('Door'))
    await page.goto(pairing.join_url!)
    await page.getByRole('button', { name: 'Join' }).click()
    await expect(page.getByTestId('signed-in-as')).toBeVisible()
    await page.goto(`${hostUrl()}/#${path}`)
  }
  await expect(page.getByTestId('live-status')).toHaveText('Live')
  return page
}

test('a sale at one counter shows on another counter’s list and at the door without a reload', async ({
  browser,
  request,
}) => {
  const event = await operate(request, 'createEvent', {
    name: unique('Live Night'),
    starts_at: '2026-12-20T20:00:00+01:00',
    capacity: 50,
  })
  const type = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'Standard',
    price_cents: 1200,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 10, ticket_type_id: type.id })

  const watching = await pairedPage(browser, 'admin', `/box-office?event=${event.id}`)
  await watching.getByRole('search').getByLabel('Search').fill('Livia')
  await expect(watching.getByText('No tickets match.')).toBeVisible()
  const door = await pairedPage(browser, 'door', '/door')
  await door.getByLabel('Event', { exact: true }).selectOption(String(event.id))
  await expect(door.getByTestId('door-expected')).toHaveText('0')

  const selling = await pairedPage(browser, 'admin', `/box-office?event=${event.id}`)
  const form = selling.getByRole('region', { name: 'Sell tickets' })
  await form.getByLabel('Customer name').fill('Livia Live')
  await form.getByLabel('Quantity').fill('2')
  const sold = Date.now()
  await form.getByRole('button', { name: /^Sell/ }).click()

  // Nothing polls these any more: only the pushed change can bring them up to date.
  await expect(door.getByTestId('door-expected')).toHaveText('2')
  const doorMs = Date.now() - sold
  await expect(watching.getByTestId('ticket-row')).toHaveCount(2)
  await expect(watching.getByTestId('ticket-row').first()).toContainText('Livia Live')
  const listMs = Date.now() - sold
  test.info().annotations.push({ type: 'seen after', description: `door ${doorMs} ms, list ${listMs} ms` })
  await screenshot(watching, 'live-box-office-after-remote-sale')
  await screenshot(door, 'live-door-after-remote-sale')

  // A check-in at the door moves the other door counter too, and the counter's list status.
  const code = (await operate(request, 'listTickets', { event_id: event.id, q: 'Livia', limit: 5 }))
    .tickets[0]!.short_code!
  await operate(request, 'checkIn', { event_id: event.id, code })
  await expect(door.getByTestId('door-checked-in')).toHaveText('1')
  await expect(watching.getByTestId('ticket-row').filter({ hasText: /checked in/i })).toHaveCount(1)
  for (const page of [watching, door, selling]) await page.context().close()
})

test('the header says when the host cannot be reached, and since when', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketi-e2e-live-'))
  const token = 'live-e2e-admin-token-0123456789'
  const host = await startBuiltHost(process.cwd(), dataDir, token)
  try {
    await page.setViewportSize({ width: 1280, height: 800 })
    // The host answers, but not its stream (a proxy in the way, say): the page keeps trying.
    await page.route('**/api/v1/live', (route) => route.fulfill({ status: 503, body: '' }))
    await page.goto(host.url)
    await signInWithToken(page, token)
    const badge = page.getByTestId('live-status')
    await expect(badge).toHaveText('Reconnecting…')
    await screenshot(page, 'live-badge-reconnecting')
    await page.unroute('**/api/v1/live')
    await expect(badge).toHaveText('Live')
    await screenshot(page, 'live-badge-connected')
    await host.stop()
    await expect(badge).toHaveAttribute('data-status', /reconnecting|unreachable/)
    await expect(badge).toHaveText(/^Host unreachable since \d{1,2}:\d{2}/)
    await screenshot(page, 'live-badge-unreachable')
  } finally {
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
