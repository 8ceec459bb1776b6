// Putting a backup back. Only ever at start, before the database is opened: an
// open database has other stations' writes in flight, a mail worker and live
// streams over it, and swapping the file under them would lose or mix data. So
// the screen asks for a restore at the next start, and the command line
// (`--restore NAME`) does it at once. The database it replaces is never
// deleted: it is moved aside into backups/ first, with its write-ahead log.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TicketiError } from '../../shared/errors'
import { backupName, backupsDirOf, checkFile, isBackupName, listBackups } from './backups'

const PENDING_FILE = 'restore-at-next-start.json'

export interface RestoreReport {
  restored: string
  /** Where the database it replaced now is, in backups/ (null when there was none). */
  kept_aside: string | null
}

/** The backup `name`, checked: a name made here, present, and sound to SQLite. */
function soundBackup(dir: string, name: string): string {
  const path = join(dir, name)
  if (!isBackupName(name) || !existsSync(path)) {
    const known = listBackups(dir)
      .slice(0, 3)
      .map((b) => b.name)
    throw new TicketiError(
      'NOT_FOUND',
      `There is no backup called "${name}" in ${dir}.` +
        (known.length ? ` The newest: ${known.join(', ')}.` : ' There are no backups there yet.'),
    )
  }
  const verdict = checkFile(path, 'integrity_check')
  if (verdict !== 'ok') {
    throw new TicketiError('VALIDATION', `The backup ${name} is damaged (${verdict}); choose another one.`)
  }
  return path
}

/** Replaces the database at `dbPath` with the backup `name`; the database is not open. */
export function restoreBackup(dbPath: string, name: string, now = new Date()): RestoreReport {
  const dir = backupsDirOf(dbPath)
  const source = soundBackup(dir, name)
  let keptAside: string | null = null
  if (existsSync(dbPath)) {
    mkdirSync(dir, { recursive: true })
    keptAside = backupName('before-restore', now)
    const aside = join(dir, keptAside)
    // The log and its index travel with the file, so the copy kept aside opens as it was.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix)
    }
    renameSync(dbPath, aside)
  }
  const temporary = `${dbPath}.restoring`
  copyFileSync(source, temporary)
  renameSync(temporary, dbPath)
  return { restored: name, kept_aside: keptAside }
}

/** Asks for `name` to be put back at the next start, once it is checked as sound. */
export function requestRestore(dbPath: string, name: string): void {
  const dir = backupsDirOf(dbPath)
  soundBackup(dir, name)
  writeFileSync(join(dir, PENDING_FILE), JSON.stringify({ name }))
}

/** The backup to be put back at the next start, if one was asked for. */
export function pendingRestore(dbPath: string): string | null {
  const path = join(backupsDirOf(dbPath), PENDING_FILE)
  if (!existsSync(path)) return null
  try {
    const { name } = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }
    return typeof name === 'string' ? name : null
  } catch {
    return null
  }
}

export function cancelRestore(dbPath: string): void {
  rmSync(join(backupsDirOf(dbPath), PENDING_FILE), { force: true })
}

/** At start: the restore asked for on the command line, else the one asked for on screen, if any. */
export function restoreAtStart(
  dbPath: string,
  asked: string | undefined,
  now = new Date(),
): RestoreReport | null {
  const name = asked ?? pendingRestore(dbPath)
  if (!name) return null
  // Asked for once: a backup that cannot be put back must not stop every later start.
  cancelRestore(dbPath)
  return restoreBackup(dbPath, name, now)
}
