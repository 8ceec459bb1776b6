import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_MIGRATIONS_DIR, openCore } from '../core'
import { dbPathIn, openStore } from '../db/open'
import { invoke } from '../dispatcher'
import { ADMIN, openTestCore, seededEvent, tempDir, type TestCore } from '../../../test/support/core'
import { ticketListQuery } from './inventory'

let core: TestCore
let eventId: number
beforeEach(() => {
  core = openTestCore()
  eventId = seededEvent(core, 50).eventId
})
afterEach(() => core.dispose())

let guests = 0
function sell(name: string, more: { email?: string; phone?: string; holder_name?: string } = {}) {
  const { holder_name, ...contact } = more
  const email = contact.email ?? (contact.phone ? undefined : `guest${++guests}@box.test`)
  const customer = { name, ...contact, email }
  return core.call('assign', { event_id: eventId, customer, holder_name }).tickets[0]!
}

/** The ids of the tickets the box office search lists for `q`. */
function found(q: string): number[] {
  return core.call('listTickets', { event_id: eventId, q }).tickets.map((t) => t.id)
}

describe('searching by name', () => {
  it('finds names whatever accents are typed or stored', () => {
    const zoe = sell('Zoë Durand')
    const jose = sell('José Alvarez')
    const helene = sell('Helene Petit')
    expect(found('zoe')).toEqual([zoe.id])
    expect(found('ZOË')).toEqual([zoe.id])
    expect(found('jose')).toEqual([jose.id])
    expect(found('josé')).toEqual([jose.id])
    expect(found('Hélène')).toEqual([helene.id])
  })

  it('finds a name from its words in either order, each word as a prefix', () => {
    const alice = sell('Alice Martin')
    sell('Alicia Keys')
    sell('Bob Martin')
    expect(found('Martin Alice')).toEqual([alice.id])
    expect(found('alice martin')).toEqual([alice.id])
    expect(found('ali mar')).toEqual([alice.id])
    expect(found('mar')).toHaveLength(2)
    expect(found('Alice Martinez')).toEqual([])
  })

  it('finds a ticket by its holder when the holder is not the buyer', () => {
    const ticket = sell('Paul Dupont', { holder_name: 'Zoë Lefèvre' })
    expect(found('zoe lefevre')).toEqual([ticket.id])
    expect(found('dupont')).toEqual([ticket.id])
  })

  it('follows a customer renamed or removed in the database itself', () => {
    const ticket = sell('Anne Roux')
    const { sqlite } = core.store
    sqlite.prepare("UPDATE customer SET name = 'Anaïs Roux' WHERE id = ?").run(ticket.customer!.id)
    expect(found('anais')).toEqual([ticket.id])
    expect(found('anne')).toEqual([])
    const indexed = (q: string) =>
      sqlite.prepare('SELECT count(*) FROM customer_search WHERE customer_search MATCH ?').pluck().get(q)
    const { lastInsertRowid } = sqlite
      .prepare("INSERT INTO customer (name, phone, created_at) VALUES ('Noé Vidal', '+33700000001', 'now')")
      .run()
    expect(indexed('noe')).toBe(1)
    expect(indexed('"700000001"')).toBe(1)
    sqlite.prepare('DELETE FROM customer WHERE id = ?').run(lastInsertRowid)
    expect(indexed('noe')).toBe(0)
  })

  it('keeps to the event searched', () => {
    sell('Zoë Durand')
    const other = seededEvent(core, 5).eventId
    expect(core.call('listTickets', { event_id: other, q: 'zoe' }).total).toBe(0)
  })
})

describe('searching by phone', () => {
  const FORMS = ['0612 34 56 78', '+33 6 12 34 56 78', '+33612345678', '06.12.34.56.78']

  it.each(FORMS)('finds a customer stored as %s by every way of writing the number', (stored) => {
    const ticket = sell('Nora Blanc', { phone: stored })
    sell('Other Number', { phone: '0698765432' })
    for (const typed of [...FORMS, '0033 6 12 34 56 78', '(06) 12-34-56-78']) {
      expect(found(typed), `typed ${typed}`).toEqual([ticket.id])
    }
  })

  it('finds a number from its first digits or from a run of its last digits', () => {
    const ticket = sell('Nora Blanc', { phone: '+33612345678' })
    expect(found('0612 3')).toEqual([ticket.id])
    expect(found('+33 6 12')).toEqual([ticket.id])
    expect(found('5678')).toEqual([ticket.id])
    expect(found('34 56')).toEqual([ticket.id])
    expect(found('0612 99')).toEqual([])
  })

  it('takes three digits for a door code, not for a piece of a phone number', () => {
    const withPhone = sell('Nora Blanc', { phone: '0612345678' })
    const code = withPhone.short_code!
    const page = core.call('listTickets', { event_id: eventId, q: code })
    expect(page.tickets[0]!.id).toBe(withPhone.id)
    const other = sell('Léa Noir', { phone: '0700000000' })
    expect(found('345').every((id) => id !== withPhone.id || withPhone.short_code === '345')).toBe(true)
    expect(found(other.short_code!)[0]).toBe(other.id)
  })
})

