// Reports for the right people, in the venue's words and format: a door
// station counts guests but never sees money, and the venue's locale and time
// zone (Settings) change how every screen writes a date.
import { expect, test, type Page } from '@playwright/test'
import { formatVenueDateTime } from '../src/shared/venue-format'
import { hostUrl, operate, screenshot, signIn, signInWithToken, unique } from './support'

/** An event at 19:00 UTC (20:00 in Paris) with one sale by email and one to a phone-only customer. */
async function night(request: Parameters<typeof operate>[0]) {
  const event = await operate(request, 'createEvent', {
    name: unique('Format Night'),
    venue: 'Blue Room',
    starts_at: '2026-12-01T19:00:00Z',
    capacity: 50,
  })
  const type = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'General',
    price_cents: 2500,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 10, ticket_type_id: type.id })
  await operate(request, 'assign', {
    event_id: event.id,
    customer: { name: 'Ann Example', email: 'ann@example.com' },
    quantity: 2,
    payment_method: 'card',
  })
  await operate(request, 'assign', {
    event_id: event.id,
    customer: { name: 'Cat Phone', phone: '+31 20 555 0101' },
  })
  return event
}

async function signInWith(page: Page, token: string) {
  await page.goto(hostUrl())
  await signInWithToken(page, token)
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
}

