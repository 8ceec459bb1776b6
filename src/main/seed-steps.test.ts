import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SeedResult } from '../shared/views'
import { SEED_STEP } from './seed-steps'
import { ADMIN, DOOR, openTestCore, seededEvent, type TestCore } from '../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

const count = (sql: string, ...params: unknown[]) =>
  core.store.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number

describe('a big seed', () => {
  it('commits in steps of at most SEED_STEP tickets and answers a check-in sent meanwhile before it ends', async () => {
    const { eventId, typeId } = seededEvent(core, 0, { capacity: 3 * SEED_STEP, code_length: 6 })
    const sold = core.call('seedInventory', { event_id: eventId, count: 1, ticket_type_id: typeId })
    expect(sold.created).toBe(1)
    const sale = core.call('assign', {
      event_id: eventId,
      customer: { name: 'Ada', email: 'ada@example.com' },
    })
    const order: string[] = []
    const seed = core
      .dispatchGrouped(
        'seedInventory',
        { event_id: eventId, count: 2 * SEED_STEP + 10, ticket_type_id: typeId },
        ADMIN,
      )
      .then((outcome) => (order.push('seed'), outcome))
    // The door's call arrives after the seed started: with one transaction it would wait for all of it.
    await new Promise((resolve) => setImmediate(resolve))
    const checkIn = core
      .dispatchGrouped('checkIn', { event_id: eventId, code: sale.tickets[0]!.short_code! }, DOOR)
      .then((outcome) => (order.push('check-in'), outcome))
    const [seeded, admitted] = await Promise.all([seed, checkIn])
    expect(admitted).toMatchObject({ ok: true, value: { result: 'OK' } })
    expect(order).toEqual(['check-in', 'seed'])
    expect(seeded).toEqual({
      ok: true,
      value: {
        event_id: eventId,
        ticket_type_id: typeId,
        created: 2 * SEED_STEP + 10,
        available: 2 * SEED_STEP + 10,
      },
    } satisfies { ok: true; value: SeedResult })
    expect(count('SELECT count(*) FROM ticket WHERE event_id = ?', eventId)).toBe(2 * SEED_STEP + 11)
    // One audit row per step, each naming its own count: several steps, none over SEED_STEP.
    const steps = core.store.sqlite
      .prepare("SELECT json_extract(after, '$.count') FROM audit_log WHERE action = 'seed' AND entity_id = ?")
      .pluck()
      .all(eventId) as number[]
    expect(steps[0]).toBe(1)
    const stepped = steps.slice(1)
    expect(stepped.length).toBeGreaterThanOrEqual(3)
    expect(stepped.reduce((sum, n) => sum + n, 0)).toBe(2 * SEED_STEP + 10)
    expect(Math.max(...stepped)).toBeLessThanOrEqual(SEED_STEP)
  })

  it('refuses a seed the event has no room for before any step, leaving the event as it was', async () => {
    const { eventId } = seededEvent(core, 10, { capacity: 2 * SEED_STEP, code_length: 6 })
    const outcome = await core.dispatchAsync(
      'seedInventory',
      { event_id: eventId, count: 2 * SEED_STEP },
      ADMIN,
    )
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CAPACITY' } })
    expect(count('SELECT count(*) FROM ticket WHERE event_id = ?', eventId)).toBe(10)
  })

  it('refuses a second big seed of the same event while the first runs', async () => {
    const { eventId } = seededEvent(core, 0, { capacity: 4 * SEED_STEP, code_length: 6 })
    const input = { event_id: eventId, count: 2 * SEED_STEP }
    const [first, second] = await Promise.all([
      core.dispatchGrouped('seedInventory', input, ADMIN),
      core.dispatchGrouped('seedInventory', input, ADMIN),
    ])
    expect(first).toMatchObject({ ok: true, value: { created: 2 * SEED_STEP } })
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(count('SELECT count(*) FROM ticket WHERE event_id = ?', eventId)).toBe(2 * SEED_STEP)
  })
})
