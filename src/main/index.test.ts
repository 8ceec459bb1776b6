// The Electron entry, with electron mocked: Electron itself cannot start here.
// Each test imports the entry afresh with its own command line, as a launch would.
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Outcome } from '../shared/errors'
import {
  IPC_CHANNEL,
  SHARING_CHANNEL,
  SHELL_CHANNEL,
  type SharingState,
  type ShellState,
} from '../shared/ipc'
import { CONTENT_SECURITY_POLICY } from './shell/window'
import type { PairingView } from '../shared/views'
import { invoke } from './dispatcher'
import { startHost, type RunningHost } from './headless'
import { ADMIN, tempDir } from '../../test/support/core'

type Listener = (...args: any[]) => any // eslint-disable-line @typescript-eslint/no-explicit-any

const electron = vi.hoisted(() => ({
  windows: [] as any[], // eslint-disable-line @typescript-eslint/no-explicit-any
  handlers: new Map<string, Listener>(),
  appListeners: new Map<string, Listener>(),
  gotLock: true,
}))

vi.mock('electron', () => {
  /** Calls the listener with a cancellable event; answers whether it was cancelled. */
  function fireOn(listeners: Map<string, Listener>, event: string, args: unknown[]): boolean {
    const preventDefault = vi.fn()
    listeners.get(event)?.({ preventDefault }, ...args)
    return preventDefault.mock.calls.length > 0
  }
  class WebContents {
    listeners = new Map<string, Listener>()
    openHandler: Listener = () => ({ action: 'allow' })
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener)
      return this
    }
    setWindowOpenHandler(handler: Listener) {
      this.openHandler = handler
    }
    closeDevTools = vi.fn()
    fire(event: string, ...args: unknown[]) {
      return fireOn(this.listeners, event, args)
    }
    open(url: string) {
      return this.openHandler({ url })
    }
    /** A navigation the page starts; answers whether it was cancelled. */
    navigate(event: string, url: string) {
      const preventDefault = vi.fn()
      this.listeners.get(event)?.({ url, preventDefault })
      return preventDefault.mock.calls.length > 0
    }
  }
  class BrowserWindow {
    static getAllWindows = () => electron.windows
    listeners = new Map<string, Listener>()
    webContents = new WebContents()
    constructor(public options: Record<string, unknown>) {
      electron.windows.push(this)
      electron.appListeners.get('web-contents-created')?.({}, this.webContents)
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener)
      return this
    }
    once = this.on
    fire(event: string, ...args: unknown[]) {
      return fireOn(this.listeners, event, args)
    }
    loadURL = vi.fn(async () => {})
    show = vi.fn()
    focus = vi.fn()
    restore = vi.fn()
    isMinimized = () => false
    setKiosk = vi.fn()
    setFullScreen = vi.fn()
    setAutoHideMenuBar = vi.fn()
    setMenuBarVisibility = vi.fn()
  }
  const paths = new Map<string, string>()
  return {
    app: {
      isPackaged: false,
      getAppPath: () => process.cwd(),
      setPath: vi.fn((name: string, path: string) => paths.set(name, path)),
      getPath: (name: string) => paths.get(name),
      requestSingleInstanceLock: vi.fn(() => electron.gotLock),
      whenReady: vi.fn(() => Promise.resolve()),
      on: (name: string, fn: Listener) => electron.appListeners.set(name, fn),
      quit: vi.fn(),
      exit: vi.fn(),
      relaunch: vi.fn(),
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: Listener) => electron.handlers.set(channel, fn) },
    Menu: { getApplicationMenu: () => 'the default menu', setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    // No keychain here: the core seals the SMTP password with its own key file instead.
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
    powerMonitor: { on: (name: string, fn: Listener) => electron.appListeners.set(`power:${name}`, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  }
})

