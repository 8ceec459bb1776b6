// The MVP demo, through the UI only: an organizer sets up the night, the box
// office sells, the door lets the guest in once, and the night's report and
// its CSV file agree with what happened.
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import Papa from 'papaparse'
import { chooseOption, figure, signIn, unique } from './support'

const COUNT_COLUMNS = [
  'capacity',
  'available',
  'assigned',
  'delivered',
  'email_pending',
  'email_failed',
  'checked_in',
  'inside_now',
  'no_show',
  'void',
] as const

async function typeOnKeypad(page: Page, code: string) {
  for (const digit of code) await page.getByRole('button', { name: digit, exact: true }).click()
}

test('create event → add type → seed → sell → door check-in → duplicate → reports and CSV agree', async ({
  page,
}) => {
  const night = unique('MVP Night')
  await signIn(page)

  // The organizer sets up the night on the Events page (where an admin lands).
  await expect(page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible()
  const newEvent = page.getByRole('region', { name: 'New event' })
  await newEvent.getByLabel('Name').fill(night)
  await newEvent.getByLabel('Venue').fill('Blue Room')
  await newEvent.getByLabel('Capacity').fill('50')
  await newEvent.getByRole('button', { name: 'Create event' }).click()
  await expect(newEvent.getByRole('status')).toContainText(`Created “${night}”`)

  const card = page.getByRole('region', { name: night })
  await card.getByLabel('Type name').fill('General')
  await card.getByLabel('Price').fill('12.50')
  await card.getByRole('button', { name: 'Add ticket type' }).click()
  await expect(card.getByRole('row', { name: /General/ })).toContainText('12.50')

  await card.getByLabel('Tickets to seed').fill('20')
  await card.getByLabel('Of ticket type').selectOption({ label: 'General' })
  await card.getByRole('button', { name: 'Seed tickets' }).click()
  await expect(card.getByRole('status')).toHaveText('Seeded 20 tickets; 20 available.')
  await expect(card.getByRole('definition').nth(1)).toHaveText('20')

  // The box office sells two tickets and reads the codes out.
  await page.getByRole('link', { name: 'Box office' }).click()
  await chooseOption(page, 'Event', night)
  await page.getByLabel('Customer name').fill('Ann Example')
  await page.getByLabel('Email').fill('ann@example.com')
  await page.getByLabel('Quantity').fill('2')
  await page.getByLabel('Payment').selectOption('card')
  await expect(page.getByTestId('sale-total')).toHaveText('€25.00')
  await page.getByLabel('Quantity').press('Enter')
  const codes = page.getByTestId('sold-code')
  await expect(codes).toHaveCount(2)
  const [first, second] = (await codes.allTextContents()).map((c) => c.trim())
  expect(first).toMatch(/^\d{3}$/)
  expect(second).toMatch(/^\d{3}$/)
  expect(first).not.toBe(second)
  await expect(page.getByTestId('sale-email-status')).toContainText('ann@example.com')

  // The door lets the first guest in, then refuses the same code in amber, saying since when.
  await page.getByRole('link', { name: 'Door' }).click()
  await chooseOption(page, 'Event', night)
  await typeOnKeypad(page, first!)
  const result = page.getByTestId('door-result')
  await expect(result).toHaveAttribute('data-result', 'OK')
  await expect(result).toContainText('Ann Example')
  await result.click()
  await expect(result).toBeHidden()
  await typeOnKeypad(page, first!)
  await expect(result).toHaveAttribute('data-result', 'DUPLICATE')
  await expect(result).toHaveClass(/bg-amber/)
  await expect(page.getByTestId('door-headline')).toHaveText(/Already in since \d{1,2}:\d{2}/)
  await result.click()

  // The reports count one guest in, one not yet arrived, and the card payment.
  await page.getByRole('link', { name: 'Reports' }).click()
  await chooseOption(page, 'Event', night)
  const total = page.getByTestId('counts-total')
  const cell = (column: string) => total.locator(`[data-column="${column}"]`)
  await expect(cell('assigned')).toHaveText('2')
  await expect(cell('checked_in')).toHaveText('1')
  await expect(cell('inside_now')).toHaveText('1')
  await expect(cell('no_show')).toHaveText('1')
  await expect(cell('available')).toHaveText('18')
  await expect(cell('capacity')).toHaveText('50')
  await expect(cell('revenue')).toHaveText('€25.00')
  const card_payments = page.locator('[data-testid="revenue-line"][data-method="card"]')
  await expect(card_payments.locator('[data-column="tickets"]')).toHaveText('2')
  await expect(card_payments.locator('[data-column="amount"]')).toHaveText('€25.00')

  // The CSV file saved from the page holds the same numbers.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^reconciliation-mvp-night-.*\.csv$/)
  const content = await readFile((await download.path())!, 'utf8')
  expect(content.startsWith('\uFEFF')).toBe(true)
  const rows = Papa.parse<Record<string, string>>(content.slice(1), {
    header: true,
    skipEmptyLines: true,
  }).data
  const csvTotal = rows.find((r) => r.ticket_type === 'All ticket types')!
  const csvType = rows.find((r) => r.ticket_type === 'General')!
  const pageType = page.getByTestId('counts-type').filter({ hasText: 'General' })
  for (const column of COUNT_COLUMNS) {
    expect(figure(csvTotal[column]), column).toBe(figure(await cell(column).textContent()))
    expect(figure(csvType[column]), `General ${column}`).toBe(
      figure(await pageType.locator(`[data-column="${column}"]`).textContent()),
    )
  }
  expect(figure(csvTotal.revenue)).toBe(figure(await cell('revenue').textContent()))
  expect(csvTotal).toMatchObject({ assigned: '2', checked_in: '1', no_show: '1', revenue: '25.00' })
  const csvCard = rows.find((r) => r.ticket_type === 'Paid by card')!
  expect(csvCard).toMatchObject({ assigned: '2', revenue: '25.00' })
})
