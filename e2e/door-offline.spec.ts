// The door never stops: two doors and a real host of their own. The host is
// killed mid-evening (or the network cut in the browser), the doors go on from
// their own lists, one door is reloaded, and once the host is back every
// check-in arrives exactly once, and a code let in at both doors is a conflict.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { startBuiltHost, type BuiltHost } from './built-host'
import { typeCodesInPage } from './door-keys'

test.describe.configure({ mode: 'serial' })

const TOKEN = 'door-offline-e2e-admin-token-0123'

interface Night {
  host: BuiltHost
  dataDir: string
  port: number
  eventId: number
  codes: string[]
  uuids: string[]
}

async function call<T = unknown>(url: string, name: string, input: unknown): Promise<T> {
  const response = await fetch(`${url}/api/v1/operations/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(input),
  })
  if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** A host of its own (it is killed), with one event and `guests` tickets sold, `perSale` a sale. */
async function openNight(guests: number, codeLength = 3, perSale = 1): Promise<Night> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketi-e2e-offline-'))
  const host = await startBuiltHost(process.cwd(), dataDir, TOKEN)
  const port = Number(new URL(host.url).port)
  const event = await call<{ id: number }>(host.url, 'createEvent', {
    name: 'Jazz Night',
    starts_at: new Date().toISOString(),
    capacity: guests + 20,
    code_length: codeLength,
  })
  await call(host.url, 'seedInventory', { event_id: event.id, count: guests + 20 })
  const codes: string[] = []
  const uuids: string[] = []
  for (let i = 0; codes.length < guests; i++) {
    const sale = await call<{ tickets: { short_code: string; uuid: string }[] }>(host.url, 'assign', {
      event_id: event.id,
      customer: { name: `Guest ${i + 1}`, email: `guest${i + 1}@example.com` },
      quantity: Math.min(perSale, guests - codes.length),
    })
    for (const t of sale.tickets) {
      codes.push(t.short_code)
      uuids.push(t.uuid)
    }
  }
  return { host, dataDir, port, eventId: event.id, codes, uuids }
}

async function closeNight(night: Night) {
  await night.host.stop()
  rmSync(night.dataDir, { recursive: true, force: true })
}

async function restart(night: Night) {
  night.host = await startBuiltHost(process.cwd(), night.dataDir, TOKEN, night.port)
}

/** A door station of its own in a context of its own, on the night's event, its list filled. */
async function openDoor(
  browser: Browser,
  night: Night,
  name: string,
  width = 1280,
  clockAt?: number,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } })
  const page = await context.newPage()
  if (clockAt !== undefined) await page.clock.install({ time: clockAt })
  const pairing = await call<{ join_url: string }>(night.host.url, 'createPairing', { name, role: 'door' })
  await page.goto(pairing.join_url)
  await page.getByRole('button', { name: 'Join' }).click()
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
  await page.goto(`${night.host.url}/#/door`)
  await page.getByLabel('Event', { exact: true }).selectOption(String(night.eventId))
  await expect(page.getByTestId('door-list')).toBeVisible()
  return page
}

function codeNobodyHas(night: Night): string {
  for (let n = 999; ; n--) {
    const code = String(n).padStart(3, '0')
    if (!night.codes.includes(code)) return code
  }
}

const result = (page: Page) => page.getByTestId('door-result')

/** Types a code as a person would and waits for the answer, then clears it for the next guest. */
async function scan(page: Page, code: string, expected: string, offline = true) {
  await page.keyboard.type(code)
  if (code.length > 8) await page.keyboard.press('Enter')
  await expect(result(page)).toHaveAttribute('data-result', expected)
  await expect(page.getByTestId('door-answer-offline')).toHaveCount(offline ? 1 : 0)
  await page.keyboard.press('Escape')
  await expect(result(page)).toBeHidden()
}

async function shot(page: Page, name: string) {
  const { width } = page.viewportSize()!
  await page.screenshot({ path: `test-results/screenshots/${name}-${width}x800.png` })
}

/**
 * What the host stored, read from its database file: guests checked in, attempts, distinct
 * nonces among them (each check-in stored once), and the door conflicts its counters show.
 */
async function stored(night: Night) {
  const counts = await call<{ totals: { checked_in: number }; door_conflicts: number }>(
    night.host.url,
    'doorCounts',
    { event_id: night.eventId },
  )
  const db = new Database(join(night.dataDir, 'ticketi.db'), { readonly: true })
  try {
    const rows = db
      .prepare(
        `SELECT count(*) AS attempts, count(DISTINCT nonce) AS nonces, sum(offline) AS offline
           FROM checkin WHERE event_id = ?`,
      )
      .get(night.eventId) as { attempts: number; nonces: number; offline: number }
    const conflicted = db
      .prepare(
        `SELECT t.short_code FROM checkin c JOIN ticket t ON t.id = c.ticket_id
          WHERE c.event_id = ? AND c.conflict = 1 ORDER BY c.id`,
      )
      .pluck()
      .all(night.eventId) as string[]
    return {
      checkedIn: counts.totals.checked_in,
      conflicts: counts.door_conflicts,
      conflicted,
      ...rows,
    }
  } finally {
    db.close()
  }
}

test('the host is killed mid-evening: both doors go on, one is reloaded, all arrives once', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const night = await openNight(30)
  try {
    const [a, b] = [await openDoor(browser, night, 'Door 1'), await openDoor(browser, night, 'Door 2')]
    // Two guests online first: the doors' lists follow. Door 1 hears of Door 2's guest live
    // (its counters say 2) before the host goes away.
    await scan(a, night.codes[0]!, 'OK', false)
    await scan(b, night.codes[1]!, 'OK', false)
    await expect(a.getByTestId('door-list')).toBeVisible()
    await expect(a.getByTestId('door-checked-in')).toHaveText('2')

    await night.host.kill()
    // Door 1: the first code after the host went away is answered from the list.
    const start = Date.now()
    await scan(a, night.codes[2]!, 'OK')
    const firstOfflineMs = Date.now() - start
    await expect(a.getByTestId('door-offline')).toContainText(/OFFLINE · list from \d{1,2}:\d{2}/)
    for (let i = 3; i <= 11; i++) await scan(a, night.codes[i]!, 'OK')
    await scan(a, night.codes[3]!, 'DUPLICATE')
    await scan(a, codeNobodyHas(night), 'UNKNOWN')
    // Code 1 came in online at Door 2: Door 1's list knows it.
    await scan(a, night.codes[1]!, 'DUPLICATE')
    await expect(a.getByTestId('door-waiting')).toHaveText('13 check-ins wait for the host')
    // The counters go on from the door's own list: 2 let in online, 10 here since.
    await expect(a.getByTestId('door-checked-in')).toHaveText('12')
    await expect(a.getByTestId('door-inside')).toHaveText('12')
    await shot(a, 'door-offline')

    // Door 2: six guests, one of them (code 5) already let in at Door 1, which Door 2 cannot know.
    for (const i of [12, 13, 14, 15, 16]) await scan(b, night.codes[i]!, 'OK')
    await scan(b, night.uuids[5]!, 'OK')
    await scan(b, night.uuids[12]!, 'DUPLICATE')
    await expect(b.getByTestId('door-waiting')).toHaveText('7 check-ins wait for the host')
    // A reload of Door 2 with the host away: the page cannot load without it, its queue waits.
    await expect(b.reload()).rejects.toThrow()

    await restart(night)
    const back = Date.now()
    await expect(a.getByTestId('door-waiting')).toBeHidden({ timeout: 10_000 })
    test.info().annotations.push({
      type: 'timings',
      description: `first offline answer ${firstOfflineMs} ms; Door 1's queue sent ${Date.now() - back} ms after restart`,
    })
    await expect(a.getByTestId('door-offline')).toBeHidden()
    // Chromium reloads a network error page by itself once the host answers again; our own
    // navigation may race that reload, and either one brings the door back.
    await b.goto(`${night.host.url}/#/door`).catch((error: unknown) => {
      if (!String(error).includes('interrupted by another navigation')) throw error
    })
    await expect(b.getByTestId('door-list')).toBeVisible({ timeout: 15_000 })
    await expect(b.getByTestId('door-waiting')).toBeHidden()

    // 2 online + 13 + 7 offline attempts, each once; 2 + 10 + 5 guests in, code 5 at both doors.
    expect(await stored(night)).toEqual({
      checkedIn: 17,
      attempts: 22,
      nonces: 22,
      offline: 20,
      conflicts: 1,
      conflicted: [night.codes[5]],
    })

    // Both doors back online: a code they both know answers from the host again.
    await scan(a, night.codes[14]!, 'DUPLICATE', false)
    // The reloaded door's queue is not sent twice.
    await b.reload()
    await expect(b.getByTestId('door-list')).toBeVisible()
    expect(await stored(night)).toMatchObject({ checkedIn: 17, attempts: 23, nonces: 23, offline: 20 })
  } finally {
    await closeNight(night)
  }
})

