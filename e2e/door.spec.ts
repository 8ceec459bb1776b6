// The door page in a browser on the LAN, signed in with a door station's token:
// keyboard-only and touch check-ins, every answer screen, undo, a reload, a
// dropped request, and the screenshots a person looks at.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import type { AssignResult, EventView, TicketView } from '../src/shared/views'
import { addCallHost, adminToken, hostUrl, makePairing, operate, unique } from './support'

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
const instruction = (page: Page) => page.getByTestId('door-instruction')
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
  await expect(instruction(page)).toHaveText('Already in: check with a supervisor')
  await page.screenshot({ path: 'test-results/screenshots/door-duplicate-1024x768.png' })

  await page.keyboard.type(unknownCode)
  await expect(result(page)).toHaveAttribute('data-result', 'UNKNOWN')
  await expect(result(page)).toHaveClass(/bg-red/)
  await expect(instruction(page)).toHaveText('Do not let in')
  await page.screenshot({ path: 'test-results/screenshots/door-unknown-1024x768.png' })

  // An unknown code makes this station wait 2 s before the next typed code (the guessing throttle).
  await page.waitForTimeout(2500)
  await page.keyboard.type(otherNight.tickets[0]!.short_code!)
  await expect(result(page)).toHaveAttribute('data-result', 'WRONG_EVENT')
  await expect(page.getByTestId('door-headline')).toHaveText(`Ticket for ${otherNight.event.name}`)
  await expect(instruction(page)).toHaveText(`Send to ${otherNight.event.name}`)
  await expect(result(page)).not.toContainText(HOLDERS[0]!)
  await page.screenshot({ path: 'test-results/screenshots/door-wrong-event-1024x768.png' })
  // A second miss in a row: a few seconds more.
  await page.waitForTimeout(4500)

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

test('a station that keeps typing unknown codes is slowed down, and the door warns of guessing', async ({
  page,
}) => {
  await openDoor(page)
  // Another door's misses, as the host reports them: this page's own counters show the warning.
  await page.route('**/api/v1/operations/doorCounts', async (route) => {
    const counts = await (await route.fetch()).json()
    const last_miss_at = new Date().toISOString()
    await route.fulfill({
      json: { ...counts, guessing: [{ station: 'Door 7', misses: 14, admissions: 2, last_miss_at }] },
    })
  })
  await page.keyboard.type(unknownCode)
  await expect(result(page)).toHaveAttribute('data-result', 'UNKNOWN')
  await page.keyboard.type(unknownCode)
  await expect(result(page)).toHaveAttribute('data-result', 'THROTTLED')
  await expect(page.getByTestId('door-headline')).toHaveText(/^Too many unknown codes: wait \d s$/)
  await page.screenshot({ path: 'test-results/screenshots/door-throttled-1024x768.png' })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('guessing-warning')).toContainText('Possible code guessing at Door 7', {
    timeout: 10_000,
  })
  await page.screenshot({ path: 'test-results/screenshots/door-guessing-warning-1024x768.png' })
})

