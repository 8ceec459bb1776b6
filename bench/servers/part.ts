// One part of `npm run bench` in a process of its own: `part.ts exports <dataDir>
// <eventId> <typeId>` (the exports and the backup of the parent's sold-out event,
// closed there meanwhile), `part.ts import` (guest lists, on fresh events of its own)
// or `part.ts night`. A part that holds the event loop, or whose load generator times
// the door, is then not slowed by collections of the bench process's heap, which holds
// the earlier parts' load generators and results. Prints its rows as one JSON line;
// its progress goes to stderr.
import { openCore } from '../../src/main/core'
import type { BenchEvent } from '../core'
import { benchBackup, benchExport, benchImport } from '../files'
import { benchNight } from '../night'
import type { Row } from '../stats'

const USAGE = 'usage: part.ts exports <dataDir> <eventId> <typeId> | import | night'

async function exportsOf(dataDir: string, eventId: number, typeId: number): Promise<Row[]> {
  const ev: BenchEvent = {
    core: openCore({ dataDir, logError: () => {} }),
    dataDir,
    eventId,
    typeId,
    dispose() {
      this.core.close()
    },
  }
  try {
    return [...(await benchExport(ev)), ...(await benchBackup(ev))]
  } finally {
    ev.dispose()
  }
}

async function main(): Promise<Row[]> {
  const [part, dataDir, eventId, typeId] = process.argv.slice(2)
  if (part === 'import') return benchImport()
  if (part === 'night') return benchNight((message) => console.error(`- ${message}`))
  if (part !== 'exports' || !dataDir) throw new Error(USAGE)
  return exportsOf(dataDir, Number(eventId), Number(typeId))
}

main().then(
  (rows) => console.log(JSON.stringify(rows)),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
