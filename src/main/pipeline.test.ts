// The one path every call takes: checked once, then a read in a deferred
// transaction, a write in an immediate one announced after its commit, or a
// network effect outside any transaction.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { operations } from '../shared/contract'
import { createAfterCommit, type CommittedWrite } from './after-commit'
import { check, createDispatcher, type CheckedCall, type Handlers } from './dispatcher'
import { createGroupCommit } from './group-commit'
import { jobsGiveWay } from './step-turns'
import { mailFixtures, openMailCore } from '../../test/support/mail-core'
import { handlers } from './operations'
import {
  ADMIN,
  DOOR,
  openTestCore,
  otherConnection,
  seededEvent,
  type TestCore,
} from '../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => {
  vi.restoreAllMocks()
  core.dispose()
})

const night = { name: 'Jazz Night', starts_at: '2026-12-01T20:00:00Z', capacity: 100 }
const buyer = (eventId: number, email = 'ann@example.com') => ({
  event_id: eventId,
  customer: { name: 'Ann', email },
})

/** Every commit the core announces, as the writes it carried. */
function listen(): Array<readonly CommittedWrite[]> {
  const heard: Array<readonly CommittedWrite[]> = []
  core.afterCommit.subscribe((writes) => heard.push(writes))
  return heard
}

/** A dispatcher over the test core's file with some handlers replaced. */
function dispatcherWith(replaced: Partial<Handlers>) {
  return createDispatcher(core.store, { ...handlers, ...replaced }, { logError: () => {} })
}

