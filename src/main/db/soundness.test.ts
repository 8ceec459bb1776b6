// A damaged or empty database file is refused at start, with the file and the
// newest good backup named, and is left exactly as it was.
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { makeBackup, backupsDirOf } from '../backup/backups'
import { openCore } from '../core'
import { ADMIN, tempDir } from '../../../test/support/core'
import { invoke } from '../dispatcher'
import { dbPathIn } from './open'

const folders: Array<{ remove(): void }> = []
afterEach(() => folders.splice(0).forEach((f) => f.remove()))

function folder() {
  const dir = tempDir('ticketi-damaged-')
  folders.push(dir)
  return dir.path
}

/** A database with enough tickets to span many pages, closed cleanly, and optionally a backup of it. */
async function venueDatabase(dataDir: string, { backup = false } = {}) {
  const core = openCore({ dataDir, logError: () => {}, automaticBackups: false })
  const event = invoke(
    core.dispatch,
    'createEvent',
    { name: 'Jazz', starts_at: '2026-12-01T20:00:00Z', capacity: 5000, code_length: 4 },
    ADMIN,
  )
  invoke(core.dispatch, 'seedInventory', { event_id: event.id, count: 5000 }, ADMIN)
  const made = backup ? await makeBackup(core.store.sqlite, backupsDirOf(core.store.path)) : null
  core.close()
  return made
}

/** Overwrites one page in the middle of the file with garbage, as a failing disk would. */
function damagePageMidFile(path: string) {
  const pageSize = 4096
  const pages = statSync(path).size / pageSize
  const fd = openSync(path, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, Math.floor(pages / 2) * pageSize)
  closeSync(fd)
}

describe('a database that is not sound', () => {
  it('with a page damaged mid-file is refused, naming the file and the newest good backup', async () => {
    const dir = folder()
    const backup = await venueDatabase(dir, { backup: true })
    const path = dbPathIn(dir)
    damagePageMidFile(path)
    const before = readFileSync(path)
    let refusal: unknown
    try {
      openCore({ dataDir: dir, logError: () => {} }).close()
    } catch (error) {
      refusal = error
    }
    expect(refusal).toMatchObject({ code: 'DB_DAMAGED' })
    const message = (refusal as Error).message
    expect(message).toContain(path)
    expect(message).toContain(backup!.name)
    expect(message).toContain(`--restore ${backup!.name}`)
    // Refused as it was: nothing wrote to it.
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('that is an empty file is refused instead of becoming a new database', () => {
    const dir = folder()
    writeFileSync(dbPathIn(dir), '')
    expect(() => openCore({ dataDir: dir, logError: () => {} })).toThrow(
      /is empty \(0 bytes\).*no good backup/,
    )
    expect(statSync(dbPathIn(dir)).size).toBe(0)
  })

  it('that is not a database at all is refused', () => {
    const dir = folder()
    writeFileSync(dbPathIn(dir), 'guest list, not a database\n'.repeat(400))
    expect(() => openCore({ dataDir: dir, logError: () => {} })).toThrow(/SQLite finds it damaged/)
  })

  it('can be replaced by its backup at start, the damaged file kept aside', async () => {
    const dir = folder()
    const backup = await venueDatabase(dir, { backup: true })
    damagePageMidFile(dbPathIn(dir))
    const core = openCore({ dataDir: dir, logError: () => {}, restore: backup!.name })
    try {
      const events = invoke(core.dispatch, 'listEvents', {}, ADMIN)
      expect(events[0]!.counts.available).toBe(5000)
      expect(core.restored!.kept_aside).toMatch(/^ticketi-before-restore-/)
    } finally {
      core.close()
    }
  })

  it('a sound one opens as before', async () => {
    const dir = folder()
    await venueDatabase(dir)
    const core = openCore({ dataDir: dir, logError: () => {} })
    core.close()
  })
})
