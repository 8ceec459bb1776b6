import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Dispatch } from './dispatcher'
import { createGroupCommit } from './group-commit'
import { ADMIN, openTestCore, seededEvent, type TestCore } from './test-support'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

const count = (sql: string) => core.store.sqlite.prepare(sql).pluck().get() as number

describe('group commit', () => {
  it('answers each of many concurrent writes as if it ran alone, in fewer transactions', async () => {
    const { eventId } = seededEvent(core, 100)
    let transactions = 0
    const counting: Dispatch = (name, input, who) => {
      if (!core.store.sqlite.inTransaction) throw new Error('expected to run inside the group transaction')
      return core.dispatch(name, input, who)
    }
    const run = createGroupCommit(core.store, counting)
    const originalTransaction = core.store.sqlite.transaction.bind(core.store.sqlite)
    core.store.sqlite.transaction = ((fn: () => unknown) => {
      if (!core.store.sqlite.inTransaction) transactions++
      return originalTransaction(fn)
    }) as typeof core.store.sqlite.transaction

    const sales = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        run('assign', { event_id: eventId, customer: { name: `G${i}`, email: `g${i}@example.com` } }, ADMIN),
      ),
    )
    expect(sales.every((s) => s.ok)).toBe(true)
    const codes = sales.map((s) =>
      s.ok ? (s.value as { tickets: Array<{ short_code: string }> }).tickets[0]!.short_code : '',
    )
    expect(new Set(codes).size).toBe(40)
    expect(count("SELECT count(*) FROM ticket WHERE status = 'assigned'")).toBe(40)
    expect(transactions).toBe(1)
  })

  it('rolls back only the call that failed', async () => {
    const { eventId } = seededEvent(core, 2)
    const run = createGroupCommit(core.store, core.dispatch)
    const buyer = (n: number) => ({
      event_id: eventId,
      customer: { name: `G${n}`, email: `g${n}@example.com` },
    })
    const [first, tooMany, bad, last] = await Promise.all([
      run('assign', buyer(1), ADMIN),
      run('assign', { ...buyer(2), quantity: 5 }, ADMIN),
      run('assign', { ...buyer(3), customer: { name: 'x', email: 'nope' } }, ADMIN),
      run('assign', buyer(4), ADMIN),
    ])
    expect(first!.ok && last!.ok).toBe(true)
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'SOLD_OUT' } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(count('SELECT count(*) FROM sale')).toBe(2)
    expect(count('SELECT count(*) FROM customer')).toBe(2)
  })

  it('refuses every call of a batch whose commit fails, and saves none of them', async () => {
    const { eventId } = seededEvent(core, 10)
    const poisoned: Dispatch = (name, input, who) => {
      if (name === 'resend') {
        // A deferred foreign key breach passes the savepoint but fails the COMMIT.
        core.store.sqlite.pragma('defer_foreign_keys = ON')
        core.store.sqlite
          .prepare("INSERT INTO ticket (uuid, event_id, status) VALUES ('bad', 999, 'available')")
          .run()
        return { ok: true, value: 'written' }
      }
      return core.dispatch(name, input, who)
    }
    const run = createGroupCommit(core.store, poisoned, () => {})
    const outcomes = await Promise.all([
      run('assign', { event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' } }, ADMIN),
      run('resend', { ticket_id: 1 }, ADMIN),
    ])
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(count('SELECT count(*) FROM sale')).toBe(0)
    expect(count("SELECT count(*) FROM ticket WHERE uuid = 'bad'")).toBe(0)
  })

  it('serves reads at once, outside any write transaction', async () => {
    const { eventId } = seededEvent(core, 3)
    const run = createGroupCommit(core.store, (name, input, who) => {
      expect(core.store.sqlite.inTransaction).toBe(false)
      return core.dispatch(name, input, who)
    })
    expect(await run('reconciliation', { event_id: eventId }, ADMIN)).toMatchObject({
      ok: true,
      value: { totals: { available: 3 } },
    })
  })
})
