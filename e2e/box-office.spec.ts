// The box office as a new seller meets it: the form clears what belonged to the
// last sale, a walk-in buys with nothing but cash, refusals say what to do beside
// the field at fault, and the codes survive a reload and reach a late email.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { startTestSmtp, type TestSmtp } from '../test/support/smtp'
import { chooseOption, hostUrl, operate, screenshot, signIn, signInWithToken, unique } from './support'

async function nightWithTypes(request: APIRequestContext, vipCapacity: number | null = null) {
  const event = await operate(request, 'createEvent', {
    name: unique('Counter Night'),
    starts_at: '2026-12-18T20:00:00+01:00',
    capacity: 100,
  })
  const standard = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'Standard',
    price_cents: 1500,
  })
  const vip = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'VIP',
    price_cents: 5000,
    capacity: vipCapacity,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 20, ticket_type_id: standard.id })
  await operate(request, 'seedInventory', {
    event_id: event.id,
    count: vipCapacity ?? 10,
    ticket_type_id: vip.id,
  })
  return { event, standard, vip }
}

const sellForm = (page: Page) => page.getByRole('region', { name: 'Sell tickets' })

test('after a comp sale the form is ready for a paying guest: cash, one ticket, no customer; the type stays', async ({
  page,
  request,
}) => {
  const { event } = await nightWithTypes(request)
  await signIn(page, `/box-office?event=${event.id}`)
  const form = sellForm(page)
  await form.getByLabel('Customer name').fill('Guest List Gina')
  await form.getByLabel('Email').fill('gina@example.com')
  await form.getByLabel('Phone').fill('+31 6 1111 2222')
  await form.getByLabel('Ticket holder').fill('Gina’s friend')
  await chooseOption(page, 'Ticket type', 'VIP')
  await form.getByLabel('Quantity').fill('2')
  await form.getByLabel('Payment').selectOption('comp')
  await expect(page.getByTestId('sale-total')).toHaveText('€0.00')
  await form.getByRole('button', { name: 'Sell 2 tickets' }).click()
  await expect(page.getByTestId('sold-code')).toHaveCount(2)

  await expect(form.getByLabel('Payment')).toHaveValue('cash')
  await expect(form.getByLabel('Quantity')).toHaveValue('1')
  for (const field of ['Customer name', 'Email', 'Phone', 'Ticket holder']) {
    await expect(form.getByLabel(field)).toHaveValue('')
  }
  await expect(form.getByLabel('Ticket type').locator('option:checked')).toContainText('VIP')
  // The next guest pays the VIP price.
  await expect(page.getByTestId('sale-total')).toHaveText('€50.00')
  await expect(form.getByLabel('Customer name')).toBeFocused()
  await screenshot(page, 'box-office-after-comp')
})

