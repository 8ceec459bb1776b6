// Writing files to a drive that may fill up or be pulled out at any moment.
// Each file goes to a temporary name, is synced, renamed into place, the folder
// synced, and read back and compared by SHA-256; only then is it complete. A
// file that failed anywhere is removed again (if the drive still answers) and
// never listed as written.
import { createHash, randomBytes } from 'node:crypto'
import * as fsp from 'node:fs/promises'
import { join } from 'node:path'
import { TicketiError } from '../../shared/errors'
import type { WrittenFile } from '../../shared/ipc'
import { stepTurn } from '../step-turns'

/** The few file-system calls a drive export needs: node:fs/promises, or a stand-in that injects faults. */
export interface DriveFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  open(path: string, flags: 'w' | 'r'): Promise<DriveFile>
  rename(from: string, to: string): Promise<void>
  readFile(path: string): Promise<Uint8Array>
  rm(path: string, options: { force: true }): Promise<void>
}

export interface DriveFile {
  write(data: Uint8Array): Promise<{ bytesWritten: number }>
  sync(): Promise<void>
  close(): Promise<void>
}

export const nodeDriveFs: DriveFs = {
  mkdir: (path, options) => fsp.mkdir(path, options),
  open: (path, flags) => fsp.open(path, flags),
  rename: (from, to) => fsp.rename(from, to),
  readFile: (path) => fsp.readFile(path),
  rm: (path, options) => fsp.rm(path, options),
}

export interface FileToWrite {
  name: string
  /** Called only when the file's turn comes, so a big export is built just before it is written. */
  bytes(): Promise<Uint8Array>
  /** What the progress shows: "Attendee list (CSV)". */
  title: string
}

export interface WriteProgress {
  step: string
  files_done: number
  files_total: number
  bytes_done: number
  bytes_total: number
}

/** Writes go out in pieces this big, so progress moves and a pulled drive is noticed soon. */
const PIECE_BYTES = 1024 * 1024

/** A file's hash a piece at a time: a 70 MB backup hashed at once would hold the door for a quarter second. */
async function sha256(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256')
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
    hash.update(bytes.subarray(at, at + PIECE_BYTES))
    await stepTurn()
  }
  return hash.digest('hex')
}

/** What a failed write means for the person holding the drive. */
export function driveProblem(error: unknown, file: string): TicketiError {
  if (error instanceof TicketiError) return error
  const code = (error as { code?: string }).code
  const what = `${file} was not written`
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new TicketiError(
        'DISK_FULL',
        `The drive is full: ${what}. Free some space on it, or use another drive, and export again.`,
      )
    case 'ENOENT':
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
    case 'ENOTDIR':
      return new TicketiError(
        'DRIVE_GONE',
        `The drive was removed or stopped answering: ${what}. Put it back in and export again.`,
      )
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new TicketiError(
        'DRIVE_READ_ONLY',
        `The drive cannot be written to (it is read-only or locked): ${what}. Unlock it, or use another drive.`,
      )
    default:
      return new TicketiError(
        'DRIVE_GONE',
        `The drive refused the file (${code ?? 'unknown error'}): ${what}. Try another drive.`,
      )
  }
}

/** Windows cannot open a folder to sync it, and NTFS/FAT commit the rename with the file there. */
async function syncFolder(fs: DriveFs, folder: string, platform: NodeJS.Platform): Promise<void> {
  if (platform === 'win32') return
  const handle = await fs.open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function writeOne(
  fs: DriveFs,
  folder: string,
  name: string,
  bytes: Uint8Array,
  platform: NodeJS.Platform,
  onBytes: (done: number) => void,
): Promise<WrittenFile> {
  const final = join(folder, name)
  const temporary = join(folder, `.${name}.${randomBytes(4).toString('hex')}.partial`)
  try {
    const handle = await fs.open(temporary, 'w')
    try {
      for (let at = 0; at < bytes.length;) {
        const { bytesWritten } = await handle.write(bytes.subarray(at, at + PIECE_BYTES))
        if (bytesWritten <= 0) throw Object.assign(new Error('nothing was written'), { code: 'EIO' })
        at += bytesWritten
        onBytes(at)
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temporary, final)
    await syncFolder(fs, folder, platform)
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => {})
    throw driveProblem(error, name)
  }
  // The read-back sees what the file system holds, so a drive that lost the file says so here.
  const expected = await sha256(bytes)
  let back: Uint8Array
  try {
    back = await fs.readFile(final)
  } catch (error) {
    throw driveProblem(error, name)
  }
  if (back.length !== bytes.length || (await sha256(back)) !== expected) {
    await fs.rm(final, { force: true }).catch(() => {})
    throw new TicketiError(
      'DRIVE_GONE',
      `${name} read back different from what was written: the drive may be failing. Use another drive.`,
    )
  }
  return { name, bytes: bytes.length, sha256: expected }
}

/**
 * Writes every file into `folder` on the drive, in order. Stops at the first
 * failure with the TicketiError that says what happened; `written` then holds
 * the files that are complete and verified.
 */
export async function writeToDrive(
  files: FileToWrite[],
  folder: string,
  options: {
    fs?: DriveFs
    platform?: NodeJS.Platform
    onProgress?: (p: WriteProgress) => void
    written?: WrittenFile[]
  } = {},
): Promise<WrittenFile[]> {
  const { fs = nodeDriveFs, platform = process.platform, onProgress, written = [] } = options
  try {
    await fs.mkdir(folder, { recursive: true })
  } catch (error) {
    throw driveProblem(error, 'the export folder')
  }
  for (const [index, file] of files.entries()) {
    const tell = (step: string, done: number, total: number) =>
      onProgress?.({
        step,
        files_done: index,
        files_total: files.length,
        bytes_done: done,
        bytes_total: total,
      })
    tell(`Preparing ${file.title}`, 0, 0)
    const bytes = await file.bytes()
    tell(`Writing ${file.title}`, 0, bytes.length)
    written.push(
      await writeOne(fs, folder, file.name, bytes, platform, (done) =>
        tell(`Writing ${file.title}`, done, bytes.length),
      ),
    )
  }
  onProgress?.({
    step: 'Done',
    files_done: files.length,
    files_total: files.length,
    bytes_done: 0,
    bytes_total: 0,
  })
  return written
}
