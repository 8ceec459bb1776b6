// The organizer fixes what was set up wrong: edits an event and its ticket
// types, deletes a type nobody holds, sees which events are on now, upcoming
// or past, and archives past ones out of the way. Long names wrap.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { operate, screenshot, signIn, unique } from './support'

const hour = 3_600_000
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString()

/** Neither the page nor the element scrolls sideways: everything fits in its width. */
async function expectNoSidewaysOverflow(page: Page, element?: Locator) {
  const page_ = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  expect(page_.scroll, 'page width').toBeLessThanOrEqual(page_.client)
  if (element) {
    const box = await element.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(box.scroll, 'element width').toBeLessThanOrEqual(box.client)
  }
}

test('the organizer edits an event, and a capacity below its tickets is refused in words', async ({
  page,
  request,
}) => {
  const name = unique('Edit Night')
  const event = await operate(request, 'createEvent', {
    name,
    venue: 'Cellar',
    starts_at: isoIn(48 * hour),
    capacity: 100,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 30 })
  await signIn(page, '/events')
  const card = page.getByRole('region', { name })
  await card.getByRole('button', { name: 'Edit event' }).click()
  const form = card.getByRole('form', { name: 'Edit event' })

  await form.getByLabel('Capacity').fill('20')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form.getByRole('alert')).toContainText('already has 30 tickets; capacity cannot be lower')
  await form.getByLabel('Capacity').fill('2000')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form.getByRole('alert')).toContainText('more than the 1000 possible 3-digit codes')
  await screenshot(page, 'events-edit-refused')

  const renamed = `${name} (late show)`
  await form.getByLabel('Name').fill(renamed)
  await form.getByLabel('Venue').fill('Main Hall')
  await form.getByLabel('Doors open').fill('2027-01-15T21:30')
  await form.getByLabel('Ends').fill('2027-01-16T01:00')
  await form.getByLabel('Capacity').fill('150')
  await form.getByLabel('Allow re-entry').check()
  await screenshot(page, 'events-edit-form')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form).toHaveCount(0)

  const saved = await operate(request, 'getEvent', { event_id: event.id })
  expect(saved).toMatchObject({ name: renamed, venue: 'Main Hall', capacity: 150, allow_reentry: true })
  expect(new Date(saved.starts_at).getTime()).toBe(new Date('2027-01-15T21:30').getTime())
  expect(new Date(saved.ends_at!).getTime()).toBe(new Date('2027-01-16T01:00').getTime())
  const edited = page.getByRole('region', { name: renamed })
  await expect(edited).toContainText('Main Hall')
  await expect(edited.getByText('re-entry', { exact: true })).toBeVisible()
  await expect(edited.getByRole('definition').first()).toHaveText('150')
})

test('ticket types: renamed and repriced before sales, a name clashing in another case refused, one without tickets deleted', async ({
  page,
  request,
}) => {
  const name = unique('Types Night')
  const event = await operate(request, 'createEvent', { name, starts_at: isoIn(72 * hour), capacity: 100 })
  const standard = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'Standard',
    price_cents: 1500,
  })
  await operate(request, 'addTicketType', { event_id: event.id, name: 'VIP', price_cents: 4500 })
  await operate(request, 'addTicketType', { event_id: event.id, name: 'Student', price_cents: 800 })
  await operate(request, 'seedInventory', { event_id: event.id, count: 5, ticket_type_id: standard.id })
  await operate(request, 'assign', {
    event_id: event.id,
    ticket_type_id: standard.id,
    customer: { name: 'Ann Sold', email: 'ann.sold@example.com' },
  })
  await signIn(page, '/events')
  const card = page.getByRole('region', { name })

  await card.getByRole('button', { name: 'Edit VIP' }).click()
  const form = card.getByRole('form', { name: 'Edit ticket type VIP' })
  await form.getByLabel('Type name').fill('standard')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form.getByRole('alert')).toContainText('already has a ticket type called "Standard"')
  await screenshot(page, 'events-type-name-clash')
  await form.getByLabel('Type name').fill('Gold')
  await form.getByLabel('Price').fill('50')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(card.getByRole('row', { name: /Gold/ })).toContainText('50.00')
  await expect(card.getByRole('row', { name: /VIP/ })).toHaveCount(0)

  // A type that sold keeps its name and price, and cannot be deleted.
  await expect(card.getByRole('button', { name: 'Delete Standard' })).toHaveCount(0)
  await card.getByRole('button', { name: 'Edit Standard' }).click()
  const sold = card.getByRole('form', { name: 'Edit ticket type Standard' })
  await expect(sold.getByLabel('Type name')).toBeDisabled()
  await expect(sold.getByLabel('Price')).toBeDisabled()
  await expect(sold).toContainText('1 sold: the name and price are fixed')
  await screenshot(page, 'events-type-sold')
  await sold.getByRole('button', { name: 'Cancel' }).click()

  await card.getByRole('button', { name: 'Delete Student' }).click()
  await screenshot(page, 'events-type-delete-confirm')
  await card.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(card.getByRole('row', { name: /Student/ })).toHaveCount(0)
  const types = (await operate(request, 'getEvent', { event_id: event.id })).ticket_types
  expect(types.map((t) => [t.name, t.price_cents])).toEqual([
    ['Standard', 1500],
    ['Gold', 5000],
  ])
})