test('the network is cut in the browser; a code sold meanwhile; screenshots on a phone', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const night = await openNight(12)
  try {
    const a = await openDoor(browser, night, 'Door 1')
    const phone = await openDoor(browser, night, 'Door 2', 390)
    await a.context().setOffline(true)
    await phone.context().setOffline(true)
    await scan(a, night.codes[0]!, 'OK')
    await scan(a, night.codes[0]!, 'DUPLICATE')
    await scan(phone, night.codes[1]!, 'OK')
    await scan(phone, night.codes[0]!, 'OK')
    await expect(phone.getByTestId('door-waiting')).toHaveText('2 check-ins wait for the host')
    await shot(phone, 'door-offline')
    await phone.keyboard.type(night.codes[2]!)
    await expect(result(phone)).toHaveAttribute('data-result', 'OK')
    await shot(phone, 'door-offline-answer')
    await phone.keyboard.press('Escape')

    // Sold while the doors could not hear of it: the list is too old to know the code.
    const sale = await call<{ tickets: { short_code: string }[] }>(night.host.url, 'assign', {
      event_id: night.eventId,
      customer: { name: 'Late Buyer', email: 'late@example.com' },
    })
    const late = sale.tickets[0]!.short_code
    await a.keyboard.type(late)
    await expect(result(a)).toHaveAttribute('data-result', 'UNKNOWN')
    await expect(a.getByTestId('door-headline')).toHaveText(/This door's list is from \d{1,2}:\d{2}/)
    await shot(a, 'door-offline-unknown')
    await a.keyboard.press('Escape')

    await a.context().setOffline(false)
    await phone.context().setOffline(false)
    await expect(a.getByTestId('door-waiting')).toBeHidden({ timeout: 10_000 })
    await expect(phone.getByTestId('door-waiting')).toBeHidden({ timeout: 10_000 })
    // Back online, the list has the late ticket: the guest gets in.
    await scan(a, late, 'OK', false)
    expect(await stored(night)).toEqual({
      checkedIn: 4,
      attempts: 7,
      nonces: 7,
      offline: 6,
      conflicts: 1,
      conflicted: [night.codes[0]],
    })
  } finally {
    await closeNight(night)
  }
})

