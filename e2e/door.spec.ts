// The door page in a browser on the LAN, signed in with a door station's token:
// keyboard-only and touch check-ins, every answer screen, undo, a reload, a
// dropped request, and the screenshots a person looks at.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import type { AssignResult, EventView, TicketView } from '../src/shared/views'
import { hostUrl, makePairing, operate, unique } from './support'

test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true })
test.describe.configure({ mode: 'serial' })

const HOLDERS = ['Ann Example', 'Ben Ortiz', 'Chloé Martin', 'Dev Patel', 'Eva Novak', 'Femi Adeyemi']

interface Night {
  event: EventView
  tickets: TicketView[]
}

let doorToken = ''
let night: Night
let otherNight: Night
let unknownCode = ''

async function sell(request: APIRequestContext, name: string, startsAt: string, count: number) {
  const event = await operate(request, 'createEvent', {
    name,
    venue: 'Blue Room',
    starts_at: startsAt,
    capacity: 200,
  })
  const type = await operate(request, 'addTicketType', {
    event_id: event.id,
    name: 'General',
    price_cents: 2500,
  })
  await operate(request, 'seedInventory', { event_id: event.id, count: 40, ticket_type_id: type.id })
  const tickets: TicketView[] = []
  for (const [i, holder] of HOLDERS.slice(0, count).entries()) {
    const sale: AssignResult = await operate(request, 'assign', {
      event_id: event.id,
      customer: { name: holder, email: `guest${i}@example.com` },
    })
    tickets.push(...sale.tickets)
  }
  return { event, tickets }
}

/** A code of this length that no ticket answers to: not in our event, not sold for any other. */
async function codeNobodyHas(request: APIRequestContext, ours: number): Promise<string> {
  const events = await operate(request, 'listEvents', {})
  for (let n = 999; n > 0; n--) {
    const code = String(n).padStart(3, '0')
    let taken = false
    for (const e of events.filter((e) => e.code_length === 3)) {
      const page = await operate(request, 'listTickets', { event_id: e.id, q: code, limit: 5 })
      if (page.tickets.some((t) => t.short_code === code && (e.id === ours || t.status !== 'available'))) {
        taken = true
        break
      }
    }
    if (!taken) return code
  }
  throw new Error('every three-digit code is taken')
}

test.beforeAll(async ({ request }) => {
  // Its own station, so the guessing throttle counts only this file's unknown codes.
  const station = await operate(request, 'createStation', { name: unique('Door'), role: 'door' })
  doorToken = station.token
  const soon = new Date(Date.now() + 60 * 60 * 1000).toISOString()
  night = await sell(
    request,
    unique('Jazz Night'),
    new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString(),
    6,
  )
  // Closest to now of all events: the door names it when one of its codes comes to the wrong door.
  otherNight = await sell(request, unique('Blues Night'), soon, 3)
  const ours = new Set(
    (await operate(request, 'listTickets', { event_id: night.event.id, limit: 1000 })).tickets.map(
      (t) => t.short_code,
    ),
  )
  otherNight.tickets = otherNight.tickets.filter((t) => !ours.has(t.short_code))
  expect(otherNight.tickets.length).toBeGreaterThan(0)
  unknownCode = await codeNobodyHas(request, night.event.id)
})

const code = (i: number) => night.tickets[i]!.short_code!
const result = (page: Page) => page.getByTestId('door-result')
const checkedIn = (page: Page) => page.getByTestId('door-checked-in')

/** Signs in with the keyboard alone and opens the door for tonight's event. */
async function openDoor(page: Page, eventId = night.event.id) {
  // Each page joins as a door station of its own, by typing the pairing code.
  const { pairing_code } = await makePairing(page.request, 'door', unique('Door'))
  await page.goto(hostUrl())
  await expect(page.getByLabel('Pairing code')).toBeFocused()
  await page.keyboard.type(pairing_code)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('signed-in-as')).toContainText('Door')
  await page.getByLabel('Event', { exact: true }).selectOption(String(eventId))
  await expect(page.getByLabel('Typed code')).toBeFocused()
}

