// A full disk (SPEC §5.3): 507 DISK_FULL, nothing changed, and health says so
// until a write finds room again. SQLite is made "full" with max_page_count:
// the database may not grow by a single page, exactly what a full disk does.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HealthView } from '../../shared/views'
import { api, fingerprint, seededEvent, startTestHost, type TestHost } from '../../../test/support/host'

let t: TestHost
afterEach(() => t.dispose())

function fillTheDisk(host: TestHost) {
  const pages = host.sqlite.pragma('page_count', { simple: true }) as number
  host.sqlite.pragma(`max_page_count = ${pages}`)
}

describe('a full disk', () => {
  it('answers 507 DISK_FULL, changes nothing, and health says so until there is room again', async () => {
    t = await startTestHost()
    const { eventId, typeId } = await seededEvent(t, 10)
    expect(await t.ok<HealthView>('GET', '/api/v1/health', undefined, 200, '')).toEqual({ status: 'ok' })
    fillTheDisk(t)
    const before = fingerprint(t.sqlite)

    const refused = await t.request('POST', `/api/v1/events/${eventId}/seed`, {
      json: { count: 900, ticket_type_id: typeId },
    })
    expect(refused.status).toBe(507)
    expect(refused.body).toMatchObject({ code: 'DISK_FULL', error: expect.stringContaining('disk is full') })
    expect(fingerprint(t.sqlite)).toEqual(before)
    expect(t.loggedErrors).toEqual([])

    // Still 200: the host answers, it only cannot save.
    const health = await t.request<HealthView>('GET', '/api/v1/health', { token: null })
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({
      status: 'disk_full',
      problem: expect.stringContaining('Free some space'),
    })
    // Every screen reads the same through its operation.
    const asScreen = await t.ok<HealthView>('POST', '/api/v1/operations/health', {})
    expect(asScreen.status).toBe('disk_full')
    // What was saved before is all there, and reads still work.
    expect((await api(t).reconciliation(eventId)).totals.available).toBe(10)

    t.sqlite.pragma('max_page_count = 1073741823')
    await api(t).seed(eventId, 900, typeId)
    expect((await t.request<HealthView>('GET', '/api/v1/health', { token: null })).body).toEqual({
      status: 'ok',
    })
  })

  it('tells each write committed together with the one that met it the truth about whether it was saved', async () => {
    t = await startTestHost()
    const { eventId, typeId } = await seededEvent(t, 10)
    const original = t.sqlite.prepare('SELECT name FROM event WHERE id = ?').pluck().get(eventId)
    fillTheDisk(t)
    const before = fingerprint(t.sqlite)
    const admin = { role: 'admin', station: 'admin token', operator: 'admin' } as const
    const rename = (name: string) => ({ name: 'updateEvent', input: { event_id: eventId, name }, who: admin })
    // SQLite undoes only the statement for a full disk, or (when its page cache had spilled) the
    // whole transaction: then the writes before it are undone too, and those after it must not
    // commit alone. Either way no caller may hear "saved" for a write that is not, or the reverse.
    const outcomes = t.host.core.dispatchTogether([
      rename('Before'),
      { name: 'seedInventory', input: { event_id: eventId, count: 900, ticket_type_id: typeId }, who: admin },
      rename('After'),
    ])
    const codes = outcomes.map((o) => (o.ok ? 'ok' : o.error.code))
    expect(codes[1]).toBe('DISK_FULL')
    for (const code of codes) expect(['ok', 'DISK_FULL']).toContain(code)
    const saved = codes[2] === 'ok' ? 'After' : codes[0] === 'ok' ? 'Before' : original
    expect(t.sqlite.prepare('SELECT name FROM event WHERE id = ?').pluck().get(eventId)).toBe(saved)
    expect(t.sqlite.prepare('SELECT count(*) FROM ticket WHERE event_id = ?').pluck().get(eventId)).toBe(10)
    if (codes.every((code) => code === 'DISK_FULL')) expect(fingerprint(t.sqlite)).toEqual(before)
  })

  it('refuses a sale with DISK_FULL and queues no email for it', async () => {
    t = await startTestHost()
    const { eventId } = await seededEvent(t, 400)
    fillTheDisk(t)
    const before = fingerprint(t.sqlite)
    // Each sale adds rows; one of them soon needs a page the disk does not have.
    let answer
    for (let n = 0; n < 200; n++) {
      answer = await t.request('POST', '/api/v1/assign', {
        json: {
          event_id: eventId,
          customer: { name: `Guest ${n}`, email: `g${n}@example.org` },
          quantity: 2,
        },
      })
      if (answer.status !== 201) break
    }
    expect(answer!.status).toBe(507)
    expect(answer!.body).toMatchObject({ code: 'DISK_FULL' })
    const after = fingerprint(t.sqlite)
    // The refused sale left no trace: no half of it in the tickets or the outbox beyond the sales that were saved.
    expect(after.sale!.rows - before.sale!.rows).toBe(after.email_outbox!.rows - before.email_outbox!.rows)
    expect(t.loggedErrors).toEqual([])
  })

  it('refuses a backup with DISK_FULL and leaves no half-written copy', async () => {
    t = await startTestHost()
    await seededEvent(t, 10)
    const failing = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    const service = await import('../backup/service')
    const backups = service.createBackupService({
      sqlite: t.sqlite,
      dbPath: t.host.core.store.path,
      disk: t.host.core.disk,
      copy: async () => {
        throw failing
      },
    })
    await expect(backups.backUp()).rejects.toMatchObject({ code: 'DISK_FULL' })
    expect(readdirSync(join(t.dataDir, 'backups'))).toEqual([])
    expect((await t.request<HealthView>('GET', '/api/v1/health', { token: null })).body.status).toBe(
      'disk_full',
    )
  })
})
