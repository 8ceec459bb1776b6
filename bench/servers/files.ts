// The exports, the backup and the guest list in a process of their own, as the host
// runs them: the bench process's heap (the earlier parts' load generators and
// results) is not collected in the middle of their turns. Prints its rows as one
// JSON line. `files.ts exports <dataDir> <eventId> <typeId>` on the parent's sold-out
// event (closed there meanwhile), or `files.ts import` on fresh events of its own.
import { openCore } from '../../src/main/core'
import type { BenchEvent } from '../core'
import { benchBackup, benchExport, benchImport } from '../files'
import type { Row } from '../stats'

async function main(): Promise<Row[]> {
  const [part, dataDir, eventId, typeId] = process.argv.slice(2)
  if (part === 'import') return benchImport()
  if (part !== 'exports' || !dataDir)
    throw new Error('usage: files.ts exports <dataDir> <eventId> <typeId> | import')
  const ev: BenchEvent = {
    core: openCore({ dataDir, logError: () => {} }),
    dataDir,
    eventId: Number(eventId),
    typeId: Number(typeId),
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

main().then(
  (rows) => console.log(JSON.stringify(rows)),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