test('a guest let in with the admin token is already in at Admin, not at a token', async ({
  page,
  request,
}) => {
  const byAdmin = await sell(
    request,
    unique('Admin Night'),
    new Date(Date.now() + 3 * 3600_000).toISOString(),
    1,
  )
  const guest = byAdmin.tickets[0]!.short_code!
  await operate(request, 'checkIn', { event_id: byAdmin.event.id, code: guest })
  await openDoor(page, byAdmin.event.id)
  await page.keyboard.type(guest)
  await expect(result(page)).toHaveAttribute('data-result', 'DUPLICATE')
  await expect(page.getByTestId('door-headline')).toHaveText(/\sat\sAdmin$/)
  await expect(result(page)).not.toContainText('token')
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

test('a refusal stays up with what to do until the next key; a welcome goes after about two seconds', async ({
  page,
}) => {
  await openDoor(page)
  await page.keyboard.type(unknownCode)
  await expect(result(page)).toHaveAttribute('data-result', 'UNKNOWN')
  // Longer than a welcome stays: a volunteer who looked at the guest still reads it.
  await page.waitForTimeout(3000)
  await expect(result(page)).toHaveAttribute('data-result', 'UNKNOWN')
  await expect(instruction(page)).toHaveText('Do not let in')
  await expect(result(page)).toBeHidden({ timeout: 10_000 })

  // The next key clears a refusal at once and counts.
  await page.keyboard.type(code(0))
  await expect(result(page)).toHaveAttribute('data-result', 'DUPLICATE')
  await page.keyboard.type('4')
  await expect(result(page)).toBeHidden()
  await expect(page.getByLabel('Typed code')).toContainText('4')
})

test('a code cut short is never sent: the door asks for all its digits', async ({ page }) => {
  await openDoor(page)
  const sent: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/operations/checkIn')) sent.push(request.postData() ?? '')
  })
  const checkIn = page.getByRole('button', { name: 'Check in', exact: true })
  await expect(checkIn).toBeDisabled()
  await page.keyboard.type(code(0).slice(0, 2))
  await expect(checkIn).toBeEnabled()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('door-incomplete')).toHaveText('Type all 3 digits')
  await expect(result(page)).toBeHidden()
  await page.screenshot({ path: 'test-results/screenshots/door-incomplete-1024x768.png' })
  await checkIn.tap()
  await expect(page.getByTestId('door-incomplete')).toBeVisible()
  await expect(page.getByLabel('Typed code')).toContainText(code(0).slice(0, 2))
  // The last digit sends it as usual, and the hint goes.
  await page.keyboard.type(code(0).slice(2))
  await expect(result(page)).toHaveAttribute('data-result', /^(OK|DUPLICATE)$/)
  await expect(page.getByTestId('door-incomplete')).toBeHidden()
  expect(sent).toHaveLength(1)
})