test('keyboard only: codes check by themselves, every answer fills the screen, a scan works', async ({
  page,
}) => {
  await openDoor(page)
  await expect(page.getByTestId('door-expected')).toHaveText('6')
  await page.screenshot({ path: 'test-results/screenshots/door-1024x768.png' })

  // Three digits and the door answers, without Enter.
  await page.keyboard.type(code(0).slice(0, 2))
  await expect(page.getByLabel('Typed code')).toContainText(code(0).slice(0, 2))
  await page.keyboard.type(code(0).slice(2))
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(result(page)).toContainText('Ann Example')
  await expect(result(page)).toContainText('General')
  await page.screenshot({ path: 'test-results/screenshots/door-ok-1024x768.png' })

  // The next key dismisses the answer and counts as the first digit of the next code.
  await page.keyboard.type(code(0))
  await expect(result(page)).toHaveAttribute('data-result', 'DUPLICATE')
  await expect(result(page)).toHaveClass(/bg-amber/)
  await expect(page.getByTestId('door-headline')).toHaveText(
    /^Already in since \d{1,2}:\d{2}(\s[AP]M)?\sat\sDoor /,
  )
  await page.screenshot({ path: 'test-results/screenshots/door-duplicate-1024x768.png' })

  await page.keyboard.type(unknownCode)
  await expect(result(page)).toHaveAttribute('data-result', 'UNKNOWN')
  await expect(result(page)).toHaveClass(/bg-red/)
  await page.screenshot({ path: 'test-results/screenshots/door-unknown-1024x768.png' })

  await page.keyboard.type(otherNight.tickets[0]!.short_code!)
  await expect(result(page)).toHaveAttribute('data-result', 'WRONG_EVENT')
  await expect(page.getByTestId('door-headline')).toHaveText(`Ticket for ${otherNight.event.name}`)

  // Backspace edits: the stray 9 never reaches the host.
  await page.keyboard.press('Escape')
  await expect(result(page)).toBeHidden()
  await page.keyboard.type('9')
  await page.keyboard.press('Backspace')
  await expect(page.getByLabel('Typed code')).not.toContainText('9')
  await page.keyboard.type(code(1))
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(result(page)).toContainText('Ben Ortiz')

  // A USB scanner types the ticket's uuid fast and ends with Enter; uuids may begin with digits.
  await page.keyboard.press('Escape')
  await page.keyboard.type(night.tickets[2]!.uuid)
  await page.keyboard.press('Enter')
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(result(page)).toContainText('Chloé Martin')
  await page.keyboard.press('Escape')
  await expect(checkedIn(page)).toHaveText('3')
  await expect(page.getByTestId('door-inside')).toHaveText('3')
})

test('touch and mouse on the keypad, Delete last digit, and back to the keypad by itself', async ({
  page,
}) => {
  await openDoor(page)
  await page.getByRole('button', { name: '7', exact: true }).tap()
  await page.getByRole('button', { name: 'Delete last digit' }).tap()
  await expect(page.getByLabel('Typed code')).not.toContainText('7')
  const digits = code(3)
  await page.getByRole('button', { name: digits[0]!, exact: true }).tap()
  await page.getByRole('button', { name: digits[1]!, exact: true }).click()
  await page.getByRole('button', { name: digits[2]!, exact: true }).tap()
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(result(page)).toContainText('Dev Patel')
  const shown = Date.now()
  await expect(result(page)).toBeHidden({ timeout: 5000 })
  expect(Date.now() - shown).toBeGreaterThan(1200)
  await expect(page.getByRole('button', { name: '1', exact: true })).toBeVisible()
})

test('undo the last admission with a reason, and the counter goes back', async ({ page }) => {
  await openDoor(page)
  await expect(checkedIn(page)).toHaveText('4')
  await page.keyboard.type(code(4))
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(checkedIn(page)).toHaveText('5')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Undo last admission' }).click()
  const dialog = page.getByRole('dialog', { name: 'Undo last admission' })
  await expect(dialog).toContainText('Eva Novak')
  await expect(dialog.getByRole('button', { name: 'Undo admission' })).toBeDisabled()
  // Digits in the reason stay in the reason, not on the keypad.
  await dialog.getByLabel('Reason').pressSequentially('typed code 2 by mistake')
  await page.screenshot({ path: 'test-results/screenshots/door-undo-1024x768.png' })
  await dialog.getByRole('button', { name: 'Undo admission' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByLabel('Typed code')).toHaveText('')
  await expect(page.getByRole('status').filter({ hasText: 'Admission of Eva Novak' })).toBeVisible()
  await expect(checkedIn(page)).toHaveText('4')
  // Undone means the guest can come in again.
  await page.keyboard.type(code(4))
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
})

test('a reload keeps the signed-in station and the chosen event', async ({ page }) => {
  await openDoor(page)
  await page.reload()
  await expect(page.getByTestId('signed-in-as')).toContainText('Door')
  await expect(page.getByLabel('Event', { exact: true })).toHaveValue(String(night.event.id))
  await expect(page.getByLabel('Typed code')).toBeFocused()
  await page.keyboard.type(code(0))
  await expect(result(page)).toHaveAttribute('data-result', 'DUPLICATE')
})

test('a dropped request says Not checked, keeps the code, and the next try lets the guest in once', async ({
  page,
}) => {
  await openDoor(page)
  await page.route('**/api/v1/operations/checkIn', (route) => route.abort('internetdisconnected'))
  await page.keyboard.type(code(5))
  await expect(result(page)).toHaveAttribute('data-result', 'NOT_CHECKED')
  await expect(result(page)).toContainText('cannot be reached')
  await page.screenshot({ path: 'test-results/screenshots/door-not-checked-1024x768.png' })
  await page.unroute('**/api/v1/operations/checkIn')
  await page.keyboard.press('Enter')
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(result(page)).toContainText('Femi Adeyemi')
  await page.keyboard.press('Escape')
  await expect(checkedIn(page)).toHaveText('6')
})

test('where the event allows re-entry, Out lets a guest out and In lets them back', async ({
  page,
  request,
}) => {
  const reentry = await sell(
    request,
    unique('Late Club'),
    new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString(),
    1,
  )
  await operate(request, 'updateEvent', { event_id: reentry.event.id, allow_reentry: true })
  const guest = reentry.tickets[0]!.short_code!
  await openDoor(page, reentry.event.id)
  await page.keyboard.type(guest)
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('door-inside')).toHaveText('1')

  await page.getByRole('button', { name: 'Out', exact: true }).click()
  await page.keyboard.type(guest)
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(result(page)).toContainText('Goodbye')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('door-inside')).toHaveText('0')

  await page.getByRole('button', { name: 'In', exact: true }).click()
  await page.keyboard.type(guest)
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('door-inside')).toHaveText('1')
  await expect(checkedIn(page)).toHaveText('1')
})

