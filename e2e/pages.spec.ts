// Each page on its own: a reload keeps the session and the page, refusals are
// shown in words where they happened, and every page at 1280×800 for a look.
import { expect, test } from '@playwright/test'
import { chooseOption, hostUrl, operate, screenshot, signIn, signInWithToken, unique } from './support'

test('a reload keeps the signed-in station on the page and event it was showing', async ({
  page,
  request,
}) => {
  const event = await operate(request, 'createEvent', {
    name: unique('Reload Night'),
    starts_at: '2026-12-05T20:00:00+01:00',
    capacity: 10,
  })
  await signIn(page, `/reports?event=${event.id}`)
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible()
  await expect(page.getByLabel('Event', { exact: true })).toHaveValue(String(event.id))

  await page.reload()
  await expect(page.getByTestId('signed-in-as')).toContainText('admin')
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible()
  await expect(page.getByLabel('Event', { exact: true })).toHaveValue(String(event.id))
  await expect(page.getByLabel('Station token')).toHaveCount(0)
})

test('a box office station sees only the Box office, Reports and Night pages', async ({ page, request }) => {
  const station = await operate(request, 'createStation', { name: unique('Counter'), role: 'boxoffice' })
  await page.goto(hostUrl())
  await signInWithToken(page, station.token)
  const nav = page.getByRole('navigation', { name: 'Pages' })
  await expect(nav.getByRole('link')).toHaveText(['Box office', 'Reports', 'Night'])
  await expect(page.getByRole('heading', { name: 'Box office', level: 1 })).toBeVisible()
  // Typing an admin page's address lands back on the box office.
  await page.goto(`${hostUrl()}/#/settings`)
  await expect(page.getByRole('heading', { name: 'Box office', level: 1 })).toBeVisible()
})

test('the box office shows why a sale was refused: a bad email, or too few tickets left', async ({
  page,
  request,
}) => {
  const name = unique('Small Club')
  const event = await operate(request, 'createEvent', {
    name,
    starts_at: '2026-12-06T21:00:00+01:00',
    capacity: 2,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 2 })
  await signIn(page, `/box-office?event=${event.id}`)

  await page.getByLabel('Customer name').fill('Bo Refused')
  // The browser accepts this address; the host does not, and the page says so.
  await page.getByLabel('Email').fill('bo@example')
  await page.getByRole('button', { name: 'Sell ticket' }).click()
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(
    'Type an email address like ann@example.com',
  )
  await expect(page.getByTestId('sold-code')).toHaveCount(0)

  await page.getByLabel('Email').fill('bo@example.com')
  await page.getByLabel('Quantity').fill('3')
  await page.getByRole('button', { name: 'Sell 3 tickets' }).click()
  await expect(page.getByRole('alert')).toContainText('Only 2 tickets are left')
  await expect(page.getByRole('alert')).toContainText(
    'Sell 2 or fewer (the event’s capacity of 2 is reached).',
  )
  await expect(page.getByTestId('sold-code')).toHaveCount(0)
  // The customer's details stay, so the seller only fixes the quantity.
  await expect(page.getByLabel('Customer name')).toHaveValue('Bo Refused')
})

test('the events page shows the host’s refusal of an impossible event', async ({ page }) => {
  await signIn(page, '/events')
  const form = page.getByRole('region', { name: 'New event' })
  await form.getByLabel('Name').fill(unique('Too Big'))
  await form.getByLabel('Capacity').fill('5000')
  await form.getByRole('button', { name: 'Create event' }).click()
  await expect(form.getByRole('alert')).toContainText(
    'Capacity: is larger than the number of codes of this length',
  )
})

