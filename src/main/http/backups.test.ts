// Backups over the LAN API (SPEC §5.3): a verified copy now, the list, the
// automatic copies while an event is on, and a restore that happens at the next
// start with the replaced database kept aside.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupList, BackupView, EventView } from '../../shared/views'
import { tempDir } from '../../../test/support/core'
import { api, startTestHost, type TestHost } from '../../../test/support/host'

const hosts: TestHost[] = []
const folders: Array<{ remove(): void }> = []
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop()
  for (const folder of folders.splice(0)) folder.remove()
})

async function hostOn(dir: string, options: Parameters<typeof startTestHost>[1] = {}) {
  const host = await startTestHost(dir, options)
  hosts.push(host)
  return host
}

function folder() {
  const dir = tempDir('ticketi-backups-')
  folders.push(dir)
  return dir.path
}

const night = {
  name: 'Jazz Night',
  starts_at: '2026-12-01T20:00:00Z',
  ends_at: '2026-12-02T01:00:00Z',
  capacity: 100,
}

function eventNamesIn(path: string): string[] {
  const copy = new Database(path, { readonly: true })
  try {
    return copy.prepare('SELECT name FROM event ORDER BY id').pluck().all() as string[]
  } finally {
    copy.close()
  }
}

describe('POST /api/v1/backups', () => {
  it('makes a verified copy that holds what was saved, and lists it', async () => {
    const t = await hostOn(folder())
    await api(t).createEvent(night)
    const made = await t.ok<BackupView>('POST', '/api/v1/backups', undefined, 201)
    expect(made).toMatchObject({
      kind: 'manual',
      verified: true,
      name: expect.stringMatching(/^ticketi-manual-.*\.db$/),
    })
    expect(made.size_bytes).toBeGreaterThan(0)
    expect(Date.parse(made.created_at)).not.toBeNaN()
    const path = join(t.dataDir, 'backups', made.name)
    expect(eventNamesIn(path)).toEqual(['Jazz Night'])
    // No half-written file is left behind.
    expect(readdirSync(join(t.dataDir, 'backups')).filter((f) => f.endsWith('.part'))).toEqual([])

    const list = await t.ok<BackupList>('GET', '/api/v1/backups')
    expect(list.backups.map((b) => b.name)).toEqual([made.name])
    expect(list).toMatchObject({ pending_restore: null, automatic: { every_minutes: 10, keep: 12 } })
  })

  it('is for the admin only', async () => {
    const t = await hostOn(folder())
    const door = await api(t).createStation({ name: 'Door 1', role: 'door' })
    const refused = await t.request('POST', '/api/v1/backups', { token: door.token })
    expect(refused.status).toBe(403)
    expect((await t.request('GET', '/api/v1/backups', { token: door.token })).status).toBe(403)
    expect(existsSync(join(t.dataDir, 'backups'))).toBe(false)
  })
})

describe('automatic backups', () => {
  it('copy every look while an event is on, none otherwise, and keep the newest 12', async () => {
    let now = Date.parse('2026-12-01T18:00:00Z')
    const t = await hostOn(folder(), { clock: () => now })
    await api(t).createEvent(night)
    expect(await t.host.core.backups.tick()).toBeNull()

    now = Date.parse('2026-12-01T20:05:00Z')
    const names: string[] = []
    for (let look = 0; look < 14; look++) {
      names.push((await t.host.core.backups.tick())!.name)
      now += 10 * 60_000
    }
    const kept = (await t.ok<BackupList>('GET', '/api/v1/backups')).backups
    expect(kept.map((b) => b.name)).toEqual(names.slice(2).reverse())
    expect(kept.every((b) => b.kind === 'auto' && b.verified)).toBe(true)

    now = Date.parse('2026-12-02T02:00:00Z')
    expect(await t.host.core.backups.tick()).toBeNull()
  })

  it('never remove a copy the admin made', async () => {
    let now = Date.parse('2026-12-01T20:05:00Z')
    const t = await hostOn(folder(), { clock: () => now })
    await api(t).createEvent(night)
    const manual = await t.ok<BackupView>('POST', '/api/v1/backups', undefined, 201)
    for (let look = 0; look < 13; look++) {
      now += 10 * 60_000
      await t.host.core.backups.tick()
    }
    const kept = (await t.ok<BackupList>('GET', '/api/v1/backups')).backups
    expect(kept.filter((b) => b.kind === 'auto')).toHaveLength(12)
    expect(kept.map((b) => b.name)).toContain(manual.name)
  })
})

