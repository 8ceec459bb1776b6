// Doors that worked without the host, seen by the organizer: the tickets let in
// twice on the Reports page (live, with both CSVs), and their count for the admin
// at the door, never for a door station.
import { readFile } from 'node:fs/promises'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { hostUrl, makePairing, operate, screenshot, signIn, unique } from './support'

let nonces = 0

/** What a door that lost the host sends once it is back: admissions it made on its own. */
async function uploadAdmissions(
  request: APIRequestContext,
  token: string,
  eventId: number,
  admissions: Array<{ code: string; scanned_at: string }>,
) {
  const checkins = admissions.map((a) => ({
    event_id: eventId,
    code: a.code,
    nonce: `e2e-offline-${Date.now().toString(36)}-${++nonces}`,
    scanned_at: a.scanned_at,
    direction: 'in',
    offline_result: 'OK',
  }))
  const answer = await request.post(`${hostUrl()}/api/v1/checkins/upload`, {
    headers: { authorization: `Bearer ${token}` },
    data: { checkins },
  })
  expect(answer.status(), await answer.text()).toBe(200)
}

async function night(request: APIRequestContext) {
  const event = await operate(request, 'createEvent', {
    name: unique('Offline Night'),
    starts_at: '2026-12-01T19:00:00Z',
    capacity: 50,
  })
  const type = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'Standing',
    price_cents: 1800,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 10, ticket_type_id: type.id })
  const ada = await operate(request, 'assign', {
    event_id: event.id,
    customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
  })
  const bob = await operate(request, 'assign', {
    event_id: event.id,
    customer: { name: 'Bob Example', email: 'bob@example.com' },
  })
  const door1 = await operate(request, 'createStation', { name: unique('Door 1'), role: 'door' })
  const door2 = await operate(request, 'createStation', { name: unique('Door 2'), role: 'door' })
  return { event, ada: ada.tickets[0]!, bob: bob.tickets[0]!, door1, door2 }
}

async function download(page: Page, button: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ])
  return { name: file.suggestedFilename(), content: await readFile((await file.path())!, 'utf8') }
}

test('Reports list a ticket two offline doors let in, live, with the conflicts and check-in log CSVs', async ({
  page,
  request,
}) => {
  const { event, ada, bob, door1, door2 } = await night(request)
  await signIn(page, `/reports?event=${event.id}`)
  const section = page.getByRole('region', { name: /Door conflicts/ })
  await expect(section.getByTestId('door-conflicts-count')).toHaveText('0')
  await expect(section).toContainText('No ticket was let in twice')
  await section.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-door-conflicts-none')

  // Both doors lost the host and let Ada in; Bob came in once. The page follows without a reload.
  await uploadAdmissions(request, door1.token, event.id, [
    { code: ada.short_code!, scanned_at: '2026-12-01T19:05:00Z' },
    { code: bob.short_code!, scanned_at: '2026-12-01T19:06:00Z' },
  ])
  await uploadAdmissions(request, door2.token, event.id, [
    { code: ada.short_code!, scanned_at: '2026-12-01T19:12:00Z' },
  ])
  await expect(section.getByTestId('door-conflicts-count')).toHaveText('1')
  const rows = section.getByTestId('door-conflict-admission')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toContainText(ada.short_code!)
  await expect(rows.nth(0)).toContainText('Ada Lovelace')
  await expect(rows.nth(0)).toContainText('Standing')
  await expect(rows.nth(0)).toContainText(door1.name)
  await expect(rows.nth(0)).toContainText('Offline')
  await expect(rows.nth(0)).toContainText('First: counted')
  await expect(rows.nth(1)).toContainText(door2.name)
  await expect(rows.nth(1)).toContainText('Again')
  await expect(section).not.toContainText('Bob Example')
  await section.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-door-conflicts')

  const conflicts = await download(page, 'Conflicts CSV')
  expect(conflicts.name).toMatch(/^door-conflicts-offline-night-.*\.csv$/)
  expect(conflicts.content.startsWith('\uFEFF')).toBe(true)
  const lines = conflicts.content.slice(1).split('\r\n').filter(Boolean)
  expect(lines).toHaveLength(3)
  expect(lines[1]).toContain(`${ada.short_code},Ada Lovelace,Standing,${door1.name},2026-12-01T19:05:00.000Z`)
  expect(lines[2]).toContain(`${door2.name},2026-12-01T19:12:00.000Z`)

  const log = await download(page, 'Check-in log CSV')
  expect(log.name).toMatch(/^checkins-offline-night-.*\.csv$/)
  const logLines = log.content.slice(1).split('\r\n').filter(Boolean)
  expect(logLines[0]).toBe(
    'scanned_at,uploaded_at,station,operator,code,direction,result,offline,conflict,ticket_type',
  )
  expect(logLines.slice(1).map((l) => l.split(',')[6])).toEqual(['OK', 'OK', 'DUPLICATE'])
})

test('the admin at the door sees how many conflicts there are; a door station never does', async ({
  page,
  browser,
  request,
}) => {
  const { event, ada, door1, door2 } = await night(request)
  await uploadAdmissions(request, door1.token, event.id, [
    { code: ada.short_code!, scanned_at: '2026-12-01T19:05:00Z' },
  ])
  await uploadAdmissions(request, door2.token, event.id, [
    { code: ada.short_code!, scanned_at: '2026-12-01T19:07:00Z' },
  ])

  await signIn(page, '/door')
  await page.getByLabel('Event', { exact: true }).selectOption(String(event.id))
  await expect(page.getByTestId('door-conflicts')).toHaveText(
    '1 ticket was let in twice by doors that could not reach the host: see Door conflicts in Reports.',
  )
  await expect(page.getByTestId('door-checked-in')).toHaveText('1')
  await screenshot(page, 'door-admin-conflicts')

  const doorPage = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const { pairing_code } = await makePairing(doorPage.request, 'door', unique('Door'))
  await doorPage.goto(hostUrl())
  await doorPage.getByLabel('Pairing code').fill(pairing_code)
  await doorPage.getByRole('button', { name: 'Join' }).click()
  await doorPage.getByLabel('Event', { exact: true }).selectOption(String(event.id))
  await expect(doorPage.getByTestId('door-checked-in')).toHaveText('1')
  await expect(doorPage.getByTestId('door-conflicts')).toHaveCount(0)
  await screenshot(doorPage, 'door-station-no-conflicts')
  await doorPage.close()
})

test('the admin at the door sees no conflict note on a night without conflicts', async ({
  page,
  request,
}) => {
  const { event } = await night(request)
  await signIn(page, '/door')
  await page.getByLabel('Event', { exact: true }).selectOption(String(event.id))
  await expect(page.getByTestId('door-expected')).toHaveText('2')
  await expect(page.getByTestId('door-conflicts')).toHaveCount(0)
})
