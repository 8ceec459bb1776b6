// The email settings screen: a new install writes .eml files with no setup, and
// "Send test email" reports the mail server's own answer, accepted or refused.
import { expect, test } from '@playwright/test'
import { startTestSmtp, type TestSmtp } from '../test/support/smtp'
import { chooseOption, operate, signIn } from './support'

let smtp: TestSmtp

test.beforeAll(async () => {
  smtp = await startTestSmtp({ refuse: (address) => address.startsWith('nobody@') })
})

test.afterAll(async ({ request }) => {
  // The other tests share this host: it goes back to the file transport of a new install.
  await operate(request, 'updateMailSettings', { transport: 'file' })
  await smtp.close()
})

test('the test email reports the server answer, and a refused recipient in words', async ({ page }) => {
  await signIn(page, '/settings')
  const email = page.getByRole('region', { name: 'Email' })
  await expect(email.getByLabel('Send emails')).toHaveValue('file')

  await email.getByLabel('Send a test email to').fill('organizer@example.com')
  await email.getByRole('button', { name: 'Send test email' }).click()
  await expect(email.getByRole('status')).toContainText('Accepted')

  await chooseOption(page, 'Send emails', 'SMTP server')
  await email.getByLabel('SMTP server').fill('127.0.0.1')
  await email.getByLabel('Port').fill(String(smtp.port))
  await chooseOption(page, 'Encryption', 'None')
  await email.getByLabel('Sender address').fill('tickets@venue.example')
  await email.getByRole('button', { name: 'Save email settings' }).click()
  await expect(email.getByText('Saved.')).toBeVisible()

  await email.getByLabel('Send a test email to').fill('organizer@example.com')
  await email.getByRole('button', { name: 'Send test email' }).click()
  await expect(email.getByRole('status').last()).toContainText('Accepted. The server answered: 250')
  await expect.poll(() => smtp.arrivals.map((a) => a.to).flat()).toContain('organizer@example.com')

  await email.getByLabel('Send a test email to').fill('nobody@example.com')
  await email.getByRole('button', { name: 'Send test email' }).click()
  await expect(email.getByRole('alert')).toContainText('550')
  await page.screenshot({ path: 'test-results/screenshots/settings-email-1280x800.png', fullPage: true })
})

test('a port that is not a number is refused with a message and nothing changes', async ({
  page,
  request,
}) => {
  const before = await operate(request, 'getMailSettings', {})
  await signIn(page, '/settings')
  const email = page.getByRole('region', { name: 'Email' })
  await chooseOption(page, 'Send emails', 'SMTP server')
  await email.getByLabel('SMTP server').fill('mail.example.com')
  await email.getByLabel('Port').fill('not a port')
  await email.getByRole('button', { name: 'Save email settings' }).click()
  await expect(email.getByRole('alert')).toContainText(/port/i)
  expect(await operate(request, 'getMailSettings', {})).toEqual(before)
})

test('"Off" and then the folder are saved on a host where no sender was ever typed', async ({
  page,
  request,
}) => {
  // As on a new install: the first test typed a sender address, which would hide the fallback one.
  await operate(request, 'updateMailSettings', { transport: 'file' })
  await signIn(page, '/settings')
  const email = page.getByRole('region', { name: 'Email' })
  await expect(email.getByLabel('Send emails')).toHaveValue('file')

  await chooseOption(page, 'Send emails', 'Off')
  await email.getByRole('button', { name: 'Save email settings' }).click()
  await expect(email.getByText('Saved.')).toBeVisible()
  await expect(email.getByRole('alert')).toHaveCount(0)
  await expect.poll(async () => (await operate(request, 'getMailSettings', {})).transport).toBe('off')

  await chooseOption(page, 'Send emails', 'Save as .eml files')
  await email.getByRole('button', { name: 'Save email settings' }).click()
  await expect(email.getByText('Saved.')).toBeVisible()
  await expect(email.getByRole('alert')).toHaveCount(0)
  await expect.poll(async () => (await operate(request, 'getMailSettings', {})).transport).toBe('file')
  expect((await operate(request, 'getMailSettings', {})).from_address).toBeNull()
})
