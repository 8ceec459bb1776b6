// The real desktop shell: first-run PINs and sign-in over real IPC, a sale and
// a check-in through the preload bridge, the page served from app:// with its
// policy, the navigation guards, and a door kiosk that volunteers cannot leave.
import { expect, test } from '@playwright/test'
import { dataFolder, launchShell, PINS, run, type RunningShell } from './shell'

let data: ReturnType<typeof dataFolder>
let running: RunningShell | null = null

test.beforeEach(() => {
  data = dataFolder()
})
test.afterEach(async () => {
  await running?.stop()
  running = null
  data.remove()
})

/** First run: PINs set up, one event created; answers the event's id. */
async function setUpLaptop(shell: RunningShell): Promise<number> {
  expect(await shell.shell({ action: 'state' })).toMatchObject({ ok: true, value: { needs_setup: true } })
  expect(await shell.shell({ action: 'setup', pins: PINS })).toMatchObject({
    ok: true,
    value: { operator: { role: 'admin' } },
  })
  const created = await shell.call('createEvent', {
    name: 'Jazz Night',
    starts_at: '2026-12-01T20:00:00Z',
    capacity: 50,
  })
  expect(created.ok).toBe(true)
  return (created as { value: { id: number } }).value.id
}

test('first run, sign-in and operations go through the real IPC path', async () => {
  running = await launchShell(data.path)
  expect(await running.call('listEvents', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  await setUpLaptop(running)
  expect(await running.shell({ action: 'signOut' })).toMatchObject({ ok: true, value: { operator: null } })
  expect(await running.shell({ action: 'signIn', role: 'door', pin: '0000' })).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHORIZED' },
  })
  expect(await running.shell({ action: 'signIn', role: 'door', pin: PINS.door })).toMatchObject({ ok: true })
  expect(await running.call('whoAmI', {})).toMatchObject({
    ok: true,
    value: { role: 'door', operator: 'Door' },
  })
  expect(
    await running.call('createEvent', { name: 'x', starts_at: '2026-12-01T20:00:00Z', capacity: 1 }),
  ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})

test('a sale at the box office and a check-in at the door go through the preload bridge', async () => {
  running = await launchShell(data.path)
  const eventId = await setUpLaptop(running)
  const type = await run(running, 'addTicketType', { event_id: eventId, name: 'General', price_cents: 2500 })
  await run(running, 'seedInventory', { event_id: eventId, count: 10, ticket_type_id: type.id })

  await running.shell({ action: 'signOut' })
  expect(await running.shell({ action: 'signIn', role: 'boxoffice', pin: PINS.boxoffice })).toMatchObject({
    ok: true,
  })
  const sale = await run(running, 'assign', {
    event_id: eventId,
    customer: { name: 'Ann Example', email: 'ann@example.com' },
    ticket_type_id: type.id,
    quantity: 2,
    payment_method: 'card',
  })
  expect(sale).toMatchObject({
    amount_cents: 5000,
    payment_method: 'card',
    customer: { name: 'Ann Example' },
  })
  expect(sale.tickets).toHaveLength(2)
  // A refused sale changes nothing and says why.
  expect(
    await running.call('assign', { event_id: eventId, customer: { email: 'no at sign' }, quantity: 1 }),
  ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

  await running.shell({ action: 'signOut' })
  await running.shell({ action: 'signIn', role: 'door', pin: PINS.door })
  const code = sale.tickets[0]!.short_code!
  expect(await run(running, 'checkIn', { event_id: eventId, code })).toMatchObject({
    result: 'OK',
    ticket: { short_code: code },
  })
  expect(await run(running, 'checkIn', { event_id: eventId, code })).toMatchObject({ result: 'DUPLICATE' })
  expect(await run(running, 'doorCounts', { event_id: eventId })).toMatchObject({
    totals: { checked_in: 1, inside_now: 1 },
  })
  // The door may not sell.
  expect(
    await running.call('assign', { event_id: eventId, customer: { name: 'Bob' }, quantity: 1 }),
  ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})

test('the page comes from app:// with the strict policy on its answers', async () => {
  running = await launchShell(data.path)
  const { page } = running
  expect(page.url()).toMatch(/^app:\/\/ticketi\/index\.html/)
  await expect(page.getByText('Welcome to Ticketi')).toBeVisible()
  const answer = await page.evaluate(async () => {
    const response = await fetch('app://ticketi/index.html')
    return { status: response.status, policy: response.headers.get('content-security-policy') }
  })
  expect(answer.status).toBe(200)
  expect(answer.policy).toContain("script-src 'self'")
  expect(answer.policy).toContain("style-src 'self';")
  expect(answer.policy).not.toContain('unsafe-inline')
  // Nothing outside the renderer's folder, and no file:// at all.
  expect(await page.evaluate(() => fetch('app://ticketi/%2e%2e/main/index.js').then((r) => r.status))).toBe(
    404,
  )
  expect(
    await page.evaluate(() =>
      fetch('file:///etc/hosts').then(
        () => 'read',
        () => 'refused',
      ),
    ),
  ).toBe('refused')
  // The page draws under that policy without one violation.
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  await page.reload()
  await expect(page.getByText('Welcome to Ticketi')).toBeVisible()
  expect(violations).toEqual([])
})

test('the page cannot navigate away, open windows or reach Node', async () => {
  running = await launchShell(data.path)
  const before = running.page.url()
  await running.page.evaluate(() => {
    window.location.href = 'https://example.com/'
  })
  await running.page.waitForTimeout(500)
  expect(running.page.url()).toBe(before)
  expect(await running.page.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
  expect(await running.page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
    'undefined',
  )
  expect(await running.page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
    'undefined',
  )
  expect(running.app.windows()).toHaveLength(1)
})

test('a door kiosk from --kiosk --event ID holds until the admin PIN is given', async () => {
  const setup = await launchShell(data.path)
  const eventId = await setUpLaptop(setup)
  await setup.stop()

  running = await launchShell(data.path, '--kiosk', '--event', String(eventId))
  const kiosk = running
  expect(await kiosk.shell({ action: 'state' })).toMatchObject({
    ok: true,
    value: { kiosk: { on: true, event_id: eventId }, operator: { role: 'door' } },
  })
  await expect.poll(() => kiosk.windowState()).toMatchObject({ kiosk: true, fullScreen: true })
  expect(await kiosk.app.evaluate(({ Menu }) => Menu.getApplicationMenu())).toBeNull()

  // Closing the window and quitting the app are both refused.
  await kiosk.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close())
  await kiosk.app.evaluate(({ app }) => app.quit())
  await kiosk.page.waitForTimeout(500)
  expect(await kiosk.windowState()).toMatchObject({ count: 1, destroyed: false, kiosk: true })

  // The close and quit shortcuts never reach the page; the keypad's digits do.
  await kiosk.page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { seenKeys: string[] }).seenKeys = seen
    window.addEventListener('keydown', (e) => seen.push(`${e.ctrlKey ? 'Ctrl+' : ''}${e.key}`), true)
  })
  for (const key of ['Control+q', 'Control+w', 'Alt+F4', 'F12', '7']) await kiosk.page.keyboard.press(key)
  await kiosk.page.waitForTimeout(300)
  expect(await kiosk.page.evaluate(() => (window as unknown as { seenKeys: string[] }).seenKeys)).toEqual([
    '7',
  ])
  expect(await kiosk.windowState()).toMatchObject({ count: 1, kiosk: true })

  // Check-ins run as the door kiosk; a door PIN does not open it, the admin PIN does.
  expect(await kiosk.call('whoAmI', {})).toMatchObject({ ok: true, value: { station: 'door kiosk' } })
  expect(await kiosk.shell({ action: 'leaveKiosk', admin_pin: PINS.door })).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHORIZED' },
  })
  expect(await kiosk.shell({ action: 'leaveKiosk', admin_pin: PINS.admin })).toMatchObject({
    ok: true,
    value: { kiosk: { on: false }, operator: { role: 'admin' } },
  })
  await expect.poll(() => kiosk.windowState()).toMatchObject({ kiosk: false, fullScreen: false })
})
