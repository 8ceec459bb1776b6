// Electron's security checklist, applied to every web page the app ever creates:
// no leaving our page, no new windows, no <webview>, no permissions. The entry
// passes Electron's objects in; tests pass look-alikes.

export interface NavigationAttempt {
  url: string
  preventDefault(): void
}

export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    listener: (e: NavigationAttempt) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void
}

export type Warn = (message: string) => void

export function guardContents(contents: GuardedContents, isOurs: (url: string) => boolean, warn: Warn): void {
  const stayOnOurPage = (attempt: NavigationAttempt) => {
    if (isOurs(attempt.url)) return
    attempt.preventDefault()
    warn(`Blocked navigation to ${attempt.url}`)
  }
  contents.on('will-navigate', stayOnOurPage)
  contents.on('will-frame-navigate', stayOnOurPage)
  contents.on('will-redirect', stayOnOurPage)
  contents.on('will-attach-webview', (e) => {
    e.preventDefault()
    warn('Blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    warn(`Blocked a new window for ${url}`)
    return { action: 'deny' }
  })
}

/** Ticketi needs no camera, microphone, location or notifications: a USB scanner types like a keyboard. */
export function denyPermissions(session: GuardedSession, warn: Warn): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    warn(`Refused the permission "${permission}"`)
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
}
