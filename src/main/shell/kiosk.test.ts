import { describe, expect, it, vi } from 'vitest'
import { applyKiosk, isKioskEscape, lockDownKiosk, type KeyInput, type KioskWindow } from './kiosk'

const key = (k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
})

describe('the shortcuts a kiosk swallows', () => {
  it.each([
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Cmd+W', key('w', { meta: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Cmd+Q', key('q', { meta: true })],
    ['Ctrl+Shift+W', key('W', { control: true, shift: true })],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F5', key('F5')],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Cmd+H', key('h', { meta: true })],
    ['Cmd+M', key('m', { meta: true })],
    ['Ctrl+N', key('n', { control: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Cmd+Ctrl+F', key('f', { meta: true, control: true })],
  ])('%s', (_name, input) => {
    expect(isKioskEscape(input)).toBe(true)
  })

  it.each([
    ['a digit', key('7')],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Escape', key('Escape')],
    ['F4 alone', key('F4')],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['a capital Q', key('Q', { shift: true })],
  ])('but not %s, which the keypad and scanner need', (_name, input) => {
    expect(isKioskEscape(input)).toBe(false)
  })
})

function fakeWindow() {
  const handlers = new Map<string, (...args: never[]) => void>()
  const window = {
    on: (event: string, listener: (...args: never[]) => void) => handlers.set(event, listener),
    setKiosk: vi.fn(),
    setFullScreen: vi.fn(),
    setAutoHideMenuBar: vi.fn(),
    setMenuBarVisibility: vi.fn(),
    webContents: {
      on: (event: string, listener: (...args: never[]) => void) => handlers.set(event, listener),
      closeDevTools: vi.fn(),
    },
  }
  const fire = (event: string, ...args: unknown[]) => {
    const preventDefault = vi.fn()
    ;(handlers.get(event) as (...a: unknown[]) => void)({ preventDefault }, ...args)
    return preventDefault.mock.calls.length > 0
  }
  return { window: window as unknown as KioskWindow & typeof window, fire, handlers }
}

describe('the kiosk lockdown', () => {
  it('cancels closing and swallows the shortcuts only while kiosk mode holds', () => {
    let kiosk = true
    const { window, fire } = fakeWindow()
    lockDownKiosk(window, () => kiosk)
    expect(fire('close')).toBe(true)
    expect(fire('before-input-event', key('q', { control: true }))).toBe(true)
    expect(fire('before-input-event', key('5'))).toBe(false)
    kiosk = false
    expect(fire('close')).toBe(false)
    expect(fire('before-input-event', key('q', { control: true }))).toBe(false)
  })

  it('shuts devtools as soon as they open in kiosk mode', () => {
    let kiosk = false
    const { window, handlers } = fakeWindow()
    lockDownKiosk(window, () => kiosk)
    const opened = handlers.get('devtools-opened') as () => void
    opened()
    expect(window.webContents.closeDevTools).not.toHaveBeenCalled()
    kiosk = true
    opened()
    expect(window.webContents.closeDevTools).toHaveBeenCalledOnce()
  })

  it('switches an open window into kiosk mode and back', () => {
    const { window } = fakeWindow()
    applyKiosk(window, true)
    expect(window.setKiosk).toHaveBeenLastCalledWith(true)
    expect(window.setFullScreen).toHaveBeenLastCalledWith(true)
    expect(window.setMenuBarVisibility).toHaveBeenLastCalledWith(false)
    expect(window.webContents.closeDevTools).toHaveBeenCalled()
    applyKiosk(window, false)
    expect(window.setKiosk).toHaveBeenLastCalledWith(false)
    expect(window.setFullScreen).toHaveBeenLastCalledWith(false)
    expect(window.setMenuBarVisibility).toHaveBeenLastCalledWith(true)
  })
})
