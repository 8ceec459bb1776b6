// Where the app's own pages live: the dev server while developing, the built
// index.html otherwise. Navigation guards and the IPC sender check both ask
// "is this our page?" here, so they can never disagree.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export function appUrl(mainDir: string, devServerUrl?: string): string {
  return devServerUrl || pathToFileURL(join(mainDir, '../renderer/index.html')).href
}

/** Our page, whatever its #/route: the dev server's origin, or exactly our index.html file. */
export function isAppUrl(url: string, app: string): boolean {
  let candidate: URL
  let ours: URL
  try {
    candidate = new URL(url)
    ours = new URL(app)
  } catch {
    return false
  }
  if (candidate.protocol !== ours.protocol) return false
  if (ours.protocol === 'file:')
    return candidate.host === ours.host && samePath(candidate.pathname, ours.pathname)
  return candidate.origin === ours.origin
}

/** Chromium and Node may percent-encode a path differently, and Windows drive letters differ in case. */
function samePath(a: string, b: string): boolean {
  const plain = (path: string) => {
    const decoded = decodeURIComponent(path)
    return /^\/[A-Za-z]:\//.test(decoded) ? decoded.toLowerCase() : decoded
  }
  try {
    return plain(a) === plain(b)
  } catch {
    return false
  }
}
