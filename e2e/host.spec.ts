import { expect, test } from '@playwright/test'

const url = () => process.env.TICKETI_E2E_URL!
const auth = () => ({ authorization: `Bearer ${process.env.TICKETI_E2E_TOKEN}` })

test('the host serves the web UI, which joins with a pairing code or signs in with a token', async ({
  page,
}) => {
  await page.goto(url())
  await expect(page.getByRole('heading', { name: 'Join this Ticketi host' })).toBeVisible()
  await page.getByLabel('Pairing code').fill('1234 5678')
  await expect(page.getByLabel('Pairing code')).toHaveValue('12345678')
  await page.getByRole('button', { name: 'Join' }).click()
  await expect(page.getByRole('alert')).toContainText('wrong, used or expired')
  await page.screenshot({ path: 'test-results/screenshots/sign-in-1280x800.png' })
  await page.getByText('Sign in with a token instead').click()
  await page.getByLabel('Station token').fill('not-a-token')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').last()).toContainText('does not know that token')
  await page.getByLabel('Station token').fill(process.env.TICKETI_E2E_TOKEN!)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('signed-in-as')).toContainText('admin')
})

test('a browser on the LAN can run the door flow through the API', async ({ request }) => {
  const created = await request.post(`${url()}/api/v1/events`, {
    headers: auth(),
    data: { name: 'Browser Night', starts_at: '2026-12-24T20:00:00Z', capacity: 50 },
  })
  expect(created.status()).toBe(201)
  const event = await created.json()
  expect(
    (
      await request.post(`${url()}/api/v1/events/${event.id}/seed`, { headers: auth(), data: { count: 5 } })
    ).status(),
  ).toBe(201)
  const sale = await request.post(`${url()}/api/v1/assign`, {
    headers: auth(),
    data: { event_id: event.id, customer: { name: 'Lan Browser', email: 'lan.browser@example.com' } },
  })
  const code = (await sale.json()).tickets[0].short_code as string
  const first = await request.post(`${url()}/api/v1/checkin`, {
    headers: auth(),
    data: { event_id: event.id, code },
  })
  expect(first.status()).toBe(200)
  const second = await request.post(`${url()}/api/v1/checkin`, {
    headers: auth(),
    data: { event_id: event.id, code },
  })
  expect(second.status()).toBe(409)
  expect(await second.json()).toMatchObject({ code: 'DUPLICATE' })
})

test('the API refuses a browser without a token', async ({ request }) => {
  const response = await request.get(`${url()}/api/v1/events`)
  expect(response.status()).toBe(401)
  expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED' })
})
