// Door codes: short, random (never sequential, so a neighbour's code cannot be
// worked out) and unique within their event.
import { randomInt } from 'node:crypto'
import type Database from 'better-sqlite3'
import { prepared } from './db/prepared'

/**
 * Rounds of random draws before listing the free codes outright. Each round draws what is
 * still missing and keeps the codes no ticket holds; with the space nine tenths full, eight
 * rounds still leave two in five to find, and only then is the whole space listed.
 */
const RANDOM_ROUNDS = 8

function formatCode(value: number, codeLength: number): string {
  return String(value).padStart(codeLength, '0')
}

/**
 * Draws `count` distinct codes that no ticket of the event holds, voided tickets
 * included, so a voided or transferred code keeps answering VOID at the door.
 * Only when no free code is left (voids and transfers can use up the code space)
 * are voided codes handed out again, those voided longest ago first; their void
 * rows give the code up (their uuid still answers VOID). Since the tickets not
 * void never outnumber the capacity, nor it the code space, codes always suffice.
 */
export function drawCodes(
  sqlite: Database.Database,
  eventId: number,
  codeLength: number,
  count: number,
): string[] {
  const space = 10 ** codeLength
  // One query checks a whole round of candidates: a guest list draws hundreds of codes at once.
  const taken = prepared(
    sqlite,
    'SELECT short_code FROM ticket WHERE event_id = ? AND short_code IN (SELECT value FROM json_each(?))',
  ).pluck()
  const drawn = new Set<string>()
  for (let round = 0; drawn.size < count && round < RANDOM_ROUNDS; round++) {
    const candidates = new Set<string>()
    for (let i = drawn.size; i < count; i++) {
      const code = formatCode(randomInt(space), codeLength)
      if (!drawn.has(code)) candidates.add(code)
    }
    const clashes = new Set(taken.all(eventId, JSON.stringify([...candidates])) as string[])
    for (const code of candidates) if (!clashes.has(code)) drawn.add(code)
  }
  if (drawn.size === count) return [...drawn]

  const used = new Set(
    (
      prepared(sqlite, 'SELECT short_code FROM ticket WHERE event_id = ? AND short_code IS NOT NULL')
        .pluck()
        .all(eventId) as string[]
    ).concat([...drawn]),
  )
  const free: string[] = []
  for (let value = 0; value < space; value++) {
    const code = formatCode(value, codeLength)
    if (!used.has(code)) free.push(code)
  }
  while (drawn.size < count && free.length > 0) {
    const pick = randomInt(free.length)
    drawn.add(free[pick]!)
    free[pick] = free[free.length - 1]!
    free.pop()
  }
  if (drawn.size < count) reclaimVoidCodes(sqlite, eventId, count - drawn.size).forEach((c) => drawn.add(c))
  if (drawn.size < count) throw new Error(`Event ${eventId} ran out of free codes`)
  return [...drawn]
}

function reclaimVoidCodes(sqlite: Database.Database, eventId: number, count: number): string[] {
  const codes = prepared(
    sqlite,
    `SELECT short_code FROM ticket WHERE event_id = ? AND status = 'void' AND short_code IS NOT NULL
      ORDER BY voided_at, id LIMIT ?`,
  )
    .pluck()
    .all(eventId, count) as string[]
  const release = prepared(
    sqlite,
    `UPDATE ticket SET short_code = NULL WHERE event_id = ? AND short_code = ? AND status = 'void'`,
  )
  for (const code of codes) release.run(eventId, code)
  return codes
}
