// The box office search finds what a cashier types: a name without its accents, a name in
// the other order, a phone number written another way.
import { expect, test } from '@playwright/test'
import { operate, screenshot, signIn, unique } from './support'

test('the box office finds a ticket by a name typed without accents or in either order, or by a phone number written another way', async ({
  page,
  request,
}) => {
  const event = await operate(request, 'createEvent', {
    name: unique('Search Night'),
    starts_at: '2026-12-12T20:00:00Z',
    capacity: 20,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 20 })
  const sell = async (name: string, phone: string) =>
    (await operate(request, 'assign', { event_id: event.id, customer: { name, phone } })).tickets[0]!
  const zoe = await sell('Zoë Durand', '+33 6 12 34 56 78')
  const alice = await sell('Alice Martin', '0698 76 54 32')
  await sell('Bob Martin', '0711 22 33 44')

  await signIn(page, `/box-office?event=${event.id}`)
  const search = page.getByRole('search').getByLabel('Search')
  const rows = page.getByTestId('ticket-row')

  await search.fill('zoe')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Zoë Durand')
  await expect(rows.first()).toContainText(zoe.short_code!)

  await search.fill('Martin Alice')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Alice Martin')
  await expect(rows.first()).toContainText(alice.short_code!)

  await search.fill('06.12.34.56.78')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Zoë Durand')
  await page.getByText('1 ticket.').scrollIntoViewIfNeeded()
  await screenshot(page, 'box-office-search-phone')

  await search.fill('martin')
  await expect(rows).toHaveCount(2)
  await expect(page.getByText('2 tickets.')).toBeVisible()
  await page.getByText('2 tickets.').scrollIntoViewIfNeeded()
  await screenshot(page, 'box-office-search')
})

test('a search that matches more than 1,000 tickets shows the first ones and asks to narrow it', async ({
  page,
  request,
}) => {
  const event = await operate(request, 'createEvent', {
    name: unique('Big Night'),
    starts_at: '2026-12-13T20:00:00Z',
    capacity: 1100,
    code_length: 4,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 1100 })
  for (let sale = 0; sale < 11; sale++) {
    await operate(request, 'assign', {
      event_id: event.id,
      customer: { name: 'Camille Roux', email: 'camille.roux@example.com' },
      quantity: 100,
    })
  }
  await signIn(page, `/box-office?event=${event.id}`)
  await page.getByRole('search').getByLabel('Search').fill('roux')
  await expect(page.getByTestId('ticket-row')).toHaveCount(50)
  await expect(
    page.getByText('Showing 50 of more than 1000 tickets: narrow the search to see the rest.'),
  ).toBeVisible()
})
