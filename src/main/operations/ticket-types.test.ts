import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InputOf, OperationName } from '../../shared/contract'
import { DEFAULT_MIGRATIONS_DIR, openCore } from '../core'
import { dbPathIn, openStore } from '../db/open'
import { invoke } from '../dispatcher'
import {
  ADMIN,
  BOX_OFFICE,
  openTestCore,
  seededEvent,
  tempDir,
  type TestCore,
} from '../../../test/support/core'

let core: TestCore
beforeEach(() => (core = openTestCore()))
afterEach(() => core.dispose())

function auditOf(entity: string, id: number) {
  return core.store.sqlite
    .prepare('SELECT action, before, after FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id')
    .all(entity, id) as Array<{ action: string; before: string | null; after: string | null }>
}

function typesOf(eventId: number) {
  return core.call('getEvent', { event_id: eventId }).ticket_types
}

describe('ticket types', () => {
  it('renames and reprices a type without sales, and audits the change', () => {
    const { eventId, typeId } = seededEvent(core, 5)
    const renamed = core.call('updateTicketType', {
      ticket_type_id: typeId,
      name: 'Early bird',
      price_cents: 1200,
      capacity: 50,
    })
    expect(renamed).toMatchObject({
      name: 'Early bird',
      price_cents: 1200,
      capacity: 50,
      tickets: 5,
      sold: 0,
    })
    expect(typesOf(eventId)).toEqual([renamed])
    const [, update] = auditOf('ticket_type', typeId)
    expect(update!.action).toBe('update')
    expect(JSON.parse(update!.before!)).toMatchObject({ name: 'Standard', priceCents: 1500 })
    expect(JSON.parse(update!.after!)).toMatchObject({ name: 'Early bird', priceCents: 1200 })
  })

  it('fixes name and price once a ticket is sold, but still lets the capacity change', () => {
    const { eventId, typeId } = seededEvent(core, 5)
    core.call('assign', { event_id: eventId, customer: { name: 'Ann', email: 'ann@example.com' } })
    for (const change of [{ name: 'Early bird' }, { price_cents: 1 }, { currency: 'USD' }]) {
      expect(() => core.call('updateTicketType', { ticket_type_id: typeId, ...change })).toThrow(
        expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/sold 1 tickets/) }),
      )
    }
    // Sending the unchanged name and price along with a new capacity is not a change of either.
    const bigger = core.call('updateTicketType', {
      ticket_type_id: typeId,
      name: 'Standard',
      price_cents: 1500,
      capacity: 10,
    })
    expect(bigger).toMatchObject({ name: 'Standard', capacity: 10, tickets: 5, sold: 1 })
  })

  it('keeps a type capacity between its tickets and the event capacity', () => {
    const { eventId, typeId } = seededEvent(core, 5)
    expect(() => core.call('updateTicketType', { ticket_type_id: typeId, capacity: 4 })).toThrow(
      expect.objectContaining({ code: 'CAPACITY', message: expect.stringMatching(/already has 5 tickets/) }),
    )
    expect(() => core.call('updateTicketType', { ticket_type_id: typeId, capacity: 1001 })).toThrow(
      /more than the event's capacity of 1000/,
    )
    expect(typesOf(eventId)[0]!.capacity).toBeNull()
    expect(core.call('updateTicketType', { ticket_type_id: typeId, capacity: 5 }).capacity).toBe(5)
    expect(core.call('updateTicketType', { ticket_type_id: typeId, capacity: null }).capacity).toBeNull()
  })

  it('refuses a name that differs from another type of the event only in case', () => {
    const { eventId, typeId } = seededEvent(core, 0)
    const vip = core.call('addTicketType', { event_id: eventId, name: 'VIP', price_cents: 4500 })
    for (const name of ['vip', 'Vip', ' VIP ']) {
      expect(() => core.call('addTicketType', { event_id: eventId, name, price_cents: 1 })).toThrow(
        expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/already.*"VIP"/) }),
      )
    }
    // Case folding goes beyond ASCII.
    core.call('addTicketType', { event_id: eventId, name: 'Élite', price_cents: 1 })
    expect(() => core.call('addTicketType', { event_id: eventId, name: 'éLITE', price_cents: 1 })).toThrow(
      /already has a ticket type called "Élite"/,
    )
    expect(() => core.call('updateTicketType', { ticket_type_id: typeId, name: 'vIp' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    )
    // A type may change the case of its own name, and another event may use the same name.
    expect(core.call('updateTicketType', { ticket_type_id: vip.id, name: 'Vip' }).name).toBe('Vip')
    const other = core.call('createEvent', { name: 'Folk', starts_at: '2026-12-02T20:00:00Z', capacity: 10 })
    expect(core.call('addTicketType', { event_id: other.id, name: 'VIP', price_cents: 1 }).name).toBe('VIP')
    expect(typesOf(eventId).map((t) => t.name)).toEqual(['Standard', 'Vip', 'Élite'])
  })

  it('is held unique regardless of case by the database itself', () => {
    const { eventId } = seededEvent(core, 0)
    const insert = core.store.sqlite.prepare(
      'INSERT INTO ticket_type (event_id, name, price_cents) VALUES (?, ?, 0)',
    )
    expect(() => insert.run(eventId, 'STANDARD')).toThrow(/UNIQUE/)
  })

  it('deletes a type without tickets, and refuses one with tickets', () => {
    const { eventId, typeId } = seededEvent(core, 1)
    const spare = core.call('addTicketType', { event_id: eventId, name: 'Spare', price_cents: 0 })
    expect(core.call('deleteTicketType', { ticket_type_id: spare.id })).toMatchObject({ name: 'Spare' })
    expect(auditOf('ticket_type', spare.id).map((a) => a.action)).toEqual(['create', 'delete'])
    expect(() => core.call('deleteTicketType', { ticket_type_id: typeId })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/has 1 tickets/) }),
    )
    expect(typesOf(eventId).map((t) => t.name)).toEqual(['Standard'])
    expect(() => core.call('deleteTicketType', { ticket_type_id: spare.id })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })

  it('lets only admins change ticket types, and refuses bad input without a change', () => {
    const { eventId, typeId } = seededEvent(core, 0)
    expect(() => core.call('updateTicketType', { ticket_type_id: typeId, name: 'X' }, BOX_OFFICE)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )
    expect(() => core.call('deleteTicketType', { ticket_type_id: typeId }, BOX_OFFICE)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    )
    for (const bad of [{ name: '  ' }, { price_cents: -1 }, { capacity: 0 }, { currency: 'euro' }]) {
      expect(() => core.call('updateTicketType', { ticket_type_id: typeId, ...bad })).toThrow(
        expect.objectContaining({ code: 'VALIDATION' }),
      )
    }
    expect(typesOf(eventId)).toMatchObject([{ name: 'Standard', price_cents: 1500, capacity: null }])
  })
})

