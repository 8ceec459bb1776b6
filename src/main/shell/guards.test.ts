import { describe, expect, it, vi } from 'vitest'
import { denyPermissions, guardContents, type GuardedContents, type NavigationAttempt } from './guards'

const OURS = 'file:///app/out/renderer/index.html'

function fakeContents() {
  const listeners = new Map<string, (e: NavigationAttempt) => void>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  const contents: GuardedContents = {
    on: (event: string, listener: (e: NavigationAttempt) => void) => listeners.set(event, listener),
    setWindowOpenHandler: (handler) => {
      openHandler = handler
    },
  }
  const attempt = (event: string, url: string) => {
    const preventDefault = vi.fn()
    listeners.get(event)!({ url, preventDefault })
    return preventDefault.mock.calls.length > 0
  }
  return { contents, attempt, open: (url: string) => openHandler!({ url }) }
}

describe('the page guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s is cancelled unless it stays on our page',
    (event) => {
      const page = fakeContents()
      const warn = vi.fn()
      guardContents(page.contents, (url) => url.startsWith(OURS), warn)
      expect(page.attempt(event, 'https://evil.example/')).toBe(true)
      expect(page.attempt(event, 'file:///etc/passwd')).toBe(true)
      expect(page.attempt(event, `${OURS}#/door`)).toBe(false)
      expect(warn).toHaveBeenCalledWith('Blocked navigation to https://evil.example/')
    },
  )

  it('denies every new window and every <webview>', () => {
    const page = fakeContents()
    guardContents(
      page.contents,
      () => true,
      () => {},
    )
    expect(page.open('https://example.com/')).toEqual({ action: 'deny' })
    expect(page.open(OURS)).toEqual({ action: 'deny' })
    expect(page.attempt('will-attach-webview', 'https://example.com/')).toBe(true)
  })
})

describe('permissions', () => {
  it('are all refused, whether requested or checked', () => {
    let request: ((c: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
    let check: ((c: unknown, permission: string) => boolean) | undefined
    denyPermissions(
      { setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) },
      () => {},
    )
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid']) {
      const callback = vi.fn()
      request!({}, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
      expect(check!({}, permission)).toBe(false)
    }
  })
})
