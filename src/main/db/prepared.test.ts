import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const MAIN = join(__dirname, '..')

/** Every SQL text in the main process's code that reads from more than one table. */
function joinedReads(): Array<{ file: string; sql: string }> {
  const files = readdirSync(MAIN, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  )
  return files.flatMap((file) => {
    const text = readFileSync(join(MAIN, file), 'utf8')
    return (
      // Template literals, and SQL in plain quotes ('SELECT ...').
      [...text.matchAll(/`([^`]*)`|'(SELECT [^']*)'/g)]
        .map((m) => (m[1] ?? m[2])!)
        .filter(
          (sql) => /\bSELECT\b/.test(sql) && /\bJOIN\b|\$\{(?:DOOR_TICKET_SQL|TICKET_SELECT_SQL)\}/.test(sql),
        )
        // What an interpolation adds is the SQL in its quoted strings, not its JavaScript (a ternary's ?).
        .map((sql) =>
          sql.replace(/\$\{([^}]*)\}/g, (_, code: string) => (code.match(/'[^']*'/g) ?? []).join(' ')),
        )
        .map((sql) => ({ file, sql: sql.replace(/\s+/g, ' ').trim() }))
    )
  })
}

describe('prepared statements', () => {
  it('bind every value of a read that joins tables as +?, so SQLite does not plan it again at each call', () => {
    const reads = joinedReads()
    expect(reads.length).toBeGreaterThan(10)
    const bare = reads.filter(({ sql }) => /(?<!\+)\?/.test(sql))
    expect(bare).toEqual([])
  })
})
