import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DOOR, openTestCore, seededEvent, tempDir, type TestCore } from '../../../test/support/core'
import { checkFileAside, copyDatabaseAside } from './aside'
import { backupsDirOf, makeBackup } from './backups'

let core: TestCore
let scratch: { path: string; remove(): void }
beforeEach(() => {
  core = openTestCore()
  scratch = tempDir('ticketi-backup-')
})
afterEach(() => {
  core.dispose()
  scratch.remove()
})

function soldEvent(): { eventId: number; codes: string[] } {
  const { eventId } = seededEvent(core, 500, { capacity: 500 })
  const sale = core.call('assign', { event_id: eventId, customer: { name: 'Ann' }, quantity: 100 })
  return { eventId, codes: sale.tickets.map((t) => t.short_code!) }
}

describe('a backup', () => {
  it('serves a check-in that arrives once the copy is written, before the copy is checked and named', async () => {
    const { eventId, codes } = soldEvent()
    const order: string[] = []
    let checkedIn: Promise<unknown> = Promise.resolve()
    const made = makeBackup(core.store.sqlite, backupsDirOf(core.store.path), {
      copy: async (sqlite, path) => {
        await copyDatabaseAside(sqlite.name, path)
        checkedIn = new Promise((resolve) => setImmediate(resolve))
          .then(() => core.dispatchAsync('checkIn', { event_id: eventId, code: codes[0]! }, DOOR))
          .then((answer) => {
            expect(answer).toMatchObject({ ok: true, value: { result: 'OK' } })
            order.push('check-in')
          })
      },
    }).then((view) => {
      order.push('backup named')
      return view
    })
    const view = await made
    await checkedIn
    expect(order).toEqual(['check-in', 'backup named'])
    expect(view).toMatchObject({ kind: 'manual', verified: true })
    const copy = new Database(join(backupsDirOf(core.store.path), view.name), { readonly: true })
    expect(copy.prepare("SELECT count(*) FROM ticket WHERE status = 'assigned'").pluck().get()).toBe(100)
    copy.close()
  })

  it('copies what was saved while the host keeps writing, and leaves no half-written file', async () => {
    const { eventId, codes } = soldEvent()
    const to = join(scratch.path, 'copy.db')
    const copying = copyDatabaseAside(core.store.path, to)
    await core.dispatchAsync('checkIn', { event_id: eventId, code: codes[1]! }, DOOR)
    await copying
    expect(readdirSync(scratch.path)).toEqual(['copy.db'])
    const copy = new Database(to, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(copy.prepare('SELECT count(*) FROM ticket').pluck().get()).toBe(500)
    copy.close()
  })

  it('says why a copy cannot be made, with SQLite’s code', async () => {
    await expect(
      copyDatabaseAside(join(scratch.path, 'none.db'), join(scratch.path, 'x.db')),
    ).rejects.toMatchObject({ code: 'SQLITE_CANTOPEN' })
  })
})

describe('the check of a copy', () => {
  it('answers ok for a sound file, names the damage in a damaged one, and says why it could not look', async () => {
    const path = join(scratch.path, 'copy.db')
    await copyDatabaseAside(core.store.path, path)
    expect(await checkFileAside(path, 'integrity_check')).toBe('ok')
    // A page in the middle overwritten, as a failing disk would.
    const fd = openSync(path, 'r+')
    const pageSize = 4096
    writeSync(
      fd,
      Buffer.alloc(pageSize, 0xa5),
      0,
      pageSize,
      Math.floor(statSync(path).size / pageSize / 2) * pageSize,
    )
    closeSync(fd)
    expect(await checkFileAside(path, 'integrity_check')).not.toBe('ok')
    expect(await checkFileAside(join(scratch.path, 'none.db'), 'quick_check')).toMatch(/unable to open/i)
    expect(existsSync(join(scratch.path, 'none.db'))).toBe(false)
  })

  it('runs beside the event loop: other work gets turns while it checks', async () => {
    soldEvent()
    const path = join(scratch.path, 'copy.db')
    await copyDatabaseAside(core.store.path, path)
    const order: string[] = []
    const checked = checkFileAside(path, 'integrity_check').then(() => order.push('checked'))
    setImmediate(() => order.push('a timer'))
    await checked
    expect(order).toEqual(['a timer', 'checked'])
  })
})
