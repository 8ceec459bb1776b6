import { describe, expect, it } from 'vitest'
import { appUrl, isAppUrl } from './app-url'
import { CONTENT_SECURITY_POLICY, mainWindowOptions, migrationsDirFor } from './window'

const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
}

describe('the window options', () => {
  it('lock the page down and keep devtools for development only', () => {
    const options = mainWindowOptions({ preload: '/app/out/preload/index.js', kiosk: false, devTools: true })
    expect(options.webPreferences).toMatchObject({ ...LOCKED_DOWN, preload: '/app/out/preload/index.js' })
    expect(options.webPreferences.devTools).toBe(true)
    expect(options).not.toHaveProperty('kiosk')
    expect(mainWindowOptions({ preload: 'p', kiosk: false, devTools: false }).webPreferences.devTools).toBe(
      false,
    )
  })

  it('make a kiosk fullscreen on every platform, without menu bar or devtools', () => {
    const options = mainWindowOptions({ preload: 'p', kiosk: true, devTools: true })
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true })
    expect(options.webPreferences).toMatchObject({ ...LOCKED_DOWN, devTools: false })
  })
})

describe('the content security policy', () => {
  it('allows only our own scripts and no plugins, frames or foreign forms', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    )
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'object-src': "'none'",
      'frame-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    })
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(directives['script-src']).not.toContain('unsafe-inline')
    expect(directives['style-src']).toBe("'self'")
  })
})

describe('where the app finds its files', () => {
  it('loads the dev server while developing, else the built index.html on app://', () => {
    expect(appUrl('http://localhost:5173')).toBe('http://localhost:5173')
    expect(appUrl()).toBe('app://ticketi/index.html')
    expect(appUrl('')).toBe('app://ticketi/index.html')
  })

  it('counts only our own page as ours, whatever its route', () => {
    const ours = 'app://ticketi/index.html'
    expect(isAppUrl('app://ticketi/index.html#/door', ours)).toBe(true)
    expect(isAppUrl('app://ticketi/index.html?x=1#/door', ours)).toBe(true)
    expect(isAppUrl('app://ticketi/evil.html', ours)).toBe(false)
    expect(isAppUrl('app://evil/index.html', ours)).toBe(false)
    expect(isAppUrl('app://ticketi:81/index.html', ours)).toBe(false)
    expect(isAppUrl('file:///app/out/renderer/index.html', ours)).toBe(false)
    expect(isAppUrl('https://example.com/', ours)).toBe(false)
    expect(isAppUrl('http://localhost:5173/#/door', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5173.evil.example/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('app://ticketi/index.html', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('::', ours)).toBe(false)
  })

  it('reads migrations from the resources folder once packaged', () => {
    const where = { resourcesPath: '/opt/Ticketi/resources', appPath: '/src/ticketi' }
    expect(migrationsDirFor({ ...where, isPackaged: true })).toBe('/opt/Ticketi/resources/drizzle')
    expect(migrationsDirFor({ ...where, isPackaged: false })).toBe('/src/ticketi/drizzle')
  })
})
