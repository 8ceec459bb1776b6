// The page's policy allows no inline styles (style-src 'self'): the screens
// with bars must draw them without one, and Chromium must report no violation.
import { expect, test, type Page } from '@playwright/test'
import { operate, screenshot, signIn, unique } from './support'

function policyViolations(page: Page): string[] {
  const seen: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text())
  })
  return seen
}

test('the events page and the reports draw their bars under the strict style policy', async ({
  page,
  request,
}) => {
  const event = await operate(request, 'createEvent', {
    name: unique('Policy Night'),
    starts_at: '2026-12-01T19:00:00Z',
    capacity: 10,
  })
  const type = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'General',
    price_cents: 1500,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 10, ticket_type_id: type.id })
  await operate(request, 'assign', { event_id: event.id, customer: { name: 'Ann Example' }, quantity: 4 })
  const violations = policyViolations(page)

  await signIn(page, '/events')
  const sold = page.getByRole('meter', { name: 'Sold of capacity' }).first()
  await expect(sold).toBeVisible()
  await sold.scrollIntoViewIfNeeded()
  await screenshot(page, 'events-share-bar')

  await page.goto(page.url().replace(/#.*$/, `#/reports?event=${event.id}`))
  await expect(page.getByText('Sold of capacity')).toBeVisible()
  // 4 of 10 sold: the bar's filled part is 40% of the bar.
  const bar = page.locator('svg rect').first()
  const [filled, whole] = await Promise.all([bar.boundingBox(), bar.locator('..').boundingBox()])
  expect(filled!.width / whole!.width).toBeCloseTo(0.4, 1)
  await screenshot(page, 'reports-share-bars')
  expect(violations).toEqual([])
})
