// Reports → Export to USB drive: the chosen exports and a database backup,
// written into a folder named after the event and the date on a drive the
// computer lists as removable. Runs in the main process; the shell wires it to
// the window (src/main/shell/usb.ts).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { EXPORT_FORMATS, EXPORT_REPORTS, EXPORT_REPORT_NAMES } from '../../shared/exports'
import { TicketiError } from '../../shared/errors'
import type { RemovableDrive, UsbExportResult, UsbProgress, WrittenFile } from '../../shared/ipc'
import type { Principal } from '../../shared/principal'
import type { EventDetails, ExportFile } from '../../shared/views'
import type { Store } from '../db/open'
import { copyDatabaseAside } from '../backup/aside'
import type { AsyncDispatch } from '../dispatcher'
import type { BuiltExport } from '../exports/build'
import { exportFileBytes } from '../exports/bytes'
import { listRemovableDrives } from './drives'
import { writeToDrive, type DriveFs, type FileToWrite } from './write'

const exportRequest = z.strictObject({
  action: z.literal('export'),
  drive: z.string().min(1).max(1000),
  event_id: z.number().int().positive(),
  reports: z.array(z.enum(EXPORT_REPORT_NAMES)).max(20),
  formats: z.array(z.enum(EXPORT_FORMATS)).min(1).max(2),
  backup: z.boolean(),
})

export interface UsbExportOptions {
  dispatch: AsyncDispatch
  store: Store
  listDrives?: () => Promise<RemovableDrive[]>
  fs?: DriveFs
  platform?: NodeJS.Platform
  clock?: () => Date
}

/** A folder name every file system on a USB stick accepts (FAT, exFAT, NTFS, APFS, ext4). */
export function folderName(eventName: string, at: Date): string {
  const safe = eventName
    // Control characters go the way of \s below; these are the ones FAT and NTFS refuse.
    .replace(/[<>:"/\\|?*]+/g, ' ')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}${pad(at.getMinutes())}`
  return `${(safe || 'Event').slice(0, 100)} ${stamp}`
}

async function call<T>(dispatch: AsyncDispatch, name: string, input: unknown, who: Principal): Promise<T> {
  const outcome = await dispatch(name, input, who)
  if (!outcome.ok) throw TicketiError.fromEnvelope(outcome.error)
  return outcome.value as T
}

/** A verified copy of the database through SQLite's backup API, made beside the temp files and read once. */
async function backupBytes(store: Store): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'ticketi-usb-'))
  try {
    const copy = join(dir, 'backup.db')
    await copyDatabaseAside(store.path, copy)
    return await readFile(copy)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function createUsbExport({
  dispatch,
  store,
  listDrives = () => listRemovableDrives(),
  fs,
  platform,
  clock = () => new Date(),
}: UsbExportOptions) {
  return {
    drives: listDrives,

    async run(
      request: unknown,
      who: Principal,
      onProgress: (p: UsbProgress) => void,
    ): Promise<UsbExportResult> {
      const parsed = exportRequest.safeParse(request)
      if (!parsed.success)
        throw new TicketiError('VALIDATION', 'Choose a drive, an event and at least one file.')
      const { drive, event_id, reports, formats, backup } = parsed.data
      if (reports.length === 0 && !backup)
        throw new TicketiError('VALIDATION', 'Choose at least one file to export.')
      if (backup && who.role !== 'admin') {
        throw new TicketiError('FORBIDDEN', 'Only an admin may copy the database to a drive.')
      }
      // Only a drive the computer lists as removable now: the window cannot name any other folder.
      if (!(await listDrives()).some((d) => d.path === drive)) {
        throw new TicketiError(
          'DRIVE_GONE',
          'That drive is no longer there. Put it back in, or choose another one.',
        )
      }
      const ev = await call<EventDetails>(dispatch, 'getEvent', { event_id }, who)
      const at = clock()
      const files: FileToWrite[] = reports.flatMap((report) =>
        formats.map((format) => {
          const title = `${EXPORT_REPORTS[report].title} (${format.toUpperCase()})`
          let name = `${report}.${format}`
          return {
            title,
            get name() {
              return name
            },
            async bytes() {
              const file = await call<BuiltExport | ExportFile>(
                dispatch,
                'exportReport',
                { event_id, report, format },
                who,
              )
              name = file.filename
              return exportFileBytes(file)
            },
          }
        }),
      )
      if (backup) {
        files.push({
          title: 'Database backup',
          name: `ticketi-backup-${at.toISOString().slice(0, 10)}.db`,
          bytes: () => backupBytes(store),
        })
      }
      const folder = join(drive, folderName(ev.name, at))
      const written: WrittenFile[] = []
      try {
        await writeToDrive(files, folder, { fs, platform, onProgress, written })
      } catch (error) {
        // The files finished before the failure are complete; the window lists them, and no other.
        const problem =
          error instanceof TicketiError ? error : new TicketiError('INTERNAL', 'The export stopped.')
        throw new TicketiError(problem.code, problem.message, { folder, written })
      }
      return { folder, files: written }
    },
  }
}

export type UsbExport = ReturnType<typeof createUsbExport>
