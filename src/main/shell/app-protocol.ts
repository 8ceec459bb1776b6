// The built renderer is served from app://ticketi/ rather than file://. A page
// on file:// shares its origin with every file on the laptop; a standard,
// secure scheme of our own gives it an origin of its own, lets the fuse that
// grants file:// extra privileges be turned off, and puts the content security
// policy on every answer as a real header. The entry registers the scheme
// before the app is ready and hands this handler to Electron's protocol.handle.
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './window'

export const APP_SCHEME = 'app'
const APP_HOST = 'ticketi'
/** The page the window loads; every #/route is a fragment of it. */
export const APP_PAGE = `${APP_SCHEME}://${APP_HOST}/index.html`

/** For protocol.registerSchemesAsPrivileged: a standard URL (origin, relative paths) that counts as secure. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

/** The headers of every answer, the refusals too: nothing reaches the page without the policy. */
export function appHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  }
}

/** The file an app:// URL names inside the renderer's folder, or null for anything outside it. */
export function appFileFor(rendererDir: string, url: string): string | null {
  let parsed: URL
  let path: string
  try {
    parsed = new URL(url)
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || path.includes('\0')) return null
  const file = join(rendererDir, path === '/' ? 'index.html' : path)
  const inside = relative(rendererDir, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  return file
}

type ReadFile = (path: string) => Promise<Uint8Array>

/** Answers the window's requests for app:// with the built renderer's files. */
export function createAppHandler(
  rendererDir: string,
  read: ReadFile = readFile,
): (request: Request) => Promise<Response> {
  const refuse = (status: number, text: string) =>
    new Response(text, { status, headers: appHeaders('text/plain; charset=utf-8') })
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Only GET is served here.')
    const file = appFileFor(rendererDir, request.url)
    if (!file) return refuse(404, 'Not part of Ticketi.')
    let body: Uint8Array
    try {
      body = await read(file)
    } catch {
      return refuse(404, 'Not part of Ticketi.')
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: appHeaders(type),
    })
  }
}