test('a walk-in pays cash and gives nothing: codes on screen, no email; an address given later gets the codes', async ({
  page,
  request,
}) => {
  const { event } = await nightWithTypes(request)
  await signIn(page, `/box-office?event=${event.id}`)
  const form = sellForm(page)
  await form.getByLabel('Quantity').fill('2')
  await form.getByRole('button', { name: 'Sell 2 tickets' }).click()
  const codes = page.getByTestId('sold-code')
  await expect(codes).toHaveCount(2)
  const sold = (await codes.allTextContents()).map((c) => c.trim())
  await expect(page.getByRole('heading', { name: 'Sold to Walk-in' })).toBeVisible()
  await expect(page.getByTestId('sale-email-status')).toContainText('No email address')

  // A second walk-in, with a name only, is a sale (and a customer) of its own.
  await form.getByLabel('Customer name').fill('Cash Carl')
  await form.getByRole('button', { name: 'Sell ticket' }).click()
  await expect(page.getByRole('heading', { name: 'Sold to Cash Carl' })).toBeVisible()
  const session = page.getByRole('navigation', { name: 'This session’s sales' })
  await expect(session.getByRole('button')).toHaveCount(2)

  // A reload (a slip of F5) keeps this session's sales and their codes.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Sold to Cash Carl' })).toBeVisible()
  await session.getByRole('button', { name: /Walk-in/ }).click()
  await expect(page.getByRole('heading', { name: 'Sold to Walk-in' })).toBeVisible()
  expect((await codes.allTextContents()).map((c) => c.trim())).toEqual(sold)
  await page.screenshot({
    path: 'test-results/screenshots/box-office-session-sales-1280x800.png',
    fullPage: true,
  })
  const stored = await page.evaluate(() => JSON.stringify(window.sessionStorage))
  expect(stored).not.toContain('uuid')
  expect(stored).not.toContain(process.env.TICKETI_E2E_TOKEN)

  // The walk-in asks for the codes by email after all.
  const late = page.getByRole('form', { name: 'Email the codes' })
  await late.getByLabel('Email the codes to').fill('wes@example')
  await late.getByRole('button', { name: 'Send codes' }).click()
  await expect(late.getByRole('alert')).toHaveText('Type an email address like ann@example.com')
  await late.getByLabel('Email the codes to').fill('wes@example.com')
  await expect(late.getByRole('alert')).toHaveCount(0)
  await late.getByRole('button', { name: 'Send codes' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'queued for wes@example.com' })).toBeVisible()
  await expect(page.getByTestId('sale-email-status')).toContainText('on their way to wes@example.com')
  await screenshot(page, 'box-office-walk-in-emailed')
  const emails = await operate(request, 'listEmails', { event_id: event.id })
  expect(emails.emails.map((e) => e.recipient)).toEqual(['wes@example.com'])

  // Another station signing in at this tab sees none of these sales.
  const till = await operate(request, 'createStation', { name: unique('Till'), role: 'boxoffice' })
  await page.getByRole('button', { name: 'Sign out' }).click()
  await signInWithToken(page, till.token)
  await page.goto(`${hostUrl()}/#/box-office?event=${event.id}`)
  await expect(page.getByRole('heading', { name: 'Codes' })).toBeVisible()
  await expect(codes).toHaveCount(0)
})

