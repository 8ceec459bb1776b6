// Copies the WAL back into the database file from a worker thread, on its own
// connection. Left to SQLite's automatic checkpoint, about one commit in a
// hundred would also copy and sync ~1,000 pages: a 3 ms stall in the middle of
// a check-in. Durability is unchanged: every commit is still synced to the WAL
// before it is acknowledged.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** SQLite's own default, restored if the worker cannot run. */
const AUTOCHECKPOINT_PAGES = 1000

// Plain CommonJS evaluated in the worker, so no separate bundle entry is needed.
// It always raises the `done` flag when it ends, even if it could not start, so
// stop() never waits on a worker that is gone.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const done = new Int32Array(workerData.done)
function finish() {
  Atomics.store(done, 0, 1)
  Atomics.notify(done, 0)
}
let db
try {
  const Database = require(workerData.driver)
  db = new Database(workerData.path)
} catch (error) {
  finish()
  throw error
}
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch { /* busy: next round */ }
}, workerData.everyMs)
parentPort.once('message', () => {
  clearInterval(timer)
  db.close()
  finish()
  parentPort.close()
})
`

export interface Checkpointer {
  /** Stops the worker and waits (briefly) until its connection is closed. */
  stop(): void
}

export function startCheckpointer(sqlite: Database.Database, path: string, everyMs = 500): Checkpointer {
  const done = new SharedArrayBuffer(4)
  const driver = createRequire(__filename).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, everyMs, done } })
  sqlite.pragma('wal_autocheckpoint = 0')
  let stopped = false
  worker.once('error', () => {
    // Without the worker, SQLite checkpoints inline again: slower tails, nothing lost.
    stopped = true
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
  })
  worker.unref()
  return {
    stop() {
      if (stopped) return
      stopped = true
      // Never terminate() it: killing a thread while it loads the SQLite addon aborts the
      // whole process. Ask it to close instead; the message waits until it listens.
      worker.postMessage('stop')
      Atomics.wait(new Int32Array(done), 0, 0, 10_000)
    },
  }
}
