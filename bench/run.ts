// `npm run bench`: the SPEC §6 figures, each next to a baseline measured in the
// same run (the machine is shared and noisy, so the ratio is the stable part).
// Reports only: a missed goal never makes this exit non-zero.
import { cpus } from 'node:os'
import { openCore } from '../src/main/core'
import { benchCheckIn } from './checkin'
import { GUESTS } from './files'
import { inOwnProcess } from './own-process'
import { benchReconciliation, benchSeed, sell } from './core'
import { benchHttp, CLIENTS } from './http'
import { benchLive, LISTENERS } from './live'
import { benchDoorWhileMailing, BUSY_SALES } from './outbox-busy'
import { elapsedMs, printTable, type Row } from './stats'

function step(message: string) {
  console.log(`- ${message}`)
}

async function main() {
  const started = process.hrtime.bigint()
  console.log(
    `Ticketi benchmarks: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`,
  )
  const rows: Row[] = []

  step('seeding 100,000 tickets (and the bare insert baseline), 3 rounds')
  const seeded = benchSeed()
  rows.push(...seeded.rows)
  const ev = seeded.event
  try {
    step('selling 20,000 tickets: 1,000 sales of 20, one queued email each')
    const codes = sell(ev)
    step('checking in through the dispatcher')
    rows.push(...benchCheckIn(ev, codes))
    step('reconciling')
    rows.push(...benchReconciliation(ev, '100k tickets, 20k sold'))
    step(`HTTP load: ${CLIENTS} clients, each server in a child process`)
    rows.push(...(await benchHttp(ev, codes)))
    ev.core = openCore({ dataDir: ev.dataDir, logError: () => {} }) // back from the HTTP host
    step(`HTTP door while the outbox drains ${BUSY_SALES} sales, against a quiet door (own event)`)
    rows.push(...(await benchDoorWhileMailing(step)))
    step(`live changes: a check-in heard by ${LISTENERS} stations, and what they cost the door`)
    rows.push(...(await benchLive(step)))
    step('selling the other 80,000 tickets: 20,000 sales of 4')
    sell(ev, 20_000, 4)
    step('reconciling the sold-out event')
    rows.push(...benchReconciliation(ev, '100k tickets sold out'))
    step(
      'exporting the attendee list of the sold-out event (CSV, XLSX), then backing it up, in a process of their own',
    )
    ev.core.close() // the part opens the database itself
    try {
      rows.push(...(await inOwnProcess(['exports', ev.dataDir, String(ev.eventId), String(ev.typeId)])))
    } finally {
      ev.core = openCore({ dataDir: ev.dataDir, logError: () => {} })
    }
    step('mail: the outbox to a local SMTP server, and assign to message accepted')
    // Loaded only now: their modules (nodemailer, Playwright) in this process made the HTTP load
    // generator above measurably slower.
    const { benchMail } = await import('./mail')
    rows.push(...(await benchMail(step)))
  } finally {
    ev.dispose()
  }
  step(
    `importing a guest list of ${GUESTS.toLocaleString('en')} rows (and the same assigns together), 3 rounds, in a process of its own`,
  )
  rows.push(...(await inOwnProcess(['import'])))
  const { benchSearch } = await import('./search')
  rows.push(...benchSearch(step))
  step(
    'a mixed night: the door quiet, then while the box office works; and the door while big jobs run (its load generator in a process of its own)',
  )
  rows.push(...(await inOwnProcess(['night'])))
  const { benchDoor, DOOR_CHECKINS } = await import('./door')
  step(`door: key press to result painted, ${DOOR_CHECKINS} check-ins in Chromium against the built host`)
  rows.push(...(await benchDoor(step)))
  const { benchDoorOffline, QUEUED } = await import('./doorOffline')
  step(`door offline: the host frozen, then killed; ${QUEUED} check-ins queued, then the host restarted`)
  rows.push(...(await benchDoorOffline(step)))

  console.log('\nratio = value / baseline; baselines are measured in the same run (see BENCHMARKS.md)\n')
  printTable(rows)
  console.log(`\ntotal ${(elapsedMs(started) / 1000).toFixed(1)} s`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
