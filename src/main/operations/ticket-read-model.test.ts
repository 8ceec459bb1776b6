import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

describe('the ticket read model', () => {
  it('finds the same row through the same index with +? as with ?', () => {
    const db = new Database(':memory:')
    db.exec(`CREATE TABLE ticket (id INTEGER PRIMARY KEY, event_id INTEGER, short_code TEXT, type_id INTEGER);
      CREATE UNIQUE INDEX ticket_event_code ON ticket (event_id, short_code);
      CREATE TABLE ticket_type (id INTEGER PRIMARY KEY, name TEXT);
      INSERT INTO ticket_type VALUES (1, 'Standard');
      INSERT INTO ticket VALUES (1, 7, '042', 1), (2, 7, '42', 1), (3, 8, '042', 1);`)
    const read = (bind: string) =>
      `SELECT t.id, tt.name FROM ticket t LEFT JOIN ticket_type tt ON tt.id = t.type_id
        WHERE t.event_id = ${bind} AND t.short_code = ${bind}`
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(7, '042')
        .map((row) => (row as { detail: string }).detail)
    expect(plan(read('+?'))).toEqual(plan(read('?')))
    expect(plan(read('+?'))[0]).toContain('USING INDEX ticket_event_code')
    // The columns' affinities still apply: the same values find the same rows either way.
    for (const values of [
      [7, '042'],
      [7, '42'],
      ['7', '042'],
      [7, 42],
      [8, '042'],
      [9, '042'],
    ]) {
      expect(db.prepare(read('+?')).all(...values)).toEqual(db.prepare(read('?')).all(...values))
    }
    expect(db.prepare(read('+?')).all('7', '042')).toEqual([{ id: 1, name: 'Standard' }])
  })
})
