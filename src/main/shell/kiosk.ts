// Kiosk mode's lockdown of the window: a door laptop shows the Door page and
// nothing else until an admin PIN is given. Electron's kiosk flag is only part
// of it (and on macOS not even fullscreen), so the close and quit shortcuts are
// swallowed here, closing is cancelled, and devtools are shut as soon as they open.

/** The fields of Electron's before-input-event Input that decide. */
export interface KeyInput {
  key: string
  control: boolean
  meta: boolean
  alt: boolean
  shift: boolean
}

const COMMAND_KEYS = new Set(['w', 'q', 'r', 'n', 't', 'm', 'h', 'p'])
const COMMAND_SHIFT_KEYS = new Set(['i', 'j', 'c', 'r', 'w', 'q'])
const DEVTOOLS_KEYS_MAC = new Set(['i', 'j', 'c'])
const FUNCTION_KEYS = new Set(['F5', 'F11', 'F12'])

/**
 * The shortcuts that close, quit, hide, reload or leave the window, or open
 * devtools, on Linux, Windows and macOS (Ctrl or Cmd). Digits, Enter, Backspace
 * and Escape, which the keypad needs, always pass.
 */
export function isKioskEscape(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key
  const command = input.control || input.meta
  if (FUNCTION_KEYS.has(key)) return true
  if (input.alt && key === 'F4') return true
  if (command && input.shift && COMMAND_SHIFT_KEYS.has(key)) return true
  if (command && COMMAND_KEYS.has(key)) return true
  if (input.meta && input.alt && DEVTOOLS_KEYS_MAC.has(key)) return true
  return input.meta && input.control && key === 'f'
}

interface Cancellable {
  preventDefault(): void
}

export interface KioskWindow {
  on(event: 'close', listener: (event: Cancellable) => void): unknown
  setKiosk(on: boolean): void
  setFullScreen(on: boolean): void
  setAutoHideMenuBar(hide: boolean): void
  setMenuBarVisibility(visible: boolean): void
  webContents: {
    on(event: 'before-input-event', listener: (event: Cancellable, input: KeyInput) => void): unknown
    on(event: 'devtools-opened', listener: () => void): unknown
    closeDevTools(): void
  }
}

/** Listens for good: whether kiosk mode holds is asked anew on every key and every close. */
export function lockDownKiosk(window: KioskWindow, inKiosk: () => boolean): void {
  window.webContents.on('before-input-event', (event, input) => {
    if (inKiosk() && isKioskEscape(input)) event.preventDefault()
  })
  window.on('close', (event) => {
    if (inKiosk()) event.preventDefault()
  })
  window.webContents.on('devtools-opened', () => {
    if (inKiosk()) window.webContents.closeDevTools()
  })
}

/** Switches an open window into or out of kiosk mode, as the admin asked. */
export function applyKiosk(window: KioskWindow, on: boolean): void {
  window.setKiosk(on)
  window.setFullScreen(on)
  window.setAutoHideMenuBar(on)
  window.setMenuBarVisibility(!on)
  if (on) window.webContents.closeDevTools()
}
