// Hot paths reuse prepared statements: compiling SQL on every check-in would
// cost more than running it.
import type Database from 'better-sqlite3'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

export function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let statements = cache.get(sqlite)
  if (!statements) {
    statements = new Map()
    cache.set(sqlite, statements)
  }
  let statement = statements.get(sql)
  if (!statement) {
    statement = sqlite.prepare(sql)
    statements.set(sql, statement)
  }
  return statement
}