test('settings: an admin pairs a door in another browser, which checks a guest in, and a revoke ends it at its next request', async ({
  page,
  browser,
  request,
}) => {
  const event = await operate(request, 'createEvent', {
    name: unique('Pairing Night'),
    starts_at: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
    capacity: 10,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 3 })
  const sale = await operate(request, 'assign', {
    event_id: event.id,
    customer: { name: 'Nina Simone', email: 'nina@example.com' },
  })
  const code = sale.tickets[0]!.short_code!

  const name = unique('Door')
  await signIn(page, '/settings')
  const stations = page.getByRole('region', { name: 'LAN stations' })
  await stations.getByLabel('Station name').fill(name)
  await stations.getByLabel('Role').selectOption('door')
  await stations.getByRole('button', { name: 'Add station' }).click()
  const shown = stations.getByTestId('pairing-code')
  await expect(shown).toBeVisible()
  const pairingCode = (await shown.getAttribute('data-code'))!
  expect(pairingCode).toMatch(/^\d{8}$/)
  expect(await shown.textContent()).toBe(`${pairingCode.slice(0, 4)} ${pairingCode.slice(4)}`)
  await expect(stations.getByRole('img', { name: `QR code of the join link for ${name}` })).toBeVisible()
  const joinUrl = (await stations.getByTestId('join-url').textContent())!
  expect(joinUrl).toBe(`${hostUrl()}/#/join?code=${pairingCode}`)
  await screenshot(page, 'settings-pairing')

  // A second browser (its own cookies) opens the join link: the code is filled in.
  const doorContext = await browser.newContext()
  const door = await doorContext.newPage()
  await door.goto(joinUrl)
  await expect(door.getByRole('heading', { name: 'Join this Ticketi host' })).toBeVisible()
  await expect(door.getByLabel('Pairing code')).toHaveValue(pairingCode)
  await screenshot(door, 'join')
  await door.getByRole('button', { name: 'Join' }).click()
  await expect(door.getByTestId('signed-in-as')).toContainText(name)
  expect(await door.evaluate(() => JSON.stringify(window.localStorage))).not.toMatch(/ey[\w-]+\.ey/)
  const cookie = (await doorContext.cookies()).find((c) => c.name === 'ticketi_refresh')!
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/session' })

  await door.getByLabel('Event', { exact: true }).selectOption(String(event.id))
  await door.getByLabel('Typed code').focus()
  await door.keyboard.type(code)
  await expect(door.getByTestId('door-result')).toHaveAttribute('data-result', 'OK')
  await expect(door.getByTestId('door-result')).toContainText('Nina Simone')

  // A reload comes back through the cookie.
  await door.reload()
  await expect(door.getByTestId('signed-in-as')).toContainText(name)

  // The code worked once: a third browser cannot use it again.
  const late = await browser.newContext()
  const latePage = await late.newPage()
  await latePage.goto(joinUrl)
  await latePage.getByRole('button', { name: 'Join' }).click()
  await expect(latePage.getByRole('alert')).toContainText('wrong, used or expired')
  await late.close()

  // The admin sees the station joined, renames it and revokes it.
  const row = stations.getByRole('row', { name: new RegExp(name) })
  await expect(row).toBeVisible()
  await row.getByRole('button', { name: 'Rename' }).click()
  await row.getByLabel(`New name for ${name}`).fill(`${name} side`)
  await row.getByRole('button', { name: 'Save' }).click()
  const renamed = stations.getByRole('row', { name: new RegExp(`${name} side`) })
  await expect(renamed).toBeVisible()
  await screenshot(page, 'settings-stations')
  await renamed.getByRole('button', { name: 'Revoke' }).click()
  await renamed.getByRole('button', { name: `Revoke ${name} side` }).click()
  await expect(renamed).toContainText('revoked')

  // Its next request is refused, and the door is back at the join screen.
  await door.keyboard.type(sale.tickets[0]!.short_code!)
  await expect(door.getByRole('heading', { name: 'Join this Ticketi host' })).toBeVisible()
  await doorContext.close()
})

test('screenshots of every page at 1280×800', async ({ page, request }) => {
  const name = unique('Jazz Night')
  const event = await operate(request, 'createEvent', {
    name,
    venue: 'Blue Room',
    starts_at: '2026-12-12T20:00:00+01:00',
    capacity: 300,
    allow_reentry: true,
  })
  const standing = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'Standing',
    price_cents: 2000,
  })
  const seated = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'Seated',
    price_cents: 3500,
    capacity: 80,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 200, ticket_type_id: standing.id })
  await operate(request, 'seedInventory', { event_id: event.id, count: 80, ticket_type_id: seated.id })
  for (const [i, customer] of ['Cleo Laine', 'Dee Dee Bridgewater', 'Ella Fitz'].entries()) {
    await operate(request, 'assign', {
      event_id: event.id,
      customer: { name: customer, email: `guest${i}@example.com` },
      ticket_type_id: i === 1 ? seated.id : standing.id,
      quantity: i + 1,
      payment_method: i === 2 ? 'cash' : 'card',
    })
  }

  await page.goto(hostUrl())
  await expect(page.getByLabel('Pairing code')).toBeFocused()
  await screenshot(page, 'sign-in')

  await signIn(page, '/events')
  await expect(page.getByRole('region', { name })).toBeVisible()
  await screenshot(page, 'events')

  await page.getByRole('link', { name: 'Box office' }).click()
  await chooseOption(page, 'Event', name)
  await page.getByLabel('Customer name').fill('Ann Example')
  await page.getByLabel('Ticket holder').fill('Ben Example')
  await page.getByLabel('Email').fill('ann@example.com')
  await page.getByLabel('Quantity').fill('2')
  await page.getByRole('button', { name: 'Sell 2 tickets' }).click()
  await expect(page.getByTestId('sold-code')).toHaveCount(2)
  await page.getByLabel('Search').fill('example.com')
  await expect(page.getByTestId('ticket-row').first()).toBeVisible()
  await screenshot(page, 'box-office')

  await page.getByRole('link', { name: 'Reports' }).click()
  await chooseOption(page, 'Event', name)
  await expect(page.getByTestId('counts-total')).toBeVisible()
  await screenshot(page, 'reports')

  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Station name').fill(unique('Door'))
  await page.getByRole('button', { name: 'Add station' }).click()
  await expect(page.getByTestId('pairing-code')).toBeVisible()
  await screenshot(page, 'settings')
})
