// The Electron entry: the only file of the main process that imports electron.
// It wires Electron's objects to the Electron-free pieces in ./shell, which
// hold the rules (window options, guards, kiosk lockdown, the session).
import { join, resolve } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  safeStorage,
  session,
} from 'electron'
import { operations, type OperationName } from '../shared/contract'
import { TicketiError, type Outcome } from '../shared/errors'
import { USB_PROGRESS_CHANNEL, type ShellState } from '../shared/ipc'
import type { Principal } from '../shared/principal'
import type { Role } from '../shared/views'
import { openCore, type Core } from './core'
import type { AsyncDispatch } from './dispatcher'
import type { SecretBox } from './mail/context'
import { keyFileSecretBox } from './mail/secrets'
import { serveCore } from './http/endpoint'
import { forwardLiveChanges, registerIpc, registerSharingIpc, registerShellIpc, registerUsbIpc } from './ipc'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppHandler } from './shell/app-protocol'
import { appUrl, isAppUrl } from './shell/app-url'
import { parseLaunchArguments } from './shell/command-line'
import { denyPermissions, guardContents } from './shell/guards'
import { applyKiosk, lockDownKiosk } from './shell/kiosk'
import { createShellSession } from './shell/session'
import { createSharing, withJoinUrl, type Sharing } from './shell/sharing'
import { createStationLink, fileVault, type StationLink } from './shell/station'
import { createStationShell } from './shell/station-shell'
import { createUsbShell } from './shell/usb'
import { mainWindowOptions, migrationsDirFor } from './shell/window'
import { createUsbExport, type UsbExport } from './usb/usb-export'

/** Long enough for the window to show that Ticketi restarts. */
const RESTART_AFTER_MS = 300
const launch = parseLaunchArguments(process.argv)
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const pageUrl = appUrl(devServerUrl)
const isOurs = (url: string) => isAppUrl(url, pageUrl)
const warn = (message: string) => console.warn(`[ticketi] ${message}`)

let core: Core | null = null
let sharing: Sharing | null = null
/** Export to a USB drive: only where this laptop holds the database. */
let usbExport: UsbExport | null = null
let station: StationLink | null = null
let windowSession: WindowSession | null = null
let stopListening: (() => void) | null = null
let mainWindow: BrowserWindow | null = null
/** The menu Electron gives the app, put back when kiosk mode ends. */
let ordinaryMenu: Menu | null = null
/** A kiosk never stands in the way of the machine shutting down: the database must close cleanly. */
let shuttingDown = false

const kioskHolds = () => !shuttingDown && (windowSession?.inKiosk() ?? false)