test('the New event form starts empty again after an event is created', async ({ page }) => {
  await signIn(page, '/events')
  const form = page.getByRole('region', { name: 'New event' })
  const doorsOpen = await form.getByLabel('Doors open').inputValue()
  const name = unique('Fresh Form')
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Venue').fill('Blue Room')
  await form.getByLabel('Doors open').fill('2027-02-01T19:00')
  await form.getByLabel('Ends').fill('2027-02-01T23:00')
  await form.getByLabel('Capacity').fill('80')
  await form.getByLabel('Code length').selectOption('4')
  await form.getByLabel('Allow re-entry').check()
  await form.getByRole('button', { name: 'Create event' }).click()
  await expect(form.getByRole('status')).toContainText(`Created “${name}”`)

  await expect(form.getByLabel('Name')).toHaveValue('')
  await expect(form.getByLabel('Venue')).toHaveValue('')
  await expect(form.getByLabel('Doors open')).toHaveValue(doorsOpen)
  await expect(form.getByLabel('Ends')).toHaveValue('')
  await expect(form.getByLabel('Capacity')).toHaveValue('200')
  await expect(form.getByLabel('Code length')).toHaveValue('3')
  await expect(form.getByLabel('Allow re-entry')).not.toBeChecked()
  await expect(page.getByRole('region', { name })).toBeVisible()
  await screenshot(page, 'events-form-after-create')
})

test('a long event name wraps on the events page and never widens the box office, reports or door', async ({
  page,
  request,
}) => {
  // 200 characters, the most a name may have; one word of them longer than any line.
  const name = unique(`${'Supercalifragilistic'.repeat(5)} Festival of ${'Very '.repeat(14)}Long Names`)
  const event = await operate(request, 'createEvent', {
    name,
    venue: 'Hall'.repeat(30),
    starts_at: isoIn(24 * hour),
    capacity: 10,
  })
  await operate(request, 'addTicketType', { event_id: event.id, name: 'Ticket'.repeat(16), price_cents: 100 })
  await signIn(page, '/events')
  const card = page.getByRole('region', { name })
  await expect(card).toBeVisible()
  await card.scrollIntoViewIfNeeded()
  await expectNoSidewaysOverflow(page, card)
  // The name wraps over several lines instead of running out of the card.
  const heading = card.getByRole('heading', { level: 2 })
  const { height, lineHeight } = await heading.evaluate((el) => ({
    height: el.getBoundingClientRect().height,
    lineHeight: parseFloat(getComputedStyle(el).lineHeight),
  }))
  expect(height).toBeGreaterThan(2 * lineHeight)
  await screenshot(page, 'events-long-name')

  for (const path of ['/box-office', '/reports', '/door']) {
    await page.goto(`${page.url().split('#')[0]}#${path}?event=${event.id}`)
    await expect(page.getByLabel('Event', { exact: true })).toBeVisible()
    if (path === '/door') {
      await page.getByLabel('Event', { exact: true }).selectOption(String(event.id))
      await expect(page.getByRole('button', { name: '1', exact: true })).toBeVisible()
    }
    await expectNoSidewaysOverflow(page)
    await screenshot(page, `events-long-name${path.replace('/', '-')}`)
  }
})

test('events show as on now, upcoming or past, and a past one is archived out of the lists and back', async ({
  page,
  request,
}) => {
  const tag = unique('Phase')
  const past = await operate(request, 'createEvent', {
    name: `${tag} Past`,
    starts_at: isoIn(-30 * hour),
    ends_at: isoIn(-26 * hour),
    capacity: 10,
  })
  await operate(request, 'createEvent', {
    name: `${tag} Tonight`,
    starts_at: isoIn(-hour),
    ends_at: isoIn(3 * hour),
    capacity: 10,
  })
  await operate(request, 'createEvent', { name: `${tag} Later`, starts_at: isoIn(30 * hour), capacity: 10 })
  await signIn(page, '/events')

  const pastCard = page.getByRole('region', { name: `${tag} Past` })
  const tonight = page.getByRole('region', { name: `${tag} Tonight` })
  const later = page.getByRole('region', { name: `${tag} Later` })
  await expect(pastCard.getByText('past', { exact: true })).toBeVisible()
  await expect(tonight.getByText('on now', { exact: true })).toBeVisible()
  await expect(later.getByText('upcoming', { exact: true })).toBeVisible()
  // Only what is over can be archived.
  await expect(tonight.getByRole('button', { name: 'Archive' })).toHaveCount(0)
  await expect(later.getByRole('button', { name: 'Archive' })).toHaveCount(0)
  await pastCard.scrollIntoViewIfNeeded()
  await screenshot(page, 'events-phases')

  await pastCard.getByRole('button', { name: 'Archive' }).click()
  await expect(pastCard).toHaveCount(0)
  await expect(tonight).toBeVisible()
  // Choosers leave it out too.
  await page.getByRole('link', { name: 'Box office' }).click()
  const chooser = page.getByLabel('Event', { exact: true })
  await expect(chooser.locator('option', { hasText: `${tag} Tonight` })).toHaveText(/on now/)
  await expect(chooser.locator('option', { hasText: `${tag} Past` })).toHaveCount(0)

  await page.getByRole('link', { name: 'Events' }).click()
  await page.getByLabel('Show archived events').check()
  await expect(pastCard.getByText('archived', { exact: true })).toBeVisible()
  await pastCard.scrollIntoViewIfNeeded()
  await screenshot(page, 'events-archived-shown')
  await pastCard.getByRole('button', { name: 'Unarchive' }).click()
  await expect(pastCard.getByText('archived', { exact: true })).toHaveCount(0)
  await page.getByLabel('Show archived events').uncheck()
  await expect(pastCard).toBeVisible()
  expect((await operate(request, 'getEvent', { event_id: past.id })).archived_at).toBeNull()
})