describe('a call', () => {
  it('is checked once, whichever way it comes in', async () => {
    const { eventId } = seededEvent(core, 10)
    const safeParse = vi.spyOn(operations.assign.input, 'safeParse')
    const parse = vi.spyOn(operations.assign.input, 'parse')
    expect(core.dispatch('assign', buyer(eventId), ADMIN).ok).toBe(true)
    expect(safeParse).toHaveBeenCalledTimes(1)
    expect((await core.dispatchAsync('assign', buyer(eventId), ADMIN)).ok).toBe(true)
    expect(safeParse).toHaveBeenCalledTimes(2)
    expect((await core.dispatchGrouped('assign', buyer(eventId), ADMIN)).ok).toBe(true)
    expect(safeParse).toHaveBeenCalledTimes(3)
    expect(parse).not.toHaveBeenCalled()
  })

  it('once checked, runs as it is: nothing downstream parses it again', async () => {
    const { eventId } = seededEvent(core, 10)
    const safeParse = vi.spyOn(operations.assign.input, 'safeParse')
    const call = check('assign', buyer(eventId), ADMIN) as CheckedCall<'write'>
    expect(safeParse).toHaveBeenCalledTimes(1)
    const dispatcher = dispatcherWith({})
    expect(dispatcher.run(call).ok).toBe(true)
    expect(dispatcher.runTogether([call, call]).every((o) => o.ok)).toBe(true)
    expect((await createGroupCommit(dispatcher)(call)).ok).toBe(true)
    expect(safeParse).toHaveBeenCalledTimes(1)
    expect(core.store.sqlite.prepare('SELECT count(*) FROM sale').pluck().get()).toBe(4)
  })

  it('reaches the network effect checked once too', async () => {
    const safeParse = vi.spyOn(operations.sendTestEmail.input, 'safeParse')
    const outcome = await core.dispatchAsync('sendTestEmail', { to: 'ann@example.com' }, ADMIN)
    expect(outcome).toMatchObject({ ok: true, value: { recipient: 'ann@example.com' } })
    expect(safeParse).toHaveBeenCalledTimes(1)
  })

  it('that is refused never reaches a handler or a transaction', async () => {
    const run = vi.fn(handlers.checkIn)
    const dispatcher = dispatcherWith({ checkIn: run })
    const transaction = vi.spyOn(core.store.sqlite, 'transaction')
    expect(dispatcher.dispatch('checkIn', { event_id: 1 }, DOOR)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(
      dispatcher.dispatch('checkIn', { event_id: 1, code: '123' }, { ...DOOR, role: 'boxoffice' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(run).not.toHaveBeenCalled()
    expect(transaction).not.toHaveBeenCalled()
  })
})

describe('a read', () => {
  it('runs in one snapshot and leaves the write lock to others', () => {
    const other = otherConnection(core)
    const seen: Array<{ lockFree: boolean; before: unknown; after: number }> = []
    const dispatcher = dispatcherWith({
      listEvents: (input, ctx) => {
        const auditRows = () => ctx.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()
        const before = auditRows()
        const lockFree = other.canWrite()
        other.writeAuditRow()
        // The row another station committed just now is not in this read's snapshot.
        seen.push({ lockFree, before, after: auditRows() as number })
        return handlers.listEvents(input, ctx)
      },
    })
    try {
      core.call('createEvent', night)
      expect(dispatcher.dispatch('listEvents', {}, DOOR)).toMatchObject({
        ok: true,
        value: [{ name: 'Jazz Night' }],
      })
      expect(seen).toEqual([{ lockFree: true, before: 1, after: 1 }])
      expect(other.count('audit_log')).toBe(2)
    } finally {
      other.close()
    }
  })
})

describe('a write', () => {
  it('holds the write lock from its first statement on', async () => {
    const other = otherConnection(core)
    const lockFree: boolean[] = []
    const replaced: Partial<Handlers> = {
      createEvent: (input, ctx) => {
        lockFree.push(other.canWrite())
        return handlers.createEvent(input, ctx)
      },
    }
    const dispatcher = dispatcherWith(replaced)
    const grouped = createGroupCommit(dispatcher)
    try {
      expect(dispatcher.dispatch('createEvent', night, ADMIN).ok).toBe(true)
      const call = check('createEvent', night, ADMIN)
      expect(call.kind).toBe('write')
      expect((await grouped(call as CheckedCall<'write'>)).ok).toBe(true)
      expect(lockFree).toEqual([false, false])
      expect(other.canWrite()).toBe(true)
    } finally {
      other.close()
    }
  })

  it('is announced once, after its commit, with what it was and what it answered', () => {
    const other = otherConnection(core)
    const heard: Array<readonly CommittedWrite[]> = []
    const onDisk: number[] = []
    core.afterCommit.subscribe((writes) => {
      heard.push(writes)
      onDisk.push(other.count('event'))
    })
    try {
      const outcome = core.dispatch('createEvent', night, ADMIN)
      expect(outcome.ok).toBe(true)
      expect(heard).toEqual([
        [
          {
            name: 'createEvent',
            // As the schema parsed it: the defaults are filled in.
            input: { ...night, venue: '', code_length: 3, allow_reentry: false },
            value: outcome.ok && outcome.value,
            who: ADMIN,
            changes: [],
          },
        ],
      ])
      expect(onDisk).toEqual([1])
    } finally {
      other.close()
    }
  })

  it('notes what it changed: the event whose tickets moved, and the message it queued', () => {
    const heard = listen()
    const { eventId } = seededEvent(core, 5)
    const sale = core.call('assign', buyer(eventId))
    const code = sale.tickets[0]!.short_code!
    core.call('checkIn', { event_id: eventId, code }, DOOR)
    core.call('checkIn', { event_id: eventId, code }, DOOR)
    core.call('undoCheckIn', { ticket_id: sale.tickets[0]!.id, reason: 'wrong guest' }, DOOR)
    const resent = core.call('resend', { ticket_id: sale.tickets[0]!.id })
    const live = (type: string, data: object) => ({
      kind: 'live',
      type,
      event_id: eventId,
      data: expect.objectContaining(data),
    })
    expect(heard.map(([write]) => [write!.name, write!.changes])).toEqual([
      ['createEvent', []],
      ['addTicketType', []],
      ['seedInventory', [{ kind: 'tickets', event_id: eventId }]],
      [
        'assign',
        [
          { kind: 'tickets', event_id: eventId },
          live('sale', { sale_id: sale.sale_id, ticket_ids: [sale.tickets[0]!.id] }),
          { kind: 'mailQueued', sale_id: sale.sale_id, outbox_id: expect.any(Number) },
        ],
      ],
      ['checkIn', [{ kind: 'tickets', event_id: eventId }, live('checkin', { code, result: 'OK' })]],
      // DUPLICATE: no ticket moved, but the attempt is shown live like every logged one.
      ['checkIn', [live('checkin', { code, result: 'DUPLICATE' })]],
      [
        'undoCheckIn',
        [{ kind: 'tickets', event_id: eventId }, live('undo', { ticket_id: sale.tickets[0]!.id })],
      ],
      ['resend', [{ kind: 'mailQueued', sale_id: sale.sale_id, outbox_id: resent.outbox_id }]],
    ])
  })

  it('that is refused or rolled back is announced to nobody, and neither is a read or an effect', async () => {
    const { eventId } = seededEvent(core, 1)
    const heard = listen()
    expect(core.dispatch('assign', { ...buyer(eventId), quantity: 2 }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'SOLD_OUT' },
    })
    expect(core.dispatch('assign', { event_id: eventId }, ADMIN)).toMatchObject({ ok: false })
    expect(core.dispatch('reconciliation', { event_id: eventId }, ADMIN).ok).toBe(true)
    expect((await core.dispatchAsync('sendTestEmail', { to: 'ann@example.com' }, ADMIN)).ok).toBe(true)
    expect(heard).toEqual([])

    const afterCommit = createAfterCommit()
    const brokenHeard: unknown[] = []
    afterCommit.subscribe((writes) => brokenHeard.push(writes))
    const broken = createDispatcher(
      core.store,
      {
        ...handlers,
        createEvent: (input, ctx) => {
          handlers.createEvent(input, ctx)
          ctx.changed({ kind: 'tickets', event_id: 1 })
          throw new Error('disk on fire')
        },
      },
      { logError: () => {}, afterCommit },
    )
    expect(broken.dispatch('createEvent', night, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    expect(brokenHeard).toEqual([])
  })

  it('inside another transaction is refused: its commit would not be on disk when announced', () => {
    const heard = listen()
    const outcome = core.store.sqlite.transaction(() => core.dispatch('createEvent', night, ADMIN))()
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(heard).toEqual([])
    expect(core.store.sqlite.prepare('SELECT count(*) FROM event').pluck().get()).toBe(0)
  })

  it('is answered even when a listener fails, and the failure is logged', () => {
    const logged: unknown[] = []
    const afterCommit = createAfterCommit((error) => logged.push(error))
    const later: unknown[] = []
    afterCommit.subscribe(() => {
      throw new Error('listener broke')
    })
    const unsubscribe = afterCommit.subscribe((writes) => later.push(writes))
    const dispatcher = createDispatcher(core.store, handlers, { logError: () => {}, afterCommit })
    expect(dispatcher.dispatch('createEvent', night, ADMIN).ok).toBe(true)
    expect(logged).toEqual([new Error('listener broke')])
    expect(later).toHaveLength(1)
    unsubscribe()
    expect(dispatcher.dispatch('createEvent', night, ADMIN).ok).toBe(true)
    expect(later).toHaveLength(1)
  })
})

describe('the mail worker', () => {
  const fixtures = mailFixtures()

  it('is woken only by commits that queued mail', async () => {
    const mailCore = fixtures.core({ worker: true })
    const wake = vi.spyOn(mailCore.mail.worker!, 'wake')
    const event = mailCore.call('createEvent', night)
    mailCore.call('seedInventory', { event_id: event.id, count: 10 })
    mailCore.call('assign', { event_id: event.id, customer: { name: 'Bo', phone: '+44 20 7946 0000' } })
    expect(wake).not.toHaveBeenCalled()

    const sale = mailCore.call('assign', buyer(event.id))
    expect(wake).toHaveBeenCalledTimes(1)
    const code = sale.tickets[0]!.short_code!
    mailCore.call('checkIn', { event_id: event.id, code }, DOOR)
    mailCore.call('listTickets', { event_id: event.id })
    expect(mailCore.dispatch('resend', { ticket_id: 1 }, ADMIN)).toMatchObject({ ok: false })
    expect(wake).toHaveBeenCalledTimes(1)
    mailCore.call('resend', { ticket_id: sale.tickets[0]!.id })
    expect(wake).toHaveBeenCalledTimes(2)

    // On the LAN, one commit of several sales wakes it once.
    const grouped = await Promise.all([
      mailCore.dispatchGrouped('assign', buyer(event.id, 'cy@example.com'), ADMIN),
      mailCore.dispatchGrouped('assign', buyer(event.id, 'di@example.com'), ADMIN),
      mailCore.dispatchGrouped('checkIn', { event_id: event.id, code: '999' }, DOOR),
    ])
    expect(grouped.every((o) => o.ok)).toBe(true)
    expect(wake).toHaveBeenCalledTimes(3)
  })

  it('tells the door watch when check-ins are saved, and only then', async () => {
    const mailCore = fixtures.core({ worker: true })
    const door = vi.spyOn(mailCore.door, 'checkedIn')
    const event = mailCore.call('createEvent', night)
    mailCore.call('seedInventory', { event_id: event.id, count: 10 })
    const sale = mailCore.call('assign', buyer(event.id))
    mailCore.call('listTickets', { event_id: event.id })
    expect(door).not.toHaveBeenCalled()

    // A refused code is saved in the check-in log too: the door is busy all the same.
    mailCore.call('checkIn', { event_id: event.id, code: sale.tickets[0]!.short_code! }, DOOR)
    expect(door).toHaveBeenCalledTimes(1)
    await mailCore.dispatchGrouped('checkIn', { event_id: event.id, code: '999' }, DOOR)
    expect(door).toHaveBeenCalledTimes(2)
    const queued = {
      event_id: event.id,
      code: '998',
      nonce: 'door1-0001',
      scanned_at: new Date().toISOString(),
      offline_result: 'UNKNOWN' as const,
    }
    mailCore.call('uploadCheckIns', { checkins: [queued] }, DOOR)
    expect(door).toHaveBeenCalledTimes(3)
  })

  it('has the big jobs of the process give way while its door is busy, and no longer once it closes', async () => {
    const mailCore = openMailCore({})
    const event = mailCore.call('createEvent', night)
    mailCore.call('seedInventory', { event_id: event.id, count: 10 })
    expect(mailCore.door.busy).toBe(false)
    expect(jobsGiveWay()).toBe(false)
    mailCore.call('checkIn', { event_id: event.id, code: '999' }, DOOR)
    expect(mailCore.door.busy).toBe(true)
    expect(jobsGiveWay()).toBe(true)
    await mailCore.dispose()
    expect(jobsGiveWay()).toBe(false)
  })

  it('takes up new mail settings once they are committed', () => {
    const mailCore = fixtures.core({ worker: true })
    const resume = vi.spyOn(mailCore.mail.worker!, 'resume')
    const saved: unknown[] = []
    resume.mockImplementation(() => {
      saved.push(mailCore.store.sqlite.inTransaction)
    })
    mailCore.call('createEvent', night)
    expect(resume).not.toHaveBeenCalled()
    mailCore.call('updateMailSettings', { transport: 'off' })
    expect(saved).toEqual([false])
    expect(mailCore.dispatch('updateMailSettings', { transport: 'smtp' }, ADMIN)).toMatchObject({ ok: false })
    expect(saved).toEqual([false])
  })
})
