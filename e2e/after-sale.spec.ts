// The box office's changes after a sale, on the ticket found by search: void,
// transfer and refund, each through its dialog, by keyboard and by touch, and the
// door refuses the old codes at once.
import { expect, test, type APIRequestContext } from '@playwright/test'
import { hostUrl, adminToken, operate, screenshot, signIn, unique } from './support'

async function night(request: APIRequestContext) {
  const event = await operate(request, 'createEvent', {
    name: unique('After Sale Night'),
    starts_at: '2026-12-14T20:00:00Z',
    capacity: 20,
  })
  const type = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'Standard',
    price_cents: 1500,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 20, ticket_type_id: type.id })
  return event.id
}

async function doorAnswer(request: APIRequestContext, eventId: number, code: string) {
  const response = await request.post(`${hostUrl()}/api/v1/checkin`, {
    headers: { authorization: `Bearer ${adminToken()}` },
    data: { event_id: eventId, code },
  })
  const body = (await response.json()) as { result?: string; code?: string }
  return body.result ?? body.code
}

test('voiding a ticket asks why, shows the reason on the ticket, and the door refuses its code', async ({
  page,
  request,
}) => {
  const eventId = await night(request)
  const sale = await operate(request, 'assign', {
    event_id: eventId,
    customer: { name: 'Vera Void', email: 'vera@example.com' },
  })
  const code = sale.tickets[0]!.short_code!
  await signIn(page, `/box-office?event=${eventId}`)
  await page.getByRole('search').getByLabel('Search').fill('Vera')
  const row = page.getByTestId('ticket-row')
  await expect(row).toHaveCount(1)
  await page.getByText('1 ticket.').scrollIntoViewIfNeeded()
  await screenshot(page, 'box-office-ticket-actions')

  await page.getByRole('button', { name: `Void ticket ${code}` }).click()
  const dialog = page.getByRole('dialog', { name: 'Void ticket' })
  await expect(dialog.getByLabel('Why is it voided?')).toBeFocused()
  // Keyboard only: Enter without a reason is refused in words, then a reason and Enter void it.
  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
  await page.keyboard.type('Sold twice by mistake')
  await screenshot(page, 'box-office-void-dialog')
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('ticket-change-done')).toContainText(`Ticket ${code} is void`)
  await expect(row.first()).toContainText('void')
  await expect(page.getByTestId('void-note')).toContainText('Sold twice by mistake')
  expect(await doorAnswer(request, eventId, code)).toBe('VOID')
})

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true })

  test('transferring a ticket gives the new holder a new code and the old code answers VOID', async ({
    page,
    request,
  }) => {
    const eventId = await night(request)
    const sale = await operate(request, 'assign', {
      event_id: eventId,
      customer: { name: 'Tom Transfer', email: 'tom@example.com' },
    })
    const oldCode = sale.tickets[0]!.short_code!
    await signIn(page, `/box-office?event=${eventId}`)
    await page.getByRole('search').getByLabel('Search').fill('Tom')
    await page.getByRole('button', { name: `Transfer ticket ${oldCode}` }).tap()
    const dialog = page.getByRole('dialog', { name: 'Transfer ticket' })
    await dialog.getByLabel('Email (optional)').fill('nina@localhost')
    await dialog.getByLabel('New holder’s name').fill('Nina New')
    await dialog.getByRole('button', { name: 'Transfer' }).tap()
    await expect(dialog.getByRole('alert')).toContainText('Type an email address like ann@example.com')
    await screenshot(page, 'box-office-transfer-error')
    await dialog.getByLabel('Email (optional)').fill('nina@example.com')
    await dialog.getByRole('button', { name: 'Transfer' }).tap()
    await expect(dialog).toBeHidden()
    const done = page.getByTestId('ticket-change-done')
    await expect(done).toContainText('Transferred to Nina New')
    await expect(done).toContainText(`The old code ${oldCode} answers VOID`)
    await screenshot(page, 'box-office-transfer-done')
    const newCode = /new code is (\d+)/.exec((await done.textContent()) ?? '')![1]!
    expect(await doorAnswer(request, eventId, oldCode)).toBe('VOID')
    expect(await doorAnswer(request, eventId, newCode)).toBe('OK')
  })
})

