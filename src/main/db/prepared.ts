// Hot paths reuse prepared statements: compiling SQL on every check-in would
// cost more than running it.
//
// A read that joins tables binds its values as `+?`, not `?`. With a bare `?`,
// this SQLite build (STAT4, no query planner stability guarantee) marks such a
// statement to be planned again whenever a value is bound, so every call
// compiles the SQL anew: ten times the cost of the read itself, on the door's
// path. The unary plus is the same value, compared the same way, through the
// same index (EXPLAIN QUERY PLAN agrees). prepared.test.ts holds every such
// read in src/main to it.
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