test('a door offline for an hour sends its 2,000 check-ins when it is back', async ({ browser }) => {
  test.setTimeout(300_000)
  const night = await openNight(2000, 4, 100)
  try {
    // The door's clock starts an hour back; moved on by an hour before it goes online again,
    // every check-in it queued was scanned an hour before it reaches the host.
    const hour = 60 * 60 * 1000
    const door = await openDoor(browser, night, 'Door 1', 1280, Date.now() - hour)
    await door.context().setOffline(true)
    await scan(door, night.codes[0]!, 'OK')
    // The other 1,999 through the door's own keyboard handler, typed inside the page.
    await typeCodesInPage(door, night.codes.slice(1))
    await expect(door.getByTestId('door-waiting')).toHaveText('2000 check-ins wait for the host')
    await shot(door, 'door-offline-2000-waiting')
    await door.clock.fastForward('01:00:00')
    await door.context().setOffline(false)
    const back = Date.now()
    await expect(door.getByTestId('door-waiting')).toBeHidden({ timeout: 30_000 })
    test
      .info()
      .annotations.push({ type: 'sent', description: `2,000 queued sent in ${Date.now() - back} ms` })
    expect(await stored(night)).toEqual({
      checkedIn: 2000,
      attempts: 2000,
      nonces: 2000,
      offline: 2000,
      conflicts: 0,
      conflicted: [],
    })
    const db = new Database(join(night.dataDir, 'ticketi.db'), { readonly: true })
    const gap = db
      .prepare(
        `SELECT min((julianday(uploaded_at) - julianday(scanned_at)) * 86400) FROM checkin WHERE event_id = ?`,
      )
      .pluck()
      .get(night.eventId) as number
    db.close()
    expect(gap).toBeGreaterThan(55 * 60)
  } finally {
    await closeNight(night)
  }
})
