// Files in and out at the box office and in Reports: a guest list from Excel
// checked row by row and imported at once, and the night's exports downloaded.
import { expect, test } from '@playwright/test'
import { operate, screenshot, signIn, unique } from './support'

async function event(request: Parameters<typeof operate>[0]) {
  const made = await operate(request, 'createEvent', {
    name: unique('Guest Night'),
    venue: 'Blue Room',
    starts_at: '2026-12-01T19:00:00Z',
    capacity: 100,
  })
  const type = await operate(request, 'addTicketType', {
    event_id: made.id,
    name: 'General',
    price_cents: 2500,
  })
  await operate(request, 'addTicketType', { event_id: made.id, name: 'VIP', price_cents: 5000 })
  await operate(request, 'seedInventory', { event_id: made.id, count: 40, ticket_type_id: type.id })
  return made
}

// Excel on Windows saves "CSV (semicolon)" in Windows-1252.
const withProblems = Buffer.from(
  [
    'Naam;E-mail;Telefoon;Type;Aantal',
    'Zoë Café;zoe@example.com;;General;2',
    ';nobody@example.com;;;1',
    'René Ñoño;rene@example;;Gold;1',
    'Ann Lee;ZOE@example.com;;;1',
    'Bob Ray;;+31 6 1234 5678;;1',
  ].join('\r\n'),
  'latin1',
)
const clean = Buffer.from(
  [
    'Naam;E-mail;Telefoon;Type;Aantal',
    'Zoë Café;zoe@example.com;;General;2',
    'Bob Ray;;+31 6 1234 5678;;1',
  ].join('\r\n'),
  'latin1',
)

test('a guest list from Excel is checked row by row, then imported at once with every guest emailed', async ({
  page,
  request,
}) => {
  const night = await event(request)
  await signIn(page, `/box-office?event=${night.id}&tab=import`)
  await page
    .getByLabel('Guest list file')
    .setInputFiles({ name: 'gastenlijst.csv', mimeType: 'text/csv', buffer: withProblems })

  await expect(page.getByText('5 guests, read as Windows-1252 (Excel)')).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Naam')
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('E-mail')
  await expect(page.getByRole('cell', { name: 'Zoë Café' })).toBeVisible()
  await page.getByRole('button', { name: 'Check the list' }).click()

  const problems = page.getByRole('table', { name: 'Problems in the guest list' })
  await expect(page.getByRole('heading', { name: '3 of 5 guests need fixing' })).toBeVisible()
  await expect(problems.getByRole('row')).toHaveCount(1 + 4)
  await expect(problems).toContainText(
    'There is no ticket type "Gold" at this event; use one of: General, VIP.',
  )
  await expect(problems).toContainText('Same email as row 2')
  await expect(page.getByRole('button', { name: 'Import 5 guests' })).toBeDisabled()
  await problems.scrollIntoViewIfNeeded()
  await screenshot(page, 'import-guest-list-problems')

  await page
    .getByLabel('Guest list file')
    .setInputFiles({ name: 'gastenlijst.csv', mimeType: 'text/csv', buffer: clean })
  await page.getByRole('button', { name: 'Check the list' }).click()
  await expect(page.getByText('All 2 guests are fine.')).toBeVisible()
  await screenshot(page, 'import-guest-list-checked')
  await page.getByRole('button', { name: 'Import 2 guests' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 2 guests with 3 tickets' }),
  ).toContainText('1 codes email is on its way')
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, 'import-guest-list-done')
  const tickets = await operate(request, 'listTickets', { event_id: night.id, status: 'assigned' })
  expect(tickets.tickets.map((t) => t.holder_name).sort()).toEqual(['Bob Ray', 'Zoë Café', 'Zoë Café'])
})

test('Reports lists the exports and downloads the attendee list as CSV and XLSX', async ({
  page,
  request,
}) => {
  const night = await event(request)
  await operate(request, 'importGuestList', {
    event_id: night.id,
    csv: 'Name,Email\n=cmd(),evil@example.com\nAnn Lee,\n',
  })
  await signIn(page, `/reports?event=${night.id}`)
  const exports = page.getByRole('region', { name: 'Exports' })
  await expect(exports.getByText('Attendee list')).toBeVisible()
  await expect(exports.getByText('Payments')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Export to USB drive' })).toHaveCount(0)
  await exports.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-exports')

  const csv = page.waitForEvent('download')
  await exports.getByRole('button', { name: 'Download Attendee list as CSV' }).click()
  const file = await csv
  expect(file.suggestedFilename()).toMatch(/^attendees-guest-night-.*\.csv$/)
  const text = (await import('node:fs')).readFileSync((await file.path())!, 'utf8')
  expect(text.startsWith('\uFEFFcode,holder,buyer')).toBe(true)
  expect(text).toContain("'=cmd()")

  const xlsx = page.waitForEvent('download')
  await exports.getByRole('button', { name: 'Download Payments as XLSX' }).click()
  const book = await xlsx
  expect(book.suggestedFilename()).toMatch(/^payments-guest-night-.*\.xlsx$/)
  const bytes = (await import('node:fs')).readFileSync((await book.path())!)
  expect(bytes.subarray(0, 2).toString()).toBe('PK')
})
