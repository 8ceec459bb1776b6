// Where the app's own page lives: the dev server while developing, the built
// index.html on app:// otherwise. Navigation guards and the IPC sender check
// both ask "is this our page?" here, so they can never disagree.
import { APP_PAGE } from './app-protocol'

export function appUrl(devServerUrl?: string): string {
  return devServerUrl || APP_PAGE
}

/** Our page, whatever its #/route: the dev server's origin, or exactly app://ticketi/index.html. */
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
  if (ours.protocol === 'http:' || ours.protocol === 'https:') return candidate.origin === ours.origin
  // A scheme of our own has no origin in Node's URL (it is "null" for every host): compare its parts.
  return (
    candidate.host === ours.host &&
    candidate.pathname === ours.pathname &&
    candidate.username === '' &&
    candidate.password === '' &&
    candidate.port === ''
  )
}
