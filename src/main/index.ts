// The Electron entry: the only file of the main process that imports electron.
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain } from 'electron'
import { openCore, type Core } from './core'
import type { Principal } from './dispatcher'
import { registerIpc } from './ipc'

// Until operators sign in with PINs, this laptop acts as its own admin station.
const LOCAL_ADMIN: Principal = { role: 'admin', station: 'this laptop', operator: 'local' }

let core: Core | null = null

function migrationsDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'drizzle') : join(app.getAppPath(), 'drizzle')
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(__dirname, '../renderer/index.html'))
}

app.whenReady().then(() => {
  core = openCore({ dataDir: app.getPath('userData'), migrationsDir: migrationsDir() })
  registerIpc(ipcMain, core.dispatch, () => LOCAL_ADMIN, process.env.ELECTRON_RENDERER_URL)
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  core?.close()
  core = null
})