test('a refund is prefilled with what is left, refuses more, and voids the tickets chosen', async ({
  page,
  request,
}) => {
  const eventId = await night(request)
  const sale = await operate(request, 'assign', {
    event_id: eventId,
    customer: { name: 'Rita Refund', email: 'rita@example.com' },
    quantity: 2,
    payment_method: 'card',
  })
  const [first, second] = sale.tickets
  await signIn(page, `/box-office?event=${eventId}`)
  await page.getByRole('search').getByLabel('Search').fill('Rita')
  await expect(page.getByTestId('ticket-row')).toHaveCount(2)
  await page.getByRole('button', { name: `Refund ticket ${first!.short_code}` }).click()
  const dialog = page.getByRole('dialog', { name: 'Refund' })
  const amount = dialog.getByLabel('Amount')
  await expect(amount).toHaveValue('30.00')
  await expect(dialog.getByLabel('Money goes back by')).toHaveValue('card')
  // One ticket goes back: the amount follows the choice.
  await dialog.getByRole('checkbox', { name: new RegExp(`Code ${second!.short_code}`) }).uncheck()
  await expect(amount).toHaveValue('15.00')
  await amount.fill('40')
  await dialog.getByLabel('Why does the money go back?').fill('Could not come')
  await dialog.getByRole('button', { name: 'Refund' }).click()
  await expect(dialog.getByText(/At most .*30\.00 can be refunded/).first()).toBeVisible()
  await screenshot(page, 'box-office-refund-error')
  await amount.fill('15.00')
  await expect(dialog.getByText(/can be refunded/)).toHaveCount(0)
  await dialog.getByLabel('Money goes back by').selectOption('cash')
  await dialog.getByRole('checkbox', { name: 'Put the tickets back on sale' }).check()
  await screenshot(page, 'box-office-refund-dialog')
  await dialog.getByRole('button', { name: 'Refund' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('ticket-change-done')).toContainText(
    'refunded by cash; 1 ticket is void and back on sale.',
  )
  await expect(page.getByTestId('void-note')).toContainText('Refunded: Could not come')
  await screenshot(page, 'box-office-refund-done')
  expect(await doorAnswer(request, eventId, first!.short_code!)).toBe('VOID')
  expect(await doorAnswer(request, eventId, second!.short_code!)).toBe('OK')
  const report = await operate(request, 'reconciliation', { event_id: eventId })
  expect(report.revenue.find((r) => r.payment_method === 'cash')!.net_cents).toBe(-1500)
  expect(report.net_revenue_cents).toBe(1500)

  // Reports: the refund on its own line, the net, and the shift's cash-up to print.
  await page.goto(`${hostUrl()}/#/reports?event=${eventId}`)
  const cash = page.getByTestId('revenue-line').and(page.locator('[data-method="cash"]'))
  await expect(cash.locator('[data-column="refunded"]')).toHaveText('€15.00')
  await expect(page.getByTestId('net-revenue')).toHaveText('€15.00')
  const cashUp = page.getByRole('region', { name: 'Cash-up' })
  // This browser's station gave the cash back; the card sale was made by another.
  const till = (await operate(request, 'getSale', { sale_id: sale.sale_id })).refunds[0]!.station
  await cashUp.getByLabel('Station').fill(till)
  await expect(cashUp.getByTestId('cash-up-scope')).toContainText(till)
  await expect(cashUp.getByTestId('cash-expected')).toHaveText('-€15.00')
  await cashUp.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-cash-up')
  await page.emulateMedia({ media: 'print' })
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, 'reports-cash-up-print')
})
