// The slow parts of a backup, on a worker thread with connections of its own:
// the copy, and SQLite's check of that copy. Both are long single calls that
// better-sqlite3 cannot break up: the end of a copy commits and syncs the whole
// new file (80-100 ms for a 100,000-ticket night) and `PRAGMA integrity_check`
// reads every page of it (about a second). On the main thread every door
// would wait that long.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

export type CheckPragma = 'quick_check' | 'integrity_check'

// Plain CommonJS evaluated in the worker, so no separate bundle entry is needed
// (as src/main/db/checkpointer.ts). It answers { value } or { error: { message, code } }.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
// On Linux a thread has its own priority: this one gives way to the event loop when the
// cores are busy. (Elsewhere the call would lower the whole app, so it is not made.)
if (process.platform === 'linux') {
  try { require('node:os').setPriority(5) } catch { /* as it is, then */ }
}
const Database = require(workerData.driver)

function check({ path, pragma }) {
  let copy = null
  try {
    copy = new Database(path, { readonly: true, fileMustExist: true })
    const rows = copy.pragma(pragma + '(5)', { simple: false })
    return rows.map((row) => Object.values(row)[0]).join('; ')
  } catch (error) {
    return error.message
  } finally {
    if (copy) copy.close()
  }
}

async function copy({ from, to }) {
  const source = new Database(from, { readonly: true, fileMustExist: true })
  try {
    // Everything in one step after the first: a copy in many steps starts over whenever the
    // host commits a check-in in between, and on a busy night it might never finish.
    await source.backup(to, { progress: () => 0x7fffffff })
  } finally {
    source.close()
  }
}

Promise.resolve()
  .then(() => (workerData.task === 'check' ? check(workerData) : copy(workerData)))
  .then(
    (value) => parentPort.postMessage({ value: value === undefined ? null : value }),
    (error) => parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code } }),
  )
`

type Task = { task: 'check'; path: string; pragma: CheckPragma } | { task: 'copy'; from: string; to: string }

function aside<T>(task: Task): Promise<T> {
  const driver = createRequire(__filename).resolve('better-sqlite3')
  return new Promise((resolve, reject) => {
    let answered = false
    const answer = (done: () => void) => {
      if (answered) return
      answered = true
      done()
    }
    // Never terminate() it: killing a thread while it loads the SQLite addon aborts the process.
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, ...task } })
    worker.once('message', (reply: { value: T } | { error: { message: string; code?: string } }) =>
      answer(() => {
        if ('value' in reply) return resolve(reply.value)
        reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }))
      }),
    )
    worker.once('error', (error) => answer(() => reject(error)))
    worker.once('exit', (code) =>
      answer(() => reject(new Error(`The backup's worker stopped before it answered (exit code ${code}).`))),
    )
  })
}

/** What SQLite says of the file at `path`: "ok", or the first problems it found, or why it could not look. */
export function checkFileAside(path: string, pragma: CheckPragma): Promise<string> {
  return aside<string>({ task: 'check', path, pragma })
}

/** A copy of the database at `from` into the new file `to`, by SQLite's online backup. */
export async function copyDatabaseAside(from: string, to: string): Promise<void> {
  await aside<null>({ task: 'copy', from, to })
}
