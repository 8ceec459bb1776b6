// The Electron entry: the only file of the main process that imports electron.
// It wires Electron's objects to the Electron-free pieces in ./shell, which
// hold the rules (window options, guards, kiosk lockdown, the session).
import { join, resolve } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, safeStorage, session } from 'electron'
import { openCore, type Core } from './core'
import type { SecretBox } from './mail/context'
import { forwardLiveChanges, registerIpc, registerShellIpc } from './ipc'
import { appUrl, isAppUrl } from './shell/app-url'
import { parseLaunchArguments } from './shell/command-line'
import { denyPermissions, guardContents } from './shell/guards'
import { applyKiosk, lockDownKiosk } from './shell/kiosk'
import { createShellSession, type ShellSession } from './shell/session'
import { mainWindowOptions, migrationsDirFor, withContentSecurityPolicy } from './shell/window'

const launch = parseLaunchArguments(process.argv)
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const pageUrl = appUrl(__dirname, devServerUrl)
const isOurs = (url: string) => isAppUrl(url, pageUrl)
const warn = (message: string) => console.warn(`[ticketi] ${message}`)

let core: Core | null = null
let shell: ShellSession | null = null
let mainWindow: BrowserWindow | null = null
/** The menu Electron gives the app, put back when kiosk mode ends. */
let ordinaryMenu: Menu | null = null
/** A kiosk never stands in the way of the machine shutting down: the database must close cleanly. */
let shuttingDown = false

const kioskHolds = () => !shuttingDown && (shell?.inKiosk() ?? false)

function createWindow(): void {
  const kiosk = shell?.inKiosk() ?? false
  const window = new BrowserWindow(
    mainWindowOptions({ preload: join(__dirname, '../preload/index.js'), kiosk, devTools: !app.isPackaged }),
  )
  mainWindow = window
  lockDownKiosk(window, kioskHolds)
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(pageUrl)
}

function setKioskMenu(on: boolean): void {
  Menu.setApplicationMenu(on ? null : ordinaryMenu)
}

function focusWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

function start(): void {
  core = openCore({
    dataDir: app.getPath('userData'),
    migrationsDir: migrationsDirFor({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
    // Email: the outbox worker sends in this process; the SMTP password is sealed by the OS keychain.
    mail: { worker: true, secretBox: keychainSecretBox() },
  })
  const laptop = createShellSession(core.store)
  shell = laptop
  const problems = [...launch.problems]
  if (launch.kioskEventId !== null) {
    const started = laptop.startKiosk(launch.kioskEventId)
    if (!started.ok) problems.push(`Kiosk mode is not on: ${started.error.error}`)
  }
  if (problems.length > 0) {
    problems.forEach(warn)
    dialog.showErrorBox('Ticketi: check the command line', problems.join('\n'))
  }

  denyPermissions(session.defaultSession, warn)
  // The dev server's page needs Vite's inline scripts; the built page gets the strict policy.
  if (!devServerUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }),
    )
  }
  registerIpc(ipcMain, core.dispatchAsync, () => laptop.principal(), pageUrl)
  registerShellIpc(ipcMain, (request) => laptop.answer(request), pageUrl)
  forwardLiveChanges(core.live, (channel, changes) => mainWindow?.webContents.send(channel, changes))

  ordinaryMenu = Menu.getApplicationMenu()
  setKioskMenu(laptop.inKiosk())
  laptop.onKioskChange(({ on }) => {
    setKioskMenu(on)
    if (mainWindow) applyKiosk(mainWindow, on)
  })
  powerMonitor.on('shutdown', () => {
    shuttingDown = true
    app.quit()
  })

  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
}

// Scoped to the data folder, so a second Ticketi on another --data-dir may run beside this one.
const dataDir = launch.dataDir ?? (process.env.TICKETI_DATA_DIR && resolve(process.env.TICKETI_DATA_DIR))
if (dataDir) app.setPath('userData', dataDir)

if (!app.requestSingleInstanceLock()) {
  // Another Ticketi has this database open: it comes to the front instead.
  app.quit()
} else {
  app.on('second-instance', focusWindow)
  app.on('web-contents-created', (_event, contents) => guardContents(contents, isOurs, warn))

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(error)
      dialog.showErrorBox('Ticketi cannot start', error instanceof Error ? error.message : String(error))
      app.exit(1)
    })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('before-quit', (event) => {
    if (kioskHolds()) event.preventDefault()
  })

  app.on('will-quit', () => {
    core?.close()
    core = null
  })
}

// ── Email ────────────────────────────────────────────────────────────────────
// The SMTP password is sealed with Electron's safeStorage (the OS keychain).
// Where there is none (Linux without a keyring falls back to a fixed key), the
// core's own key file in the user data folder is the better choice.
function keychainSecretBox(): SecretBox | undefined {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
  if (!safeStorage.isEncryptionAvailable() || weak) return undefined
  return {
    available: true,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}
