// The Electron entry, with electron mocked: Electron itself cannot start here.
import { afterAll, describe, expect, it, vi } from 'vitest'
import { tempDir } from './test-support'

const userData = tempDir()
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  const windows: Array<{ options: Record<string, unknown> }> = []
  const appListeners = new Map<string, () => void>()
  return { handlers, windows, appListeners, userData: '' }
})

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => electron.windows
    options: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      this.options = options
      electron.windows.push(this)
    }
    once() {}
    loadFile = vi.fn(async () => {})
    loadURL = vi.fn(async () => {})
    show() {}
  }
  return {
    app: {
      isPackaged: false,
      getAppPath: () => process.cwd(),
      getPath: () => electron.userData,
      whenReady: () => Promise.resolve(),
      on: (name: string, fn: () => void) => electron.appListeners.set(name, fn),
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
        electron.handlers.set(channel, fn),
    },
  }
})

afterAll(() => {
  electron.appListeners.get('will-quit')?.()
  userData.remove()
})

describe('the Electron entry', () => {
  it('opens a locked-down window and answers IPC only from its own pages', async () => {
    electron.userData = userData.path
    await import('./index')
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1))
    expect(electron.windows[0]!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    })
    const call = electron.handlers.get('ticketi:call')!
    const ours = { senderFrame: { url: 'file:///app/out/renderer/index.html' } }
    const created = call(ours, 'createEvent', {
      name: 'Jazz',
      starts_at: '2026-12-01T20:00:00Z',
      capacity: 10,
    })
    expect(created).toMatchObject({ ok: true, value: { name: 'Jazz' } })
    expect(call(ours, 'listEvents', {})).toMatchObject({ ok: true, value: [{ name: 'Jazz' }] })
    const foreign = { senderFrame: { url: 'https://evil.example/' } }
    expect(call(foreign, 'listEvents', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