describe('searching by email, code and uuid', () => {
  it('finds an email from its start or from any of its words', () => {
    const ann = sell('Ann Lee', { email: 'Ann.Lee@Example.com' })
    sell('Bob Stone', { email: 'bob@stone.test' })
    expect(found('ann.lee@exa')).toEqual([ann.id])
    expect(found('ANN.LEE@EXAMPLE.COM')).toEqual([ann.id])
    expect(found('example.com')).toEqual([ann.id])
    expect(found('stone.test')).toHaveLength(1)
  })

  it('finds a ticket by its door code or its uuid, before any other match', () => {
    const ticket = sell('Ann Lee')
    expect(found(ticket.short_code!)[0]).toBe(ticket.id)
    expect(found(ticket.uuid)).toEqual([ticket.id])
    const unsold = core.call('listTickets', { event_id: eventId, status: 'available', limit: 1 }).tickets[0]!
    expect(found(unsold.uuid)).toEqual([unsold.id])
  })

  it('treats search syntax as plain text and finds nothing in it', () => {
    sell('Ann Lee')
    for (const q of ['%', '"', 'a"b', '*', 'NEAR(ann lee)', 'ann OR', '{name}: ann', '-', "'"]) {
      expect(() => found(q), q).not.toThrow()
    }
    expect(found('%')).toEqual([])
    expect(found('ann OR')).toEqual([])
  })
})

describe('the search index', () => {
  it('answers a search without reading every ticket or customer', () => {
    const searches = ['Martin Alice', 'zoe', '+33 6 12 34 56 78', '0612 3', '123'].flatMap((q) =>
      [undefined, 'assigned' as const].map((status) => ({ q, status })),
    )
    for (const { q, status } of searches) {
      const query = ticketListQuery({ event_id: eventId, q, status, limit: 50, offset: 0 })
      for (const sql of [query.rowsSql, query.totalSql]) {
        const plan = core.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(query.params) as Array<{
          detail: string
        }>
        const details = plan.map((step) => step.detail)
        expect(details.join('\n'), q).not.toMatch(/SCAN (t|ticket|c|customer|p|person)\b/)
        // Nor every ticket of the event through an index on the event alone.
        expect(details.join('\n'), q).not.toMatch(/INDEX \w+ \(event_id=\?( AND status=\?)?\)/)
        // The tickets found are read by id, not by walking the event's tickets in an index.
        if (sql === query.rowsSql) expect(details[0], q).toBe('SEARCH t USING INTEGER PRIMARY KEY (rowid=?)')
        // A door code is looked up as a code only; everything else goes through the FTS5 index.
        if (q === '123') expect(details.join('\n')).not.toMatch(/customer_search/)
        else expect(details.join('\n'), q).toMatch(/customer_search VIRTUAL TABLE INDEX/)
      }
    }
  })

  it('reads no more than 1,000 matches, and says there are more', () => {
    const big = seededEvent(core, 1100, { capacity: 1100, code_length: 4 }).eventId
    const sale = core.call('assign', {
      event_id: big,
      customer: { name: 'Max Martin', email: 'max@box.test' },
    })
    core.store.sqlite
      .prepare("UPDATE ticket SET status = 'assigned', customer_id = ? WHERE event_id = ?")
      .run(sale.tickets[0]!.customer!.id, big)
    const many = core.call('listTickets', { event_id: big, q: 'martin', limit: 20 })
    expect(many).toMatchObject({ total: 1000, more: true })
    expect(many.tickets).toHaveLength(20)
    const few = core.call('listTickets', { event_id: eventId, q: 'martin' })
    expect(few).toMatchObject({ total: 0, more: false })
    const all = core.call('listTickets', { event_id: big, status: 'assigned', limit: 1 })
    expect(all).toMatchObject({ total: 1100, more: false })
  })

  it('indexes the customers and holders of a database made before it', () => {
    const dir = tempDir()
    try {
      // The migrations as they were before the search index.
      const before = join(dir.path, 'migrations')
      cpSync(DEFAULT_MIGRATIONS_DIR, before, { recursive: true })
      const journalPath = join(before, 'meta', '_journal.json')
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> }
      // Every migration after it too: a database made before the search index had none of them.
      journal.entries = journal.entries.slice(
        0,
        journal.entries.findIndex((e) => e.tag.endsWith('search_index')),
      )
      writeFileSync(journalPath, JSON.stringify(journal))
      const old = openStore(dbPathIn(join(dir.path, 'data')), before)
      old.sqlite.exec(`
        INSERT INTO event (id, name, starts_at, capacity, created_at) VALUES (1, 'Old Night', '2026-01-01T20:00:00Z', 10, '2026-01-01');
        INSERT INTO customer (id, name, email, phone, created_at) VALUES (1, 'Zoë Martin', 'zoe@x.test', '+33612345678', '2026-01-01');
        INSERT INTO person (id, name) VALUES (1, 'José Alvarez');
        INSERT INTO ticket (id, uuid, event_id, status, short_code, customer_id) VALUES (1, 'u1', 1, 'assigned', '111', 1);
        INSERT INTO ticket (id, uuid, event_id, status, short_code, customer_id, person_id) VALUES (2, 'u2', 1, 'assigned', '222', 1, 1);`)
      old.close()

      const upgraded = openCore({ dataDir: join(dir.path, 'data'), logError: () => {} })
      try {
        const search = (q: string) => invoke(upgraded.dispatch, 'listTickets', { event_id: 1, q }, ADMIN)
        expect(search('martin zoe').total).toBe(2)
        expect(search('0612345678').total).toBe(2)
        expect(search('jose').tickets.map((t) => t.id)).toEqual([2])
      } finally {
        upgraded.close()
      }
    } finally {
      dir.remove()
    }
  })
})