test('a door station sees its counters and never the Reports page or any revenue', async ({
  page,
  request,
}) => {
  const event = await night(request)
  const door = await operate(request, 'createStation', { name: unique('Door'), role: 'door' })
  const refusals: string[] = []
  page.on('response', (response) => {
    if (response.status() === 403) refusals.push(response.url())
  })

  await signInWith(page, door.token)
  await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link')).toHaveText(['Door'])
  await page.getByLabel('Event', { exact: true }).selectOption(String(event.id))
  await expect(page.getByTestId('door-expected')).toHaveText('3')
  await expect(page.getByTestId('door-checked-in')).toHaveText('0')
  await screenshot(page, 'door-station-counters')

  // Typing the Reports address lands back on the door, with no money anywhere.
  await page.goto(`${hostUrl()}/#/reports?event=${event.id}`)
  await expect(page.getByLabel('Typed code')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Reports' })).toHaveCount(0)
  await expect(page.getByText(/revenue|€/i)).toHaveCount(0)
  expect(refusals).toEqual([])

  // The host refuses the money to the door token itself, whatever a screen shows.
  for (const route of ['reconciliation', 'reconciliation.csv']) {
    const answer = await request.get(`${hostUrl()}/api/v1/reports/${route}?event_id=${event.id}`, {
      headers: { authorization: `Bearer ${door.token}` },
    })
    expect(answer.status(), route).toBe(403)
    expect(await answer.json()).toMatchObject({ code: 'FORBIDDEN' })
  }
})

test('reports name the no-shows once and say how many sales had no email', async ({ page, request }) => {
  const event = await night(request)
  await signIn(page, `/reports?event=${event.id}`)
  await expect(page.getByTestId('headline-no_show')).toHaveText('3')
  await expect(page.getByText('Not arrived')).toHaveCount(0)
  await expect(page.getByRole('columnheader', { name: 'No-show' })).toHaveCount(1)
  await expect(page.getByTestId('delivered-summary')).toHaveText(/^\d+ delivered · 1 sale had no email$/)
  await page.getByTestId('delivered-summary').scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-no-show')
})

test('reports warn of possible code guessing at a station the host names', async ({ page, request }) => {
  const event = await night(request)
  // The host's own answer, with a guessing station added as the check-in pacing reports one.
  await page.route('**/api/v1/operations/reconciliation', async (route) => {
    const report = await (await route.fetch()).json()
    const last_miss_at = new Date().toISOString()
    await route.fulfill({
      json: { ...report, guessing: [{ station: 'Door 3', misses: 22, admissions: 4, last_miss_at }] },
    })
  })
  await signIn(page, `/reports?event=${event.id}`)
  await expect(page.getByTestId('guessing-warning')).toContainText('Possible code guessing at Door 3')
  await expect(page.getByTestId('guessing-warning')).toContainText('22 unknown codes and 4 let in')
  await screenshot(page, 'reports-guessing-warning')
})

test.describe('the venue format', () => {
  // Every test shares one host: put the format back as the other files expect it.
  test.afterEach(async ({ request }) => {
    await operate(request, 'updateVenueSettings', { locale: null, time_zone: null })
  })

  test('set in Settings, it changes how every screen writes a date and a price', async ({
    page,
    request,
  }) => {
    const event = await night(request)
    await signIn(page, '/events')
    // The host's own system until the venue chooses, whatever this browser's.
    const system = await operate(request, 'getVenueSettings', {})
    const asSystem = { locale: system.system_locale, time_zone: system.system_time_zone }
    await expect(page.getByRole('region', { name: event.name })).toContainText(
      formatVenueDateTime(event.starts_at, asSystem),
    )

    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByLabel('Locale').fill('fr-FR')
    await page.getByLabel('Time zone').fill('Europe/Paris')
    await expect(page.getByTestId('venue-sample')).toContainText('1 déc. 2026, 20:00')
    await page.getByRole('button', { name: 'Save format' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Every screen' })).toBeVisible()
    await screenshot(page, 'settings-venue-format')

    await page.getByRole('link', { name: 'Events' }).click()
    await expect(page.getByRole('region', { name: event.name })).toContainText('1 déc. 2026, 20:00')
    await screenshot(page, 'events-fr-FR')

    await page.getByRole('link', { name: 'Reports' }).click()
    await page.getByLabel('Event', { exact: true }).selectOption(String(event.id))
    await expect(page.getByTestId('headline-revenue')).toHaveText(/^75,00\s€$/)
    await screenshot(page, 'reports-fr-FR')

    // A reload keeps it: the host holds the setting, not this browser.
    await page.reload()
    await expect(page.getByTestId('headline-revenue')).toHaveText(/^75,00\s€$/)

    await operate(request, 'updateVenueSettings', { locale: 'en-GB', time_zone: 'America/New_York' })
    // Another admin's change reaches this screen at its next start.
    await page.goto(`${hostUrl()}/#/events`)
    await page.reload()
    await expect(page.getByRole('region', { name: event.name })).toContainText('1 Dec 2026, 14:00')
  })

  test("a start typed in the event form is read on the venue's clock, not this browser's", async ({
    page,
    request,
  }) => {
    await operate(request, 'updateVenueSettings', { locale: 'en-GB', time_zone: 'Asia/Tokyo' })
    await signIn(page, '/events')
    const name = unique('Tokyo Night')
    const form = page.getByRole('region', { name: 'New event' })
    await form.getByLabel('Name').fill(name)
    await form.getByLabel('Doors open').fill('2026-12-01T20:00')
    await form.getByLabel('Capacity').fill('20')
    await form.getByRole('button', { name: 'Create event' }).click()
    await expect(form.getByRole('status')).toContainText(name)
    await expect(page.getByRole('region', { name })).toContainText('1 Dec 2026, 20:00')
    const created = (await operate(request, 'listEvents', {})).find((e) => e.name === name)!
    // 20:00 in Tokyo is 11:00 UTC, whatever time zone the browser runs in.
    expect(new Date(created.starts_at).toISOString()).toBe('2026-12-01T11:00:00.000Z')
  })

  test('a locale or time zone that does not exist is refused in words and changes nothing', async ({
    page,
  }) => {
    await signIn(page, '/settings')
    await page.getByLabel('Locale').fill('xx_nowhere')
    await page.getByLabel('Time zone').fill('Mars/Olympus')
    await page.getByRole('button', { name: 'Save format' }).click()
    await expect(page.getByRole('alert')).toContainText('must be a locale like fr-FR')
    await expect(page.getByRole('alert')).toContainText('must be a time zone like Europe/Paris')
    await screenshot(page, 'settings-venue-format-refused')
  })
})
