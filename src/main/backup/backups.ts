// Verified copies of the database, all in the data folder's backups/. One module
// makes them, so the Settings screen, the automatic copies during an event and
// an export to a USB drive all copy the same way: SQLite's online backup (the
// box office and the door keep working meanwhile) into a temporary file, an
// integrity check of that copy, both on a worker thread, and only then the final name.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { BackupView } from '../../shared/views'
import { TicketiError } from '../../shared/errors'
import { isDiskFull } from '../disk'
import { checkFileAside, copyDatabaseAside } from './aside'

/** How each kind of copy is named: `ticketi-<kind>-<time>.db`. */
export type BackupKind = 'manual' | 'auto' | 'before-restore'

/** Where the copies of the database at `dbPath` are kept. */
export function backupsDirOf(dbPath: string): string {
  return join(dirname(dbPath), 'backups')
}

const NAME = /^ticketi-[a-z0-9-]+-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/
/** What the checks once made of a copy: only these were checked before they got their name. */
const VERIFIED_KINDS = ['manual', 'auto']

/** A file name made here: no folder, no `..`, nothing a caller could point elsewhere with. */
export function isBackupName(name: string): boolean {
  return NAME.test(name) || /^ticketi-schema\d+-\d+\.db$/.test(name)
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-')
}

export function backupName(kind: BackupKind, at: Date): string {
  return `ticketi-${kind}-${stamp(at)}.db`
}

function kindOf(name: string): string {
  const match = /^ticketi-([a-z-]+?)-\d{4}-/.exec(name)
  return match ? match[1]! : 'before-upgrade'
}

/** When a copy was made, from its name (a copied file's own times need not say). */
function createdAt(name: string, fallback: Date): string {
  const stamped = /-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.db$/.exec(name)
  if (stamped) return `${stamped[1]}T${stamped[2]}:${stamped[3]}:${stamped[4]}.${stamped[5]}Z`
  const upgrade = /^ticketi-schema\d+-(\d+)\.db$/.exec(name)
  return upgrade ? new Date(Number(upgrade[1])).toISOString() : fallback.toISOString()
}

function viewOf(dir: string, name: string): BackupView {
  const stats = statSync(join(dir, name))
  return {
    name,
    size_bytes: stats.size,
    created_at: createdAt(name, stats.mtime),
    kind: kindOf(name),
    verified: VERIFIED_KINDS.includes(kindOf(name)),
  }
}

/** Every copy in `dir`, newest first; half-written temporary files are not copies. */
export function listBackups(dir: string): BackupView[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter(isBackupName)
    .map((name) => viewOf(dir, name))
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.name.localeCompare(a.name))
}

/** What SQLite says of the file at `path`: "ok", or the first problems it found. */
export function checkFile(path: string, pragma: 'quick_check' | 'integrity_check'): string {
  let copy: Database.Database | null = null
  try {
    copy = new Database(path, { readonly: true, fileMustExist: true })
    const rows = copy.pragma(`${pragma}(5)`, { simple: false }) as Array<Record<string, string>>
    return rows.map((row) => Object.values(row)[0]).join('; ')
  } catch (error) {
    return (error as Error).message
  } finally {
    copy?.close()
  }
}

export interface BackupOptions {
  kind?: Exclude<BackupKind, 'before-restore'>
  now?: Date
  /** How the copy is written; SQLite's online backup on a worker thread unless a test makes the disk fail. */
  copy?: (sqlite: Database.Database, path: string) => Promise<unknown>
}

/** A verified copy of the open database, named only once it passed `PRAGMA integrity_check`. */
export async function makeBackup(
  sqlite: Database.Database,
  dir: string,
  {
    kind = 'manual',
    now = new Date(),
    copy = (db, path) => copyDatabaseAside(db.name, path),
  }: BackupOptions = {},
): Promise<BackupView> {
  const name = backupName(kind, now)
  const temporary = join(dir, `${name}.part`)
  try {
    mkdirSync(dir, { recursive: true })
    await copy(sqlite, temporary)
    const verdict = await checkFileAside(temporary, 'integrity_check')
    if (verdict !== 'ok') {
      throw new TicketiError(
        'INTERNAL',
        `The copy did not pass its integrity check (${verdict}); it was not kept.`,
      )
    }
    renameSync(temporary, join(dir, name))
  } catch (error) {
    rmSync(temporary, { force: true })
    if (isDiskFull(error)) {
      throw new TicketiError(
        'DISK_FULL',
        'The disk is full: the backup could not be written and was not kept. Free some space, then back up again.',
      )
    }
    throw error
  }
  return viewOf(dir, name)
}

/** Keeps the newest `keep` automatic copies; the others of that kind go. Manual ones are the admin's. */
export function pruneAutomatic(dir: string, keep: number): string[] {
  const old = listBackups(dir)
    .filter((backup) => backup.kind === 'auto')
    .slice(keep)
  for (const backup of old) rmSync(join(dir, backup.name), { force: true })
  return old.map((backup) => backup.name)
}

/** The newest copy that SQLite still reads as sound, to name when the database itself is not. */
export function newestGoodBackup(dir: string): BackupView | null {
  return listBackups(dir).find((backup) => checkFile(join(dir, backup.name), 'quick_check') === 'ok') ?? null
}