const { app, dialog, Menu, protocol, session } = await import('electron')
const PINS = { admin: '918273', boxoffice: '2468', door: '1357' }
const PAGE = 'app://ticketi/index.html'
const OURS = { senderFrame: { url: `${PAGE}#/door` } }
const FOREIGN = { senderFrame: { url: 'https://evil.example/' } }

let dataDir = tempDir()

/** Starts the entry as `ticketi ...args --data-dir <this test's folder>` and waits for its window. */
async function launch(...args: string[]) {
  const argv = process.argv
  process.argv = ['/opt/Ticketi/ticketi', ...args, '--data-dir', dataDir.path]
  try {
    vi.resetModules()
    await import('./index')
  } finally {
    process.argv = argv
  }
  await vi.waitFor(() => expect(electron.windows).toHaveLength(1))
  const window = electron.windows[0]!
  return {
    window,
    // Awaited, as the preload's ipcRenderer.invoke does: a handler may answer with a promise.
    call: async (name: string, input: unknown, sender = OURS) =>
      (await electron.handlers.get(IPC_CHANNEL)!(sender, name, input)) as Outcome<unknown>,
    shell: async (request: unknown, sender = OURS) =>
      (await electron.handlers.get(SHELL_CHANNEL)!(sender, request)) as Outcome<ShellState>,
    sharing: async (request: unknown, sender = OURS) =>
      (await electron.handlers.get(SHARING_CHANNEL)!(sender, request)) as Outcome<SharingState>,
    quitIsCancelled: () => {
      const preventDefault = vi.fn()
      electron.appListeners.get('before-quit')!({ preventDefault })
      return preventDefault.mock.calls.length > 0
    },
  }
}

function quit() {
  electron.appListeners.get('will-quit')?.()
  electron.windows.length = 0
  electron.handlers.clear()
  electron.appListeners.clear()
  vi.clearAllMocks()
}

let warnings: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  warnings.mockRestore()
  quit()
  dataDir.remove()
  dataDir = tempDir()
})
afterAll(() => dataDir.remove())

async function setUpWithEvent(launched: Awaited<ReturnType<typeof launch>>): Promise<number> {
  await launched.shell({ action: 'setup', pins: PINS })
  const event = await launched.call('createEvent', {
    name: 'Jazz',
    starts_at: '2026-12-01T20:00:00Z',
    capacity: 10,
  })
  return (event as { value: { id: number } }).value.id
}

