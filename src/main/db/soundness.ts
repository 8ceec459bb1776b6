// A database that SQLite finds damaged, or an empty file where one was, is not
// opened: serving it would answer from half the data, and opening an empty file
// would quietly start a new database over the venue's own. The refusal names
// the file and the newest good backup, so whoever reads it knows what to do.
import { existsSync, statSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { TicketiError } from '../../shared/errors'
import { backupsDirOf, newestGoodBackup } from '../backup/backups'

function whatToDo(dbPath: string): string {
  const good = newestGoodBackup(backupsDirOf(dbPath))
  if (!good) {
    return (
      `There is no good backup in ${backupsDirOf(dbPath)}. Move the file elsewhere to start with a new, ` +
      'empty database, or put a good copy of ticketi.db in its place.'
    )
  }
  return (
    `The newest good backup is ${good.name} (made ${good.created_at}). Restore it with ` +
    `"npm run serve -- --restore ${good.name}" (the desktop app: "ticketi --restore ${good.name}"); ` +
    'the damaged file is kept aside in backups/.'
  )
}

function refuse(dbPath: string, problem: string): never {
  throw new TicketiError(
    'DB_DAMAGED',
    `Ticketi did not open the database ${dbPath}: ${problem}. ${whatToDo(dbPath)}`,
  )
}

/** Before the file is opened: an empty file where a database was is refused (a missing one is a new install). */
export function refuseEmptyDatabase(dbPath: string): void {
  if (dbPath === ':memory:' || !existsSync(dbPath)) return
  if (statSync(dbPath).size === 0) refuse(dbPath, 'the file is empty (0 bytes)')
}

/** Once it is open, before anything writes to it: SQLite's quick check must find it sound. */
export function refuseDamagedDatabase(sqlite: Database.Database, dbPath: string): void {
  let verdict: string
  try {
    const rows = sqlite.pragma('quick_check(5)', { simple: false }) as Array<Record<string, string>>
    verdict = rows.map((row) => Object.values(row)[0]).join('; ')
  } catch (error) {
    // Not a database at all, or damaged where SQLite reads first.
    verdict = (error as Error).message
  }
  if (verdict !== 'ok') refuse(dbPath, `SQLite finds it damaged (${verdict})`)
}
