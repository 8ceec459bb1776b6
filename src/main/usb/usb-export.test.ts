// Export to a USB drive with a folder standing in for the drive, and the
// drive's failures injected through the file-system layer.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TicketiError } from '../../shared/errors'
import type { UsbProgress } from '../../shared/ipc'
import {
  ADMIN,
  BOX_OFFICE,
  openTestCore,
  seededEvent,
  tempDir,
  type TestCore,
} from '../../../test/support/core'
import { createUsbExport } from './usb-export'
import { nodeDriveFs, type DriveFs } from './write'

let core: TestCore
let drive: { path: string; remove(): void }
let eventId: number
beforeEach(() => {
  core = openTestCore()
  drive = tempDir('ticketi-drive-')
  eventId = seededEvent(core, 20).eventId
  core.call('importGuestList', { event_id: eventId, csv: 'Name,Email\nAnn Lee,ann@example.com\nBob Ray,\n' })
})
afterEach(() => {
  core.dispose()
  drive.remove()
})

const at = new Date(2026, 11, 1, 23, 15)
const request = {
  action: 'export',
  drive: '',
  event_id: 0,
  reports: ['attendees', 'sales'],
  formats: ['csv', 'xlsx'],
  backup: true,
}

function usb(fs: DriveFs = nodeDriveFs) {
  return createUsbExport({
    dispatch: core.dispatchAsync,
    store: core.store,
    listDrives: async () => [{ path: drive.path, label: 'DOOR STICK', size_bytes: null }],
    fs,
    platform: 'linux',
    clock: () => at,
  })
}

const ask = () => ({ ...request, drive: drive.path, event_id: eventId })

/** The real file system, with one call failing with `code` once `when` says so. */
function faulty(code: string, when: (call: string, path: string, writes: number) => boolean): DriveFs {
  let writes = 0
  const fail = () => Promise.reject(Object.assign(new Error(code), { code }))
  return {
    mkdir: (p, o) => (when('mkdir', p, writes) ? fail() : nodeDriveFs.mkdir(p, o)),
    rename: (a, b) => (when('rename', a, writes) ? fail() : nodeDriveFs.rename(a, b)),
    readFile: (p) => (when('readFile', p, writes) ? fail() : nodeDriveFs.readFile(p)),
    rm: (p, o) => nodeDriveFs.rm(p, o),
    async open(p, flags) {
      if (when('open', p, writes)) return fail()
      const handle = await nodeDriveFs.open(p, flags)
      return {
        write: (data) => (when('write', p, ++writes) ? fail() : handle.write(data)),
        sync: () => (when('sync', p, writes) ? fail() : handle.sync()),
        close: () => handle.close(),
      }
    },
  }
}

async function refusal(run: Promise<unknown>): Promise<TicketiError> {
  try {
    await run
  } catch (error) {
    if (error instanceof TicketiError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('exporting to a USB drive', () => {
  it('writes each file into a folder named after the event and date, verified, with a backup that opens', async () => {
    const progress: UsbProgress[] = []
    const result = await usb().run(ask(), ADMIN, (p) => progress.push(p))
    expect(result.folder).toBe(join(drive.path, 'Jazz Night 2026-12-01 2315'))
    // The exports are named by the day they were made; the folder and backup by the export's clock.
    expect(result.files.map((f) => f.name.replace(/\d{4}-\d\d-\d\d/, 'DAY'))).toEqual([
      'attendees-jazz-night-DAY.csv',
      'attendees-jazz-night-DAY.xlsx',
      'payments-jazz-night-DAY.csv',
      'payments-jazz-night-DAY.xlsx',
      'ticketi-backup-DAY.db',
    ])
    for (const file of result.files) {
      expect(sha(readFileSync(join(result.folder, file.name)))).toBe(file.sha256)
    }
    expect(readdirSync(result.folder).filter((n) => n.endsWith('.partial'))).toEqual([])
    expect(readFileSync(join(result.folder, result.files[0]!.name), 'utf8')).toContain('Ann Lee')
    const backup = new Database(join(result.folder, result.files.at(-1)!.name), { readonly: true })
    expect(backup.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok')
    expect(backup.prepare('SELECT count(*) FROM sale').pluck().get()).toBe(2)
    backup.close()
    expect(progress.at(-1)).toMatchObject({ step: 'Done', files_done: 5, files_total: 5 })
    expect(progress.some((p) => p.step.startsWith('Writing Attendee list (CSV)'))).toBe(true)
  })

  it('says the drive is full, keeps the files finished before, and leaves no partial file', async () => {
    const full = faulty('ENOSPC', (call, _p, writes) => call === 'write' && writes >= 3)
    const error = await refusal(usb(full).run(ask(), ADMIN, () => {}))
    expect(error.code).toBe('DISK_FULL')
    expect(error.message).toContain('The drive is full')
    const { folder, written } = error.details as { folder: string; written: Array<{ name: string }> }
    expect(written).toHaveLength(2)
    expect(readdirSync(folder).sort()).toEqual(written.map((w) => w.name).sort())
  })

  it('says the drive was removed when it disappears mid-write or while syncing, and claims nothing after', async () => {
    for (const [code, call] of [
      ['ENOENT', 'write'],
      ['EIO', 'sync'],
    ] as const) {
      const pulled = faulty(code, (c, p) => c === call && p.includes('payments'))
      const error = await refusal(usb(pulled).run(ask(), ADMIN, () => {}))
      expect(error.code).toBe('DRIVE_GONE')
      expect(error.message).toContain('removed or stopped answering')
      const { written } = error.details as { written: Array<{ name: string }> }
      expect(written.map((w) => w.name.split('-')[0])).toEqual(['attendees', 'attendees'])
    }
  })

  it('says a read-only or locked drive cannot be written to', async () => {
    for (const code of ['EROFS', 'EACCES']) {
      const locked = faulty(code, (call) => call === 'mkdir')
      const error = await refusal(usb(locked).run(ask(), ADMIN, () => {}))
      expect(error.code).toBe('DRIVE_READ_ONLY')
      expect(error.details).toMatchObject({ written: [] })
    }
  })

  it('refuses a file that reads back different from what was written', async () => {
    const failing: DriveFs = { ...nodeDriveFs, readFile: async () => new Uint8Array([1, 2, 3]) }
    const error = await refusal(usb(failing).run(ask(), ADMIN, () => {}))
    expect(error.message).toContain('read back different')
    expect(readdirSync(join(drive.path, 'Jazz Night 2026-12-01 2315'))).toEqual([])
  })

  it('writes only to a drive the computer lists, and only an admin copies the database', async () => {
    const elsewhere = await refusal(usb().run({ ...ask(), drive: '/etc' }, ADMIN, () => {}))
    expect(elsewhere.code).toBe('DRIVE_GONE')
    expect((await refusal(usb().run(ask(), BOX_OFFICE, () => {}))).code).toBe('FORBIDDEN')
    const files = await usb().run({ ...ask(), backup: false }, BOX_OFFICE, () => {})
    expect(files.files).toHaveLength(4)
    expect(existsSync(join(drive.path, 'Jazz Night 2026-12-01 2315'))).toBe(true)
  })
})
