// The window's options and the folders the app finds at run time, as plain
// data: the Electron entry hands them to Electron, tests read them directly.
import { join } from 'node:path'

export interface MainWindowOptions {
  width: number
  height: number
  show: boolean
  title: string
  backgroundColor: string
  kiosk?: boolean
  fullscreen?: boolean
  autoHideMenuBar?: boolean
  webPreferences: {
    preload: string
    contextIsolation: true
    sandbox: true
    nodeIntegration: false
    nodeIntegrationInWorker: false
    nodeIntegrationInSubFrames: false
    webSecurity: true
    allowRunningInsecureContent: false
    experimentalFeatures: false
    webviewTag: false
    navigateOnDragDrop: false
    devTools: boolean
  }
}

export function mainWindowOptions({
  preload,
  kiosk,
  devTools,
}: {
  preload: string
  kiosk: boolean
  /** Only while developing: a packaged app or a kiosk has no way into the page's internals. */
  devTools: boolean
}): MainWindowOptions {
  return {
    width: 1280,
    height: 800,
    show: false,
    title: 'Ticketi',
    backgroundColor: '#ffffff',
    // kiosk alone is fullscreen only on Linux and Windows; macOS needs fullscreen too.
    ...(kiosk ? { kiosk: true, fullscreen: true, autoHideMenuBar: true } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A file dropped on the window would otherwise replace our page with it.
      navigateOnDragDrop: false,
      devTools: devTools && !kiosk,
    },
  }
}

/**
 * The policy on every answer of app:// (./app-protocol.ts), on top of the
 * <meta> tag in index.html: only our own scripts and style sheets, no plugins,
 * no frames, no forms posting elsewhere. No inline styles either: the
 * renderer's styles are all Tailwind classes in the built style sheet (its
 * bars are drawn as SVG rather than with style attributes).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The migrations: beside the app while developing, and once packaged in the
 * resources folder, where electron-builder's extraResources puts drizzle/
 * (a test checks that the two agree).
 */
export function migrationsDirFor(app: {
  isPackaged: boolean
  resourcesPath: string
  appPath: string
}): string {
  return app.isPackaged ? join(app.resourcesPath, 'drizzle') : join(app.appPath, 'drizzle')
}
