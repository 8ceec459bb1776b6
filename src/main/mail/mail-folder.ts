// The folder the file transport writes .eml files to. Every step is bounded in
// time: a folder on a stuck network share, or one the system can never hold
// (Node's recursive mkdir retries forever under /proc), must not leave a
// message or a test email waiting without an answer.
import { readdir, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { alive } from '../data-lock'

export const FOLDER_TIMEOUT_MS = 5_000

function bounded<T>(work: Promise<T>, ms = FOLDER_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`No answer from the folder in ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms,
    )
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

async function isFolder(path: string): Promise<boolean> {
  try {
    if ((await stat(path)).isDirectory()) return true
    throw Object.assign(new Error(`${path} is a file, not a folder`), { code: 'ENOTDIR' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}

/** Makes the folder and any missing parent, one level at a time, each an answer or an error. */
export function makeFolder(dir: string): Promise<void> {
  return bounded(
    (async () => {
      const missing: string[] = []
      for (let at = resolve(dir); !(await isFolder(at)); at = dirname(at)) {
        if (dirname(at) === at) break
        missing.unshift(at)
      }
      for (const folder of missing) {
        try {
          await mkdir(folder)
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        }
      }
    })(),
  )
}

/** Written whole as .<name>.part, then renamed: whoever watches the folder never picks up half a message. */
export function writeMailFile(dir: string, name: string, content: Buffer): Promise<void> {
  return bounded(
    (async () => {
      await makeFolder(dir)
      await writeFile(join(dir, `.${name}.part`), content)
      await rename(join(dir, `.${name}.part`), join(dir, name))
    })(),
  )
}

// `.<stamp>-<pid>-<n>.eml.part`, as writeMailFile names them.
const PART_FILE = /^\.\d{8}T\d{9}Z-(\d+)-\d+\.eml\.part$/

/**
 * Removes the half-written messages of processes that are gone (a crash between write and
 * rename); those of a live Ticketi writing to the same folder are left alone. Never throws:
 * a folder that cannot be read is reported when a message is written to it.
 */
export async function cleanPartFiles(dir: string): Promise<number> {
  try {
    const names = await bounded(readdir(dir))
    let removed = 0
    for (const name of names) {
      const pid = Number(PART_FILE.exec(name)?.[1] ?? NaN)
      if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue
      await bounded(unlink(join(dir, name))).then(
        () => removed++,
        () => {},
      )
    }
    return removed
  } catch {
    return 0
  }
}