describe('restoring a backup', () => {
  it('happens at the next start, and keeps the replaced database aside', async () => {
    const dir = folder()
    const t = await hostOn(dir)
    await api(t).createEvent(night)
    const backup = await t.ok<BackupView>('POST', '/api/v1/backups', undefined, 201)
    await api(t).createEvent({ ...night, name: 'Late Show' })

    const asked = await t.ok<{ at: string }>('POST', `/api/v1/backups/${backup.name}/restore`)
    expect(asked.at).toBe('next start')
    // Nothing changes under the open database.
    expect((await t.ok<EventView[]>('GET', '/api/v1/events')).map((e) => e.name)).toEqual([
      'Jazz Night',
      'Late Show',
    ])
    expect((await t.ok<BackupList>('GET', '/api/v1/backups')).pending_restore).toBe(backup.name)
    await t.stop()
    hosts.splice(hosts.indexOf(t), 1)

    const again = await hostOn(dir)
    expect((await again.ok<EventView[]>('GET', '/api/v1/events')).map((e) => e.name)).toEqual(['Jazz Night'])
    const aside = again.host.core.restored!.kept_aside!
    expect(eventNamesIn(join(dir, 'backups', aside))).toEqual(['Jazz Night', 'Late Show'])
    const list = await again.ok<BackupList>('GET', '/api/v1/backups')
    expect(list.pending_restore).toBeNull()
    expect(list.backups.find((b) => b.name === aside)?.kind).toBe('before-restore')
  })

  it('from the command line, before the database is opened', async () => {
    const dir = folder()
    const t = await hostOn(dir)
    await api(t).createEvent(night)
    const backup = await t.ok<BackupView>('POST', '/api/v1/backups', undefined, 201)
    await api(t).createEvent({ ...night, name: 'Late Show' })
    await t.stop()
    hosts.splice(hosts.indexOf(t), 1)

    const again = await hostOn(dir, { restore: backup.name })
    expect((await again.ok<EventView[]>('GET', '/api/v1/events')).map((e) => e.name)).toEqual(['Jazz Night'])
  })

  it('refuses a name that is no backup here, and asks for nothing', async () => {
    const t = await hostOn(folder())
    for (const name of ['ticketi-manual-2020-01-01T00-00-00-000Z.db', '..%2Fticketi.db', 'ticketi.db']) {
      const refused = await t.request('POST', `/api/v1/backups/${name}/restore`)
      expect(refused.status).toBe(404)
    }
    expect((await t.ok<BackupList>('GET', '/api/v1/backups')).pending_restore).toBeNull()
  })

  it('can be called off before the next start', async () => {
    const dir = folder()
    const t = await hostOn(dir)
    await api(t).createEvent(night)
    const backup = await t.ok<BackupView>('POST', '/api/v1/backups', undefined, 201)
    await api(t).createEvent({ ...night, name: 'Late Show' })
    await t.ok('POST', `/api/v1/backups/${backup.name}/restore`)
    expect((await t.ok<BackupList>('DELETE', '/api/v1/backups/pending-restore')).pending_restore).toBeNull()
    await t.stop()
    hosts.splice(hosts.indexOf(t), 1)
    const again = await hostOn(dir)
    expect(await again.ok<EventView[]>('GET', '/api/v1/events')).toHaveLength(2)
  })
})
