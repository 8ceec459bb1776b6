// Reports → Export to USB drive on the desktop app. The shell is stood in for by a
// window.ticketi bridge whose usb() runs the main process's own code (src/main/usb
// and its shell side) here, against the real host and its database, with a folder
// standing in for the stick. A full stick is a file system that says ENOSPC.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import type { UsbProgress } from '../src/shared/ipc'
import { dbPathIn, openStore, type Store } from '../src/main/db/open'
import type { AsyncDispatch } from '../src/main/dispatcher'
import { createUsbShell } from '../src/main/shell/usb'
import { createUsbExport } from '../src/main/usb/usb-export'
import { nodeDriveFs, type DriveFs } from '../src/main/usb/write'
import { addCallHost, adminToken, hostUrl, operate, screenshot, unique } from './support'

const ADMIN = { role: 'admin' as const, station: 'this laptop', operator: 'Admin' }

/** The operations the main process would dispatch, sent to the host instead. */
const overHttp: AsyncDispatch = async (name, input) => {
  const response = await fetch(`${hostUrl()}/api/v1/operations/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken()}` },
    body: JSON.stringify(input),
  })
  const body = await response.json()
  return response.ok ? { ok: true, value: body } : { ok: false, error: body }
}

/** The stick's file system, full after `writes` writes when given. */
function stick(fullAfter: number | null): DriveFs {
  let writes = 0
  return {
    ...nodeDriveFs,
    async open(path, flags) {
      const file = await nodeDriveFs.open(path, flags)
      return {
        write: (data) =>
          fullAfter !== null && ++writes > fullAfter
            ? Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }))
            : file.write(data),
        sync: () => file.sync(),
        close: () => file.close(),
      }
    },
  }
}

/** The desktop app signed in as admin, its USB export on a folder named KINGSTON. */
async function desktopWithStick(page: Page, store: Store, drive: string, fs: () => DriveFs) {
  const usb = createUsbExport({
    dispatch: overHttp,
    store,
    listDrives: async () => [{ path: drive, label: 'KINGSTON', size_bytes: 16e9 }],
    fs: fs(),
  })
  const progress = (p: UsbProgress) => void page.evaluate((p) => window.__usbProgress?.(p), p)
  const answer = createUsbShell(
    () => usb,
    () => ADMIN,
    progress,
    () => {},
  )
  await page.exposeFunction('usbInMain', (request: unknown) => answer(request))
  await addCallHost(page)
  await page.addInitScript((token) => {
    const state = {
      needs_setup: false,
      operator: { name: 'Admin', role: 'admin' },
      kiosk: { on: false, event_id: null },
    }
    Object.assign(window, {
      ticketi: {
        onLive: () => () => {},
        call: (name: string, input: unknown) => window.callHost(token, name, input),
        shell: async () => ({ ok: true, value: state }),
        usb: (request: unknown) => window.usbInMain(request),
        onUsbProgress(listener: (p: unknown) => void) {
          window.__usbProgress = listener
          return () => {}
        },
      },
    })
  }, adminToken())
}

declare global {
  interface Window {
    usbInMain(request: unknown): Promise<never>
    __usbProgress?: (progress: UsbProgress) => void
  }
}

let store: Store
let drive: string
test.beforeEach(() => {
  store = openStore(dbPathIn(process.env.TICKETI_E2E_DATA_DIR!), 'drizzle')
  drive = mkdtempSync(join(tmpdir(), 'ticketi-stick-'))
})
test.afterEach(() => {
  store.close()
  rmSync(drive, { recursive: true, force: true })
})

async function nightWithGuests(request: Parameters<typeof operate>[0]) {
  const night = await operate(request, 'createEvent', {
    name: unique('Stick Night'),
    starts_at: '2026-12-01T19:00:00Z',
    capacity: 50,
  })
  await operate(request, 'seedInventory', { event_id: night.id, count: 20 })
  await operate(request, 'importGuestList', {
    event_id: night.id,
    csv: 'Name,Email\nAnn Lee,ann@example.com\nBob Ray,\n',
  })
  return night
}

async function openUsbExport(page: Page, eventId: number) {
  await page.goto(`${hostUrl()}/#/reports?event=${eventId}`)
  await page.getByRole('button', { name: 'Export to USB drive' }).click()
  const section = page.getByRole('region', { name: 'Export to USB drive' })
  await expect(section.getByRole('radio', { name: /KINGSTON/ })).toHaveAttribute('aria-checked', 'true')
  return section
}

test('the organizer writes the exports and a backup to a USB stick, and is told it is safe to remove', async ({
  page,
  request,
}) => {
  const night = await nightWithGuests(request)
  await desktopWithStick(page, store, drive, () => stick(null))
  const section = await openUsbExport(page, night.id)
  await section.getByLabel('Excel (XLSX)').check()
  await screenshot(page, 'reports-usb-export')
  await section.getByRole('button', { name: 'Write to the drive' }).click()

  const done = section.getByRole('status')
  await expect(done).toContainText('Safe to remove the drive.', { timeout: 30_000 })
  await done.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-usb-export-done')
  const [folder] = readdirSync(drive)
  expect(folder).toMatch(/^Stick Night .* \d{4}-\d\d-\d\d \d{4}$/)
  const files = readdirSync(join(drive, folder!)).sort()
  // Five reports as CSV and XLSX, and the backup; no temporary file is left behind.
  expect(files).toHaveLength(11)
  expect(files.filter((f) => f.startsWith('ticketi-backup-'))).toHaveLength(1)
  expect(files.some((f) => f.includes('.part') || f.startsWith('.'))).toBe(false)
  await expect(done.getByRole('listitem')).toHaveCount(11)
  const attendees = files.find((f) => f.startsWith('attendees-') && f.endsWith('.csv'))!
  const csv = readFileSync(join(drive, folder!, attendees), 'utf8')
  expect(csv.startsWith('\uFEFFcode,holder,buyer')).toBe(true)
  expect(csv).toContain('Ann Lee')
  const backup = files.find((f) => f.startsWith('ticketi-backup-'))!
  expect(
    readFileSync(join(drive, folder!, backup))
      .subarray(0, 15)
      .toString(),
  ).toBe('SQLite format 3')
})

test('a stick that fills up halfway is said to be full, and only the finished files are claimed', async ({
  page,
  request,
}) => {
  const night = await nightWithGuests(request)
  // Enough room for the first file (one write), not for the second.
  await desktopWithStick(page, store, drive, () => stick(1))
  const section = await openUsbExport(page, night.id)
  await section.getByLabel('Database backup').uncheck()
  await section.getByRole('button', { name: 'Write to the drive' }).click()

  await expect(section.getByText(/The drive is full/)).toBeVisible({ timeout: 30_000 })
  await expect(section.getByRole('status')).toHaveCount(0)
  await expect(
    section.getByText(/^Complete on the drive: attendees-.*\.csv\. Every other file is not\.$/),
  ).toBeVisible()
  await section.getByText(/^Complete on the drive/).scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-usb-export-full')
  const [folder] = readdirSync(drive)
  const left = readdirSync(join(drive, folder!))
  expect(left).toHaveLength(1)
  expect(existsSync(join(drive, folder!, left[0]!))).toBe(true)
  expect(left[0]).toMatch(/^attendees-.*\.csv$/)
})