test('any recent admission is undone with a tapped reason, and the list keeps it across a reload', async ({
  page,
  request,
}) => {
  const undoNight = await sell(
    request,
    unique('Undo Night'),
    new Date(Date.now() + 3 * 3600_000).toISOString(),
    3,
  )
  const [first, second] = undoNight.tickets.map((t) => t.short_code!)
  await openDoor(page, undoNight.event.id)
  for (const typed of [first!, second!]) {
    await page.keyboard.type(typed)
    await expect(result(page)).toHaveAttribute('data-result', 'OK')
    await page.keyboard.press('Escape')
  }
  await expect(checkedIn(page)).toHaveText('2')
  const recent = page.getByRole('region', { name: 'Recent answers' })
  // Not only the last: the first guest of the two is taken back.
  await recent.getByRole('button', { name: `Undo admission of ${HOLDERS[0]}` }).tap()
  const dialog = page.getByRole('dialog', { name: 'Undo admission' })
  await expect(dialog).toContainText(HOLDERS[0]!)
  await expect(dialog.getByRole('button', { name: 'Undo admission' })).toBeDisabled()
  await dialog.getByRole('radio', { name: 'Wrong person' }).tap()
  await expect(dialog.getByRole('radio', { name: 'Wrong person' })).toBeChecked()
  // Digits in the note stay in the note, not on the keypad.
  await dialog.getByLabel('Note (optional)').pressSequentially('guest 2 had the email')
  await page.screenshot({ path: 'test-results/screenshots/door-undo-1024x768.png' })
  await dialog.getByRole('button', { name: 'Undo admission' }).tap()
  await expect(dialog).toBeHidden()
  await expect(page.getByLabel('Typed code')).toHaveText('')
  await expect(page.getByRole('status').filter({ hasText: `Admission of ${HOLDERS[0]}` })).toBeVisible()
  await expect(checkedIn(page)).toHaveText('1')
  const rows = recent.getByRole('listitem')
  await expect(rows.nth(1)).toHaveAttribute('data-result', 'UNDONE')
  await expect(rows.nth(1)).toContainText('Undone')
  await expect(rows.nth(0)).toContainText('Let in')
  await page.screenshot({ path: 'test-results/screenshots/door-undone-1024x768.png' })

  await page.reload()
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toHaveAttribute('data-result', 'UNDONE')
  await expect(recent.getByRole('button', { name: `Undo admission of ${HOLDERS[0]}` })).toHaveCount(0)
  await expect(recent.getByRole('button', { name: `Undo admission of ${HOLDERS[1]}` })).toBeVisible()
  // Undone means the guest can come in again.
  await page.keyboard.type(first!)
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await page.keyboard.press('Escape')
  await expect(checkedIn(page)).toHaveText('2')
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

test('a dropped request is answered from the door’s own list, and reaches the host once', async ({
  page,
}) => {
  await openDoor(page)
  await expect(page.getByTestId('door-list')).toBeVisible()
  await page.route('**/api/v1/operations/checkIn', (route) => route.abort('internetdisconnected'))
  await page.keyboard.type(code(5))
  await expect(result(page)).toHaveAttribute('data-result', 'OK')
  await expect(result(page)).toContainText('Femi Adeyemi')
  await expect(page.getByTestId('door-answer-offline')).toContainText(/OFFLINE · list from/)
  await page.screenshot({ path: 'test-results/screenshots/door-answered-offline-1024x768.png' })
  await page.unroute('**/api/v1/operations/checkIn')
  await page.keyboard.press('Escape')
  // The host still answers its list: the door is back at once and sends the check-in.
  await expect(checkedIn(page)).toHaveText('5')
  await expect(page.getByTestId('door-waiting')).toBeHidden()
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

  await expect(page.getByRole('button', { name: 'Check in', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Out', exact: true }).click()
  // Scanning exits: the big button says so, and nobody admits by mistake.
  await expect(page.getByRole('button', { name: 'Check out', exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Check in', exact: true })).toHaveCount(0)
  await page.keyboard.type(guest.slice(0, 1))
  await page.screenshot({ path: 'test-results/screenshots/door-exit-1024x768.png' })
  await page.keyboard.press('Backspace')
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
  await addCallHost(page)
  await page.addInitScript(
    ({ token, eventId }) => {
      let kiosk = { on: true, event_id: eventId as number | null }
      const state = () => ({ needs_setup: false, operator: { name: 'Door', role: 'door' }, kiosk })
      Object.assign(window, {
        ticketi: {
          call: (name: string, input: unknown) => window.callHost(token, name, input),
          async shell(request: { action: string; admin_pin?: string }) {
            if (request.action === 'leaveKiosk') {
              if (request.admin_pin !== '2468') {
                return { ok: false, error: { code: 'UNAUTHORIZED', error: 'Wrong admin PIN.' } }
              }
              kiosk = { on: false, event_id: null }
            }
            return { ok: true, value: state() }
          },
          onLive: () => () => {},
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

test('at a door station, switching events and signing out need the admin token', async ({
  page,
  request,
}) => {
  const later = await sell(request, unique('Late Show'), new Date(Date.now() + 4 * 3600_000).toISOString(), 1)
  await openDoor(page)
  const chooser = page.getByLabel('Event', { exact: true })
  await chooser.selectOption(String(later.event.id))
  const dialog = page.getByRole('dialog', { name: 'Switch the door to another event' })
  await expect(dialog).toBeVisible()
  // Cancelled: the door stays at its event.
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(chooser).toHaveValue(String(night.event.id))
  await page.keyboard.type(code(0))
  await expect(result(page)).toHaveAttribute('data-result', 'DUPLICATE')
  await page.keyboard.press('Escape')

  // A door token is no admin token: the host says so, and nothing changes.
  await chooser.selectOption(String(later.event.id))
  await dialog.getByLabel('Admin token').fill(doorToken)
  await dialog.getByRole('button', { name: 'Switch event' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('That is not the admin token.')
  await page.screenshot({ path: 'test-results/screenshots/door-admin-check-1024x768.png' })
  await dialog.getByLabel('Admin token').fill(adminToken())
  await dialog.getByLabel('Admin token').press('Enter')
  await expect(dialog).toBeHidden()
  await expect(chooser).toHaveValue(String(later.event.id))
  await expect(page.getByTestId('door-expected')).toHaveText('1')

  await page.getByRole('button', { name: 'Sign out' }).click()
  const signOut = page.getByRole('dialog', { name: 'Sign out the door' })
  await signOut.getByLabel('Admin token').fill('not-the-admin-token-at-all')
  await signOut.getByRole('button', { name: 'Sign out' }).click()
  await expect(signOut.getByRole('alert')).toHaveText('That is not the admin token.')
  await signOut.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('signed-in-as')).toContainText('Door')
  await page.getByRole('button', { name: 'Sign out' }).click()
  await signOut.getByLabel('Admin token').fill(adminToken())
  await signOut.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByLabel('Pairing code')).toBeVisible()
})

test('on the desktop a door operator switches events and signs out only with the admin PIN', async ({
  page,
  request,
}) => {
  const later = await sell(request, unique('Desk Show'), new Date(Date.now() + 5 * 3600_000).toISOString(), 1)
  // The desktop shell's bridge, with the real host behind it; the shell's own rules are unit tested.
  await addCallHost(page)
  await page.addInitScript(
    ({ token }) => {
      let operator: { name: string; role: string } | null = { name: 'Door', role: 'door' }
      const shellCalls: unknown[] = []
      const state = () => ({ needs_setup: false, operator, kiosk: { on: false, event_id: null } })
      const wrongPin = { ok: false, error: { code: 'UNAUTHORIZED', error: 'Wrong PIN for Admin.' } }
      Object.assign(window, {
        shellCalls,
        ticketi: {
          call: (name: string, input: unknown) => window.callHost(token, name, input),
          async shell(request: { action: string; admin_pin?: string }) {
            shellCalls.push(request)
            if (request.action === 'confirmAdmin' && request.admin_pin !== '2468') return wrongPin
            if (request.action === 'signOut') {
              if (request.admin_pin !== '2468') return wrongPin
              operator = null
            }
            return { ok: true, value: state() }
          },
          onLive: () => () => {},
        },
      })
    },
    { token: doorToken },
  )
  await page.goto(hostUrl())
  const chooser = page.getByLabel('Event', { exact: true })
  await chooser.selectOption(String(night.event.id))
  await expect(page.getByLabel('Typed code')).toBeFocused()
  await chooser.selectOption(String(later.event.id))
  const dialog = page.getByRole('dialog', { name: 'Switch the door to another event' })
  await dialog.getByLabel('Admin PIN').fill('1111')
  await dialog.getByLabel('Admin PIN').press('Enter')
  await expect(dialog.getByRole('alert')).toHaveText('Wrong PIN for Admin.')
  await expect(chooser).toHaveValue(String(night.event.id))
  await dialog.getByLabel('Admin PIN').fill('2468')
  await dialog.getByLabel('Admin PIN').press('Enter')
  await expect(chooser).toHaveValue(String(later.event.id))

  await page.getByRole('button', { name: 'Sign out' }).click()
  const signOut = page.getByRole('dialog', { name: 'Sign out the door' })
  await signOut.getByLabel('Admin PIN').fill('2468')
  await signOut.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0)
  const calls = await page.evaluate(() => (window as unknown as { shellCalls: unknown[] }).shellCalls)
  expect(calls).toContainEqual({ action: 'signOut', admin_pin: '2468' })
})

const SMALL_SCREENS = [
  { name: 'phone-360x740', width: 360, height: 740 },
  { name: 'phone-390x844', width: 390, height: 844 },
  { name: 'phone-430x932', width: 430, height: 932 },
  { name: 'tablet-768x1024', width: 768, height: 1024 },
]

/** Nothing wider than the screen: no sideways scrolling, every element of `selector` inside it (and above its bottom). */
async function expectFits(page: Page, selector: string, { below = false } = {}) {
  const fit = await page.evaluate(
    ({ selector, below }) => {
      const width = window.innerWidth
      const height = window.innerHeight
      const outside = [...document.querySelectorAll(selector)]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(
          ({ box }) =>
            box.width > 0 &&
            (box.left < 0 || box.right > width + 0.5 || (!below && box.bottom > height + 0.5)),
        )
        .map(
          ({ el, box }) =>
            `${el.textContent?.slice(0, 40)} at ${Math.round(box.left)}–${Math.round(box.right)}`,
        )
      return { scrollWidth: document.scrollingElement!.scrollWidth, width, outside }
    },
    { selector, below },
  )
  expect(fit.outside).toEqual([])
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width)
}

for (const screen of SMALL_SCREENS) {
  test(`the door on a ${screen.name.replace(/-.*/, '')} at ${screen.width}×${screen.height}: keypad and every answer fit`, async ({
    page,
    request,
  }) => {
    const small = await sell(
      request,
      unique(`Small ${screen.width}`),
      new Date(Date.now() + 6 * 3600_000).toISOString(),
      1,
    )
    await page.setViewportSize({ width: screen.width, height: screen.height })
    await openDoor(page, small.event.id)
    await expectFits(page, '[aria-label="Keypad"] button, [data-testid="door-code"]')
    // On a phone the counters come under the keypad, a scroll away.
    await expectFits(page, '[aria-label="Counters"] > div', { below: true })
    await expect(page.getByRole('button', { name: 'Check in', exact: true })).toBeInViewport()
    await page.keyboard.type(small.tickets[0]!.short_code!.slice(0, 2))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('door-incomplete')).toBeInViewport()
    await page.screenshot({ path: `test-results/screenshots/door-${screen.name}.png` })
    await page.keyboard.press('Escape')

    const answers: Array<[string, string]> = [
      [small.tickets[0]!.short_code!, 'OK'],
      [small.tickets[0]!.short_code!, 'DUPLICATE'],
      [unknownCode, 'UNKNOWN'],
      [otherNight.tickets[0]!.short_code!, 'WRONG_EVENT'],
      // Two misses in a row: the next typed code waits.
      [unknownCode, 'THROTTLED'],
    ]
    for (const [typed, expected] of answers) {
      // An unknown code makes this station wait 2 s before the next typed code.
      if (expected === 'WRONG_EVENT') await page.waitForTimeout(2500)
      await page.keyboard.type(typed)
      await expect(result(page)).toHaveAttribute('data-result', expected)
      await expectFits(page, '[data-testid="door-result"] p')
      await page.screenshot({
        path: `test-results/screenshots/door-${screen.name}-${expected.toLowerCase()}.png`,
      })
      await page.keyboard.press('Escape')
    }
    await page.route('**/api/v1/operations/checkIn', (route) => route.abort('internetdisconnected'))
    // A dropped request: the door answers from its own list, marked OFFLINE, and that fits too.
    await page.keyboard.type(code(0))
    await expect(page.getByTestId('door-answer-offline')).toBeVisible()
    await expectFits(page, '[data-testid="door-result"] p, [data-testid="door-result"] button')
    await page.screenshot({ path: `test-results/screenshots/door-${screen.name}-offline.png` })
    await page.unroute('**/api/v1/operations/checkIn')
    await page.keyboard.press('Escape')

    // The recent list with its undo buttons fits too.
    await page.getByRole('region', { name: 'Recent answers' }).scrollIntoViewIfNeeded()
    await expectFits(page, '[aria-label="Recent answers"] li > *', { below: true })
    await page.screenshot({ path: `test-results/screenshots/door-${screen.name}-recent.png`, fullPage: true })
  })
}
