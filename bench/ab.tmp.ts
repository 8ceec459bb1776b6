// Temporary A/B (not committed): what a check-in costs in process with the door-version
// triggers vs the same database with them (and their index) dropped. Check-ins run 100 to a
// commit, so the disk's sync (the same for both) does not drown the difference.
import { invoke } from '../src/main/dispatcher'
import type { Principal } from '../src/shared/principal'
import { EVENT_SIZE, newEvent, sell } from './core'
import { elapsedMs } from './stats'

function prepare(withTriggers: boolean) {
  const ev = newEvent()
  invoke(
    ev.core.dispatch,
    'seedInventory',
    { event_id: ev.eventId, count: EVENT_SIZE, ticket_type_id: ev.typeId },
    { role: 'admin', station: 'b', operator: 'b' },
  )
  const codes = sell(ev)
  if (!withTriggers) {
    ev.core.store.sqlite.exec(
      'DROP TRIGGER ticket_door_version_update; DROP TRIGGER ticket_door_version_insert; DROP INDEX ticket_event_door_version',
    )
  }
  return { ev, codes }
}
const A = prepare(true)
const B = prepare(false)
const door = (i: number): Principal => ({ role: 'door', station: `Door ${(i % 4) + 1}`, operator: 'bench' })
const perCall: Record<'a' | 'b', number[]> = { a: [], b: [] }
function batch(x: typeof A, from: number, into: number[] | null) {
  const calls = x.codes
    .slice(from, from + 100)
    .map((code, k) => ({ name: 'checkIn', input: { event_id: x.ev.eventId, code }, who: door(from + k) }))
  const start = process.hrtime.bigint()
  const out = x.ev.core.dispatchTogether(calls)
  const ms = elapsedMs(start)
  if (out.some((o) => !o.ok || (o.value as { result: string }).result !== 'OK')) throw new Error('not OK')
  into?.push(ms / calls.length)
}
batch(A, 0, null)
batch(B, 0, null)
for (let i = 1; i < 120; i++) {
  if (i % 2) {
    batch(A, i * 100, perCall.a)
    batch(B, i * 100, perCall.b)
  } else {
    batch(B, i * 100, perCall.b)
    batch(A, i * 100, perCall.a)
  }
}
const med = (s: number[]) => [...s].sort((x, y) => x - y)[Math.floor(s.length / 2)]!
console.log(`per check-in, 100 per commit, median of ${perCall.a.length} batches:`)
console.log(`  with door-version triggers: ${(med(perCall.a) * 1000).toFixed(1)} µs`)
console.log(`  without (before):           ${(med(perCall.b) * 1000).toFixed(1)} µs`)
A.ev.dispose()
B.ev.dispose()