test('a refusal says what is wrong beside the field, in the venue’s words, and goes once the field changes', async ({
  page,
  request,
}) => {
  const { event } = await nightWithTypes(request, 2)
  await signIn(page, `/box-office?event=${event.id}`)
  const form = sellForm(page)
  await form.getByLabel('Email').fill('bo@example')
  await form.getByLabel('Phone').fill('call me')
  await form.getByRole('button', { name: 'Sell ticket' }).click()
  const email = form.getByLabel('Email')
  await expect(email).toHaveAttribute('aria-invalid', 'true')
  await expect(email).toHaveAccessibleDescription('Type an email address like ann@example.com')
  await expect(form.getByLabel('Phone')).toHaveAccessibleDescription(/^Type a phone number of digits/)
  await expect(form.getByLabel('Customer name')).toHaveAccessibleDescription(/^Type the customer’s name/)
  await expect(form).not.toContainText(/customer\.|expected|Too small|Invalid/)
  await screenshot(page, 'box-office-field-errors')

  await email.fill('bo@example.com')
  await expect(email).not.toHaveAttribute('aria-invalid')
  await expect(form.getByText('Type an email address like ann@example.com')).toHaveCount(0)
  await expect(form.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true')
  await form.getByLabel('Phone').fill('')
  await form.getByLabel('Customer name').fill('Bo Example')

  // More VIP tickets than its cap: how many are left of that type, and what to do.
  await chooseOption(page, 'Ticket type', 'VIP')
  await form.getByLabel('Quantity').fill('3')
  await form.getByRole('button', { name: 'Sell 3 tickets' }).click()
  const shortage = form.getByRole('alert')
  await expect(shortage).toContainText('Only 2 “VIP” tickets are left')
  await expect(shortage).toContainText(
    'Sell 2 or fewer, or choose another ticket type (“VIP” is capped at 2 tickets).',
  )
  await expect(shortage).not.toContainText(/seed/i)
  await expect(page.getByTestId('sold-code')).toHaveCount(0)
  await expect(form.getByLabel('Customer name')).toHaveValue('Bo Example')
  await screenshot(page, 'box-office-shortage')
  await form.getByLabel('Quantity').fill('2')
  await expect(shortage).toHaveCount(0)

  await form.getByRole('button', { name: 'Sell 2 tickets' }).click()
  await expect(page.getByTestId('sold-code')).toHaveCount(2)
  // The sold-out type can no longer be chosen; the form moved on to one still on sale.
  const vipOption = form.getByLabel('Ticket type').locator('option', { hasText: 'VIP' })
  await expect(vipOption).toBeDisabled()
  await expect(vipOption).toContainText('sold out')
  await expect(form.getByLabel('Ticket type').locator('option:checked')).toContainText('Standard')
  await screenshot(page, 'box-office-sold-out-type')
})

test.describe('the Emails tab', () => {
  let smtp: TestSmtp

  test.beforeAll(async ({ request }) => {
    smtp = await startTestSmtp({ refuse: (address) => address.startsWith('nobody@') })
    await operate(request, 'updateMailSettings', {
      transport: 'smtp',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      from_address: 'tickets@venue.example',
    })
  })

  test.afterAll(async ({ request }) => {
    // The other tests share this host: it goes back to the file transport of a new install.
    await operate(request, 'updateMailSettings', { transport: 'file' })
    await smtp.close()
  })

  test('lists the outbox with status, attempts and last error, and resends a sale’s codes', async ({
    page,
    request,
  }) => {
    const { event, standard } = await nightWithTypes(request)
    for (const email of ['ann@example.com', 'nobody@example.com']) {
      await operate(request, 'assign', {
        event_id: event.id,
        customer: { name: 'Ann Example', email },
        ticket_type_id: standard.id,
      })
    }
    await signIn(page, `/box-office?event=${event.id}`)
    await page.getByRole('tab', { name: 'Emails' }).click()
    const outbox = page.getByRole('region', { name: 'Emails' })
    const rows = outbox.getByTestId('email-row')
    await expect(rows).toHaveCount(2)
    const refused = rows.filter({ hasText: 'nobody@example.com' })
    await expect(refused).toContainText('failed', { timeout: 15_000 })
    await expect(refused).toContainText('550')
    await expect(refused.getByRole('cell').nth(2)).toHaveText('1')
    await expect(rows.filter({ hasText: 'ann@example.com' })).toContainText('sent', { timeout: 15_000 })
    await screenshot(page, 'box-office-emails')

    await outbox.getByRole('button', { name: 'Resend the codes emailed to ann@example.com' }).click()
    await expect(outbox.getByRole('status')).toHaveText(
      'The codes email is queued again for ann@example.com.',
    )
    await expect(rows).toHaveCount(3)
    await expect.poll(() => smtp.arrivals.filter((a) => a.to.includes('ann@example.com')).length).toBe(2)

    // The refused address was a typo: the codes go to the corrected one, which the customer keeps.
    await outbox.getByRole('button', { name: 'Send to another address than nobody@example.com' }).click()
    await outbox.getByLabel('Email the codes to').fill('nobody.else@example.com')
    await screenshot(page, 'box-office-emails-other-address')
    await outbox.getByRole('button', { name: 'Send codes' }).click()
    await expect(outbox.getByRole('status')).toHaveText(
      'The codes email is queued again for nobody.else@example.com.',
    )
    await expect(rows).toHaveCount(4)
    await expect(rows.first()).toContainText('nobody.else@example.com')
    await expect(rows.first()).toContainText('sent', { timeout: 15_000 })
    // The tab is part of the address: a reload stays on it.
    await page.reload()
    await expect(page.getByRole('tab', { name: 'Emails' })).toHaveAttribute('aria-selected', 'true')
    await expect(rows).toHaveCount(4)
  })
})