describe('ticket type names on a database from before names were compared regardless of case', () => {
  const dirs: Array<{ remove(): void }> = []
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

  /** The shipped migrations as an older Ticketi had them: everything before the case-folding one. */
  function olderMigrations(): string {
    const dir = tempDir()
    dirs.push(dir)
    const copy = join(dir.path, 'migrations')
    cpSync(DEFAULT_MIGRATIONS_DIR, copy, { recursive: true })
    const journalPath = join(copy, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> }
    const first = journal.entries.findIndex((e) =>
      e.tag.endsWith('ticket_type_names_differ_by_more_than_case'),
    )
    expect(first).toBeGreaterThan(0)
    journal.entries = journal.entries.slice(0, first)
    writeFileSync(journalPath, JSON.stringify(journal))
    return copy
  }

  it('keeps the oldest name, renames later clashes with an audit entry, and then refuses new clashes', () => {
    const data = tempDir()
    dirs.push(data)
    const old = openStore(dbPathIn(data.path), olderMigrations())
    old.sqlite.exec(`
      INSERT INTO event (id, name, starts_at, capacity, created_at) VALUES
        (1, 'Jazz', '2026-12-01T20:00:00Z', 100, '2026-11-01T00:00:00Z'),
        (2, 'Folk', '2026-12-02T20:00:00Z', 100, '2026-11-01T00:00:00Z');
      INSERT INTO ticket_type (id, event_id, name, price_cents) VALUES
        (1, 1, 'VIP', 4500), (2, 1, 'vip', 4000), (3, 1, 'Vip', 3500), (4, 2, 'VIP', 1), (5, 1, 'Standard', 1500);`)
    old.close()

    const upgraded = openCore({ dataDir: data.path, logError: () => {} })
    const call = <N extends OperationName>(name: N, input: InputOf<N>) =>
      invoke(upgraded.dispatch, name, input, ADMIN)
    expect(call('getEvent', { event_id: 1 }).ticket_types.map((t) => t.name)).toEqual([
      'VIP',
      'vip (2)',
      'Vip (3)',
      'Standard',
    ])
    expect(call('getEvent', { event_id: 2 }).ticket_types.map((t) => t.name)).toEqual(['VIP'])
    const renames = upgraded.store.sqlite
      .prepare("SELECT entity_id, before, after FROM audit_log WHERE action = 'rename' ORDER BY entity_id")
      .all()
    expect(renames).toEqual([
      { entity_id: 2, before: '{"name":"vip"}', after: '{"name":"vip (2)"}' },
      { entity_id: 3, before: '{"name":"Vip"}', after: '{"name":"Vip (3)"}' },
    ])
    expect(() => call('addTicketType', { event_id: 1, name: 'standard', price_cents: 1 })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    )
    upgraded.close()
  })
})