function createWindow(): void {
  const kiosk = windowSession?.inKiosk() ?? false
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

/** What the window talks to: this laptop's own database, or a host's over the LAN. */
interface WindowSession {
  dispatch: AsyncDispatch
  answer(request: unknown): Outcome<ShellState> | Promise<Outcome<ShellState>>
  principal(): Principal | null
  inKiosk(): boolean
  onKioskChange(listener: (kiosk: ShellState['kiosk']) => void): void
}

function followKiosk(session: WindowSession): WindowSession {
  session.onKioskChange(({ on }) => {
    setKioskMenu(on)
    if (mainWindow) applyKiosk(mainWindow, on)
  })
  setKioskMenu(session.inKiosk())
  if (mainWindow) applyKiosk(mainWindow, session.inKiosk())
  return session
}

/** This laptop holds the database: PINs, the local core, and "Share on the LAN". */
function asHost(link: StationLink, problems: string[]): WindowSession {
  const userData = app.getPath('userData')
  const open = openCore({
    dataDir: userData,
    migrationsDir: migrationsDirFor({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
    // Email: the outbox worker sends in this process; the SMTP password is sealed by the OS keychain.
    mail: { worker: true, secretBox: keychainSecretBox() },
    restore: launch.restore ?? undefined,
  })
  if (open.restored) warn(`Restored the backup ${open.restored.restored}`)
  core = open
  // The window hears every committed change, its own and the LAN stations'.
  forwardLiveChanges(open.live, (channel, changes) => mainWindow?.webContents.send(channel, changes))
  const laptop = createShellSession(open.store)
  // After the answer has reached the window: the database closes as at any quit (will-quit).
  laptop.onRestart(() =>
    setTimeout(() => {
      app.relaunch()
      app.quit()
    }, RESTART_AFTER_MS),
  )
  if (launch.kioskEventId !== null) {
    const started = laptop.startKiosk(launch.kioskEventId)
    if (!started.ok) problems.push(`Kiosk mode is not on: ${started.error.error}`)
  }
  // No admin token: this laptop's admin works in its own window, and stations join by pairing.
  const lan = createSharing({
    store: open.store,
    serve: (host, port) =>
      serveCore(open, {
        dataDir: userData,
        host,
        port,
        adminToken: null,
        rendererDir: join(__dirname, '../renderer'),
      }),
  })
  sharing = lan
  usbExport = createUsbExport({ dispatch: open.dispatchAsync, store: open.store })
  void lan.resume().then((state) => {
    if (state.problem) warn(`Share on the LAN is not on: ${state.problem}`)
  })
  const dispatch = withJoinUrl(open.dispatchAsync, lan)
  return {
    dispatch,
    principal: () => laptop.principal(),
    inKiosk: () => laptop.inKiosk(),
    onKioskChange: (listener) => laptop.onKioskChange(listener),
    answer(request) {
      if (!isJoinRequest(request)) return laptop.answer(request)
      // Only a laptop with nothing in it yet becomes a station: its own database is then left alone.
      if (!laptop.state().needs_setup) {
        return refused('FORBIDDEN', 'This laptop already holds a database: it cannot join another host.')
      }
      return joinHost(link, request)
    },
  }
}

/** This laptop is a station: the host holds the database, and the window follows the link. */
function asStation(link: StationLink, problems: string[]): WindowSession {
  const station = createStationShell(link)
  // The window hears the host's changes, as a browser station does; the stream ends when the host refuses it.
  stopListening?.()
  stopListening = forwardLiveChanges({ onChanges: (listener) => link.listen(listener) }, (channel, changes) =>
    mainWindow?.webContents.send(channel, changes),
  )
  if (launch.kioskEventId !== null) {
    if (link.joined()) station.startKiosk(launch.kioskEventId)
    else problems.push('Kiosk mode is not on: join the host first.')
  }
  return {
    dispatch: (name, input, who) => {
      // The host knows the laptop as whatever it was paired as; a kiosk is the door, checked here.
      const spec = operations[name as OperationName] as { roles: readonly Role[] } | undefined
      if (spec && !spec.roles.includes(who.role)) {
        return Promise.resolve({
          ok: false,
          error: new TicketiError('FORBIDDEN', `A ${who.role} station may not do "${name}".`).toEnvelope(),
        })
      }
      return link.call(name, input)
    },
    principal: () => station.principal(),
    inKiosk: () => station.inKiosk(),
    onKioskChange: (listener) => station.onKioskChange(listener),
    answer(request) {
      if (isJoinRequest(request) && !link.joined()) return joinHost(link, request)
      // A revoked station may also become the laptop that holds the database.
      if (!link.joined() && (request as { action?: unknown })?.action === 'setup' && !core) {
        windowSession = followKiosk(asHost(link, []))
        return windowSession.answer(request)
      }
      return station.answer(request)
    },
  }
}

function isJoinRequest(request: unknown): request is { action: 'joinHost'; address: unknown; code: unknown } {
  return (
    typeof request === 'object' && request !== null && (request as { action?: unknown }).action === 'joinHost'
  )
}

function refused(code: 'FORBIDDEN' | 'VALIDATION', message: string): Outcome<ShellState> {
  return { ok: false, error: new TicketiError(code, message).toEnvelope() }
}

async function joinHost(
  link: StationLink,
  request: { address: unknown; code: unknown },
): Promise<Outcome<ShellState>> {
  if (
    typeof request.address !== 'string' ||
    typeof request.code !== 'string' ||
    request.address.length > 500
  ) {
    return refused('VALIDATION', 'Type the host address and the 8-digit pairing code.')
  }
  try {
    await link.join(request.address, request.code.replace(/\s/g, ''))
  } catch (error) {
    if (error instanceof TicketiError) return { ok: false, error: error.toEnvelope() }
    throw error
  }
  // The empty local database closes: from now on the host's is the one.
  const local = core
  const lan = sharing
  core = null
  usbExport = null
  sharing = null
  await lan?.close()
  if (local) await local.mail.stop().finally(() => local.close())
  windowSession = followKiosk(asStation(link, []))
  return windowSession.answer({ action: 'state' })
}

function start(): void {
  const userData = app.getPath('userData')
  const link = createStationLink({
    vault: fileVault(userData, keychainSecretBox() ?? keyFileSecretBox(userData)),
  })
  station = link
  const problems = [...launch.problems]
  ordinaryMenu = Menu.getApplicationMenu()
  windowSession = followKiosk(link.joined() ? asStation(link, problems) : asHost(link, problems))
  if (problems.length > 0) {
    problems.forEach(warn)
    dialog.showErrorBox('Ticketi: check the command line', problems.join('\n'))
  }

  denyPermissions(session.defaultSession, warn)
  // The built page, with the strict policy on every answer; the dev server's page needs Vite's inline scripts.
  if (!devServerUrl) protocol.handle(APP_SCHEME, createAppHandler(join(__dirname, '../renderer')))
  registerIpc(
    ipcMain,
    (name, input, who) => windowSession!.dispatch(name, input, who),
    () => windowSession?.principal() ?? null,
    pageUrl,
  )
  registerShellIpc(ipcMain, (request) => windowSession!.answer(request), pageUrl)
  registerSharingIpc(
    ipcMain,
    async (request) =>
      sharing
        ? sharing.answer(request, windowSession?.principal() ?? null)
        : {
            ok: false,
            error: new TicketiError(
              'FORBIDDEN',
              'A station cannot share: the host holds the database.',
            ).toEnvelope(),
          },
    pageUrl,
  )

  registerUsbIpc(
    ipcMain,
    createUsbShell(
      () => usbExport,
      () => windowSession?.principal() ?? null,
      (progress) => mainWindow?.webContents.send(USB_PROGRESS_CHANNEL, progress),
    ),
    pageUrl,
  )

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

// Only before the app is ready may a scheme become standard and secure, as https is.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])

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

  app.on('will-quit', (event?: { preventDefault(): void }) => {
    station?.stop()
    if (!core) return
    // The LAN endpoint closes first, so no station's request meets a closed database.
    const lan = sharing
    sharing = null
    if (lan?.state().on) {
      event?.preventDefault()
      void lan
        .close()
        .catch(warn)
        .finally(() => app.quit())
      return
    }
    core.close()
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
