import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'

const MAIN = join(__dirname, '..')

/** Every SQL text in the main process's code that starts from one of the read model's joined selects. */
function joinedReads(): Array<{ file: string; sql: string }> {
  const files = readdirSync(MAIN, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  )
  return files.flatMap((file) => {
    const text = readFileSync(join(MAIN, file), 'utf8')
    return [...text.matchAll(/`\$\{(?:DOOR_TICKET_SQL|TICKET_SELECT_SQL)\}([^`]*)`/g)].map((m) => ({
      file,
      sql: m[1]!,
    }))
  })
}

describe('the ticket read model', () => {
  it('binds every value of a joined read as +?, so SQLite does not plan it again at each call', () => {
    const reads = joinedReads()
    expect(reads.length).toBeGreaterThan(5)
    const bare = reads.filter(({ sql }) => /(?<!\+)\?/.test(sql))
    expect(bare).toEqual([])
  })

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