describe('the Electron entry', () => {
  it('opens a locked-down window on our own page, in the data folder of --data-dir', async () => {
    const { window } = await launch()
    expect(app.setPath).toHaveBeenCalledWith('userData', dataDir.path)
    expect(app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(window.options).not.toHaveProperty('kiosk')
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: true,
    })
    expect(window.options.webPreferences.preload).toMatch(/preload[/\\]index\.js$/)
    expect(window.loadURL.mock.calls).toEqual([[PAGE]])
  })

  it('denies navigation away, new windows and every permission, and sends the strict policy', async () => {
    const { window } = await launch()
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(window.webContents.navigate(event, 'https://evil.example/')).toBe(true)
      expect(window.webContents.navigate(event, 'file:///etc/passwd')).toBe(true)
      expect(window.webContents.navigate(event, `${PAGE}#/events`)).toBe(false)
    }
    expect(window.webContents.navigate('will-attach-webview', PAGE)).toBe(true)
    expect(window.webContents.open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(warnings).toHaveBeenCalledWith('[ticketi] Blocked navigation to https://evil.example/')

    const request = vi.mocked(session.defaultSession.setPermissionRequestHandler).mock.calls[0]![0]!
    const granted = vi.fn()
    request({} as never, 'media', granted, {} as never)
    expect(granted).toHaveBeenCalledWith(false)
    const check = vi.mocked(session.defaultSession.setPermissionCheckHandler).mock.calls[0]![0]!
    expect(check({} as never, 'geolocation', '', {} as never)).toBe(false)

    // Our page comes from app://, registered as privileged before ready; under test from src/renderer.
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ])
    expect(vi.mocked(app.whenReady).mock.invocationCallOrder[0]).toBeGreaterThan(
      vi.mocked(protocol.registerSchemesAsPrivileged).mock.invocationCallOrder[0]!,
    )
    const [scheme, serve] = vi.mocked(protocol.handle).mock.calls[0]!
    expect(scheme).toBe('app')
    const page = await serve(new Request(`${PAGE}#/door`) as never)
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await page.text()).toContain('<div id="root"></div>')
    expect(window.webContents.navigate('will-navigate', 'file:///app/out/renderer/index.html')).toBe(true)
  })

  it('runs nothing before sign-in, then runs operations as the operator the PIN belongs to', async () => {
    const { call, shell } = await launch()
    expect(await shell({ action: 'state' })).toMatchObject({
      ok: true,
      value: { needs_setup: true, operator: null },
    })
    expect(await call('listEvents', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(await shell({ action: 'setup', pins: PINS })).toMatchObject({
      ok: true,
      value: { needs_setup: false },
    })
    const jazz = { name: 'Jazz', starts_at: '2026-12-01T20:00:00Z', capacity: 10 }
    expect(await call('createEvent', jazz)).toMatchObject({ ok: true, value: { name: 'Jazz' } })
    expect(await call('whoAmI', {})).toMatchObject({ ok: true, value: { role: 'admin', operator: 'Admin' } })

    await shell({ action: 'signIn', role: 'door', pin: PINS.door })
    expect(await call('createEvent', jazz)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('listEvents', {})).toMatchObject({ ok: true, value: [{ name: 'Jazz' }] })
  })

  it('restarts itself when an admin asks, after answering, so a restore asked for is put back', async () => {
    const { shell } = await launch()
    await shell({ action: 'setup', pins: PINS })
    await shell({ action: 'signIn', role: 'door', pin: PINS.door })
    expect(await shell({ action: 'restart' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await shell({ action: 'signOut', admin_pin: PINS.admin })
    await shell({ action: 'signIn', role: 'admin', pin: PINS.admin })
    expect(await shell({ action: 'restart' })).toMatchObject({ ok: true })
    // Answered first: the window shows that Ticketi restarts, then the app closes and starts again.
    expect(app.relaunch).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(app.relaunch).toHaveBeenCalledTimes(1))
    expect(app.quit).toHaveBeenCalledTimes(1)
  })

  it('refuses both channels to a page that is not ours', async () => {
    const { call, shell } = await launch()
    expect(await shell({ action: 'setup', pins: PINS }, FOREIGN)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    })
    expect(await shell({ action: 'state' })).toMatchObject({ value: { needs_setup: true } })
    expect(await call('listEvents', {}, FOREIGN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('the desktop app as the LAN host', () => {
  const healthy = (url: string) =>
    fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    )

  /** Quits as Electron does: will-quit again once the endpoint has closed and app.quit was called. */
  async function quitSharing() {
    const preventDefault = vi.fn()
    electron.appListeners.get('will-quit')!({ preventDefault })
    expect(preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled())
    quit()
  }

  it('shares its own open core on 127.0.0.1 when an admin turns it on, and again after a restart', async () => {
    const first = await launch()
    await setUpWithEvent(first)
    const asked = { action: 'set', on: true, address: '127.0.0.1', port: 0 }
    expect(await first.sharing(asked, FOREIGN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const on = await first.sharing(asked)
    if (!on.ok) throw new Error(on.error.error)
    const url = on.value.station_urls[0]!
    expect(await healthy(url)).toBe(true)

    // A pairing made in the window carries the join link of the chosen address; a station pairs with it.
    const made = (await first.call('createPairing', { name: 'Door 2', role: 'door' })) as Outcome<{
      pairing_code: string
      join_url: string
    }>
    if (!made.ok) throw new Error(made.error.error)
    expect(made.value.join_url).toBe(`${url}/#/join?code=${made.value.pairing_code}`)
    const paired = await fetch(`${url}/api/v1/session/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairing_code: made.value.pairing_code }),
    })
    expect(paired.status).toBe(201)
    const { access_token } = (await paired.json()) as { access_token: string }
    const events = await fetch(`${url}/api/v1/events`, {
      headers: { authorization: `Bearer ${access_token}` },
    })
    expect(await events.json()).toMatchObject([{ name: 'Jazz' }])

    // Fixed on the port it got, so the restart must listen there again.
    const port = Number(new URL(url).port)
    await first.sharing({ ...asked, port })
    await quitSharing()
    expect(await healthy(url)).toBe(false)

    const second = await launch()
    await vi.waitFor(async () => expect(await healthy(url)).toBe(true))
    await second.shell({ action: 'signIn', role: 'admin', pin: PINS.admin })
    expect(await second.sharing({ action: 'get' })).toMatchObject({ ok: true, value: { on: true, port } })
    expect(await second.sharing({ ...asked, on: false, port })).toMatchObject({
      ok: true,
      value: { on: false },
    })
    expect(await healthy(url)).toBe(false)
  })

  it('keeps sharing to admins: the door and a signed-out window are refused', async () => {
    const launched = await launch()
    const asked = { action: 'set', on: true, address: '127.0.0.1', port: 0 }
    expect(await launched.sharing(asked)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    await launched.shell({ action: 'setup', pins: PINS })
    await launched.shell({ action: 'signIn', role: 'door', pin: PINS.door })
    expect(await launched.sharing(asked)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('the desktop app as a station of another host', () => {
  const HOST_TOKEN = 'station-entry-admin-token-0123456789'
  let hostDir = tempDir()
  let host: RunningHost | null = null
  afterEach(async () => {
    await host?.close()
    host = null
    hostDir.remove()
    hostDir = tempDir()
  })
  const startHostOn = (port = 0) =>
    startHost({ dataDir: hostDir.path, port, adminToken: HOST_TOKEN, logError: () => {} })
  const pairing = (role: 'door' | 'admin' = 'door') =>
    invoke(host!.core.dispatch, 'createPairing', { name: 'Door laptop', role }, ADMIN) as PairingView

  it('joins by code, works on the host’s database, rides out a host restart, and is sent back when revoked', async () => {
    host = await startHostOn()
    const port = Number(new URL(host.url).port)
    const night = invoke(
      host.core.dispatch,
      'createEvent',
      { name: 'Jazz', starts_at: '2026-12-01T20:00:00Z', capacity: 9 },
      ADMIN,
    )
    const launched = await launch()
    expect(await launched.shell({ action: 'state' })).toMatchObject({ value: { needs_setup: true } })
    const wrong = await launched.shell({ action: 'joinHost', address: host.url, code: '00000000' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })

    // A pasted join link carries the address; the code is typed with a space, as it is shown.
    const code = pairing().pairing_code
    const joined = await launched.shell({
      action: 'joinHost',
      address: `${host.url}/#/join?code=${code}`,
      code: `${code.slice(0, 4)} ${code.slice(4)}`,
    })
    expect(joined).toMatchObject({
      ok: true,
      value: {
        needs_setup: false,
        operator: { name: 'Door laptop', role: 'door' },
        station: { host: host.url, role: 'door' },
        connection: { state: 'connected' },
      },
    })
    expect(await launched.call('listEvents', {})).toMatchObject({ ok: true, value: [{ id: night.id }] })
    expect(await launched.sharing({ action: 'get' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    // PINs live on the host: a station has none to set.
    expect(await launched.shell({ action: 'setup', pins: PINS })).toMatchObject({ ok: false })

    await host.close()
    expect(await launched.call('listEvents', {})).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    const lost = await launched.shell({ action: 'state' })
    expect(['reconnecting', 'unreachable']).toContain((lost as { value: ShellState }).value.connection?.state)
    host = await startHostOn(port)
    await vi.waitFor(
      async () =>
        expect(await launched.shell({ action: 'state' })).toMatchObject({
          value: { connection: { state: 'connected' } },
        }),
      { timeout: 15_000, interval: 100 },
    )
    expect(await launched.call('listEvents', {})).toMatchObject({ ok: true })

    const station = (joined as { value: ShellState }).value.station!
    const id = host.core.store.sqlite
      .prepare(`SELECT id FROM station WHERE name = ?`)
      .pluck()
      .get(station.name) as number
    invoke(host.core.dispatch, 'revokeStation', { station_id: id }, ADMIN)
    expect(await launched.call('listEvents', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    })
    expect(await launched.shell({ action: 'state' })).toMatchObject({
      value: { needs_setup: true, station: null, connection: { state: 'not joined' } },
    })
  })

  it('starts as a door kiosk of the host’s event from --kiosk --event ID', async () => {
    host = await startHostOn()
    const night = invoke(
      host.core.dispatch,
      'createEvent',
      { name: 'Jazz', starts_at: '2026-12-01T20:00:00Z', capacity: 9 },
      ADMIN,
    )
    invoke(host.core.dispatch, 'seedInventory', { event_id: night.id, count: 2 }, ADMIN)
    const sale = invoke(
      host.core.dispatch,
      'assign',
      { event_id: night.id, customer: { name: 'Nina Simone', email: 'nina@example.com' } },
      ADMIN,
    )
    const first = await launch()
    await first.shell({ action: 'joinHost', address: host.url, code: pairing('admin').pairing_code })
    // An admin station turns it on from Settings too: the open window locks at once.
    expect(await first.shell({ action: 'enterKiosk', event_id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await first.shell({ action: 'enterKiosk', event_id: night.id })).toMatchObject({
      ok: true,
      value: { kiosk: { on: true, event_id: night.id } },
    })
    expect(first.window.setKiosk).toHaveBeenCalledWith(true)
    expect(await first.shell({ action: 'leaveKiosk', admin_pin: '918273' })).toMatchObject({ ok: false })
    quit()

    const { window, call, shell, quitIsCancelled } = await launch('--kiosk', '--event', String(night.id))
    expect(window.options).toMatchObject({ kiosk: true })
    expect(await shell({ action: 'state' })).toMatchObject({
      value: {
        kiosk: { on: true, event_id: night.id },
        operator: { role: 'door' },
        station: { role: 'admin' },
      },
    })
    expect(quitIsCancelled()).toBe(true)
    const code = sale.tickets[0]!.short_code!
    expect(await call('checkIn', { event_id: night.id, code })).toMatchObject({
      ok: true,
      value: { result: 'OK' },
    })
    // The kiosk is the door, whatever the laptop was paired as: nothing an admin may do.
    expect(
      await call('createEvent', { name: 'Other', starts_at: '2026-12-02T20:00:00Z', capacity: 9 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    electron.appListeners.get('power:shutdown')!()
  })
})

describe('kiosk mode', () => {
  it('locks the open window when an admin turns it on, until the admin PIN is given', async () => {
    const launched = await launch()
    const { window, call, shell, quitIsCancelled } = launched
    const eventId = await setUpWithEvent(launched)
    expect(window.fire('close')).toBe(false)

    expect(await shell({ action: 'enterKiosk', event_id: eventId })).toMatchObject({
      ok: true,
      value: { kiosk: { on: true, event_id: eventId } },
    })
    expect(window.setKiosk).toHaveBeenLastCalledWith(true)
    expect(window.setFullScreen).toHaveBeenLastCalledWith(true)
    expect(Menu.setApplicationMenu).toHaveBeenLastCalledWith(null)
    expect(window.fire('close')).toBe(true)
    expect(quitIsCancelled()).toBe(true)
    const ctrlQ = { key: 'q', control: true, meta: false, alt: false, shift: false }
    expect(window.webContents.fire('before-input-event', ctrlQ)).toBe(true)
    expect(await call('whoAmI', {})).toMatchObject({ value: { role: 'door', station: 'door kiosk' } })

    expect(await shell({ action: 'leaveKiosk', admin_pin: PINS.door })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    })
    expect(window.fire('close')).toBe(true)
    expect(await shell({ action: 'leaveKiosk', admin_pin: PINS.admin })).toMatchObject({ ok: true })
    expect(window.setKiosk).toHaveBeenLastCalledWith(false)
    expect(Menu.setApplicationMenu).toHaveBeenLastCalledWith('the default menu')
    expect(window.fire('close')).toBe(false)
    expect(quitIsCancelled()).toBe(false)
    expect(window.webContents.fire('before-input-event', ctrlQ)).toBe(false)
  })

  it('starts from --kiosk --event ID as a fullscreen kiosk without menu or devtools', async () => {
    const id = await setUpWithEvent(await launch())
    quit()

    const { window, shell } = await launch('--kiosk', '--event', String(id))
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true })
    expect(window.options.webPreferences.devTools).toBe(false)
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null)
    expect(await shell({ action: 'state' })).toMatchObject({ value: { kiosk: { on: true, event_id: id } } })
    expect(window.fire('close')).toBe(true)
    expect(dialog.showErrorBox).not.toHaveBeenCalled()
    expect(await shell({ action: 'leaveKiosk', admin_pin: PINS.admin })).toMatchObject({ ok: true })
  })

  it('lets the machine shut down even in kiosk mode', async () => {
    const launched = await launch()
    const { window, shell, quitIsCancelled } = launched
    await shell({ action: 'enterKiosk', event_id: await setUpWithEvent(launched) })
    expect(quitIsCancelled()).toBe(true)
    electron.appListeners.get('power:shutdown')!()
    expect(app.quit).toHaveBeenCalled()
    expect(quitIsCancelled()).toBe(false)
    expect(window.fire('close')).toBe(false)
  })

  it('explains a bad command line in a dialog and starts an ordinary window', async () => {
    const { window } = await launch('--kiosk', '--event', 'jazz')
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Ticketi: check the command line',
      expect.stringContaining('--event needs an event number like --event 3, not "jazz"'),
    )
    expect(window.options).not.toHaveProperty('kiosk')
  })
})

describe('a damaged database', () => {
  it('is not opened: the app says which file and what to do, and stops', async () => {
    writeFileSync(join(dataDir.path, 'ticketi.db'), '')
    const argv = process.argv
    process.argv = ['/opt/Ticketi/ticketi', '--data-dir', dataDir.path]
    try {
      vi.resetModules()
      await import('./index')
    } finally {
      process.argv = argv
    }
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1))
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Ticketi cannot start',
      expect.stringContaining(
        `Ticketi did not open the database ${join(dataDir.path, 'ticketi.db')}: the file is empty`,
      ),
    )
    expect(electron.windows).toHaveLength(0)
    expect(statSync(join(dataDir.path, 'ticketi.db')).size).toBe(0)
  })
})

describe('a second Ticketi on the same data folder', () => {
  it('quits at once without opening the database, and the first comes to the front', async () => {
    const first = await launch()
    const focusSecond = electron.appListeners.get('second-instance')!
    electron.gotLock = false
    try {
      vi.mocked(app.whenReady).mockClear()
      const argv = process.argv
      process.argv = ['/opt/Ticketi/ticketi', '--data-dir', dataDir.path]
      vi.resetModules()
      await import('./index')
      process.argv = argv
      expect(app.quit).toHaveBeenCalled()
      expect(app.whenReady).not.toHaveBeenCalled()
      expect(electron.windows).toHaveLength(1)
    } finally {
      electron.gotLock = true
    }
    focusSecond()
    expect(first.window.focus).toHaveBeenCalled()
  })
})