test('a kiosk shows the door alone, and leaves only with the admin PIN', async ({ page }) => {
  // Kiosk mode belongs to the desktop app's shell: stand in for its bridge, with the real host behind it.
  await page.addInitScript(
    ({ token, eventId }) => {
      let kiosk = { on: true, event_id: eventId as number | null }
      const state = () => ({ needs_setup: false, operator: { name: 'Door', role: 'door' }, kiosk })
      Object.assign(window, {
        ticketi: {
          async call(name: string, input: unknown) {
            const response = await fetch(`/api/v1/operations/${name}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify(input),
            })
            const body = await response.json()
            return response.ok ? { ok: true, value: body } : { ok: false, error: body }
          },
          async shell(request: { action: string; admin_pin?: string }) {
            if (request.action === 'leaveKiosk') {
              if (request.admin_pin !== '2468') {
                return { ok: false, error: { code: 'UNAUTHORIZED', error: 'Wrong admin PIN.' } }
              }
              kiosk = { on: false, event_id: null }
            }
            return { ok: true, value: state() }
          },
        },
      })
    },
    { token: doorToken, eventId: night.event.id },
  )
  await page.goto(hostUrl())
  await expect(page.getByRole('heading', { name: night.event.name })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0)
  await page.keyboard.type(code(1))
  await expect(result(page)).toHaveAttribute('data-result', 'DUPLICATE')
  await page.keyboard.press('Escape')
  await page.keyboard.type(code(2).slice(0, 1))
  await page.screenshot({ path: 'test-results/screenshots/door-kiosk-1024x768.png' })

  await page.getByRole('button', { name: 'Leave kiosk' }).click()
  const dialog = page.getByRole('dialog', { name: 'Leave kiosk mode' })
  await dialog.getByLabel('Admin PIN').fill('1111')
  await dialog.getByRole('button', { name: 'Leave kiosk' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Wrong admin PIN.')
  await dialog.getByLabel('Admin PIN').fill('2468')
  await dialog.getByLabel('Admin PIN').press('Enter')
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible()
})

test('a scan while the event chooser has the focus checks in at the chosen event', async ({
  page,
  request,
}) => {
  // Its own night, so the scan below is this ticket's first.
  const fresh = await sell(
    request,
    unique('Chooser Night'),
    new Date(Date.now() + 3 * 3600_000).toISOString(),
    1,
  )
  await openDoor(page, fresh.event.id)
  const chooser = page.getByLabel('Event', { exact: true })
  await chooser.focus()
  await page.keyboard.type(fresh.tickets[0]!.uuid)
  await page.keyboard.press('Enter')
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(result(page)).toContainText(HOLDERS[0]!)
  await expect(chooser).toHaveValue(String(fresh.event.id))
  await expect(chooser).not.toBeFocused()
})

test('the door at 1280×800', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await openDoor(page)
  for (const typed of [code(0), unknownCode, otherNight.tickets[0]!.short_code!, code(1)]) {
    await page.keyboard.type(typed)
    await expect(result(page)).toBeVisible()
    await page.keyboard.press('Escape')
  }
  await page.keyboard.type(code(2).slice(0, 2))
  await page.screenshot({ path: 'test-results/screenshots/door-1280x800.png' })
})
