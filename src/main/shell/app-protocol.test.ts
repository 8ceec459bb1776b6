import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/core'
import { APP_PAGE, APP_SCHEME_PRIVILEGES, appFileFor, createAppHandler } from './app-protocol'
import { CONTENT_SECURITY_POLICY } from './window'

const app = tempDir('ticketi-app-')
afterAll(() => app.remove())
const renderer = join(app.path, 'renderer')
mkdirSync(join(renderer, 'assets'), { recursive: true })
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Ticketi</title>')
writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)')
writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}')
// A secret beside the renderer's folder, which no app:// URL may reach.
writeFileSync(join(app.path, 'ticketi-secret.txt'), 'secret')

const serve = createAppHandler(renderer)
const get = (url: string, method = 'GET') => serve(new Request(url, { method }))

describe('the app:// scheme', () => {
  it('is registered as a standard, secure scheme, as https is', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: expect.objectContaining({ standard: true, secure: true }),
    })
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP')
    expect(APP_PAGE).toBe('app://ticketi/index.html')
  })

  it.each([
    ['app://ticketi/index.html#/door', 'index.html', 'text/html; charset=utf-8'],
    ['app://ticketi/', 'index.html', 'text/html; charset=utf-8'],
    ['app://ticketi/assets/index-abc.js', 'console.log(1)', 'text/javascript; charset=utf-8'],
    ['app://ticketi/assets/index-abc.css?v=1', 'body{}', 'text/css; charset=utf-8'],
  ])('serves %s from the built renderer with the policy', async (url, body, type) => {
    const answer = await get(url)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe(type)
    expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    const text = await answer.text()
    expect(body === 'index.html' ? text.startsWith('<!doctype html>') : text === body).toBe(true)
  })

  it.each([
    'app://ticketi/missing.js',
    'app://ticketi/assets',
    'app://ticketi/..%2fticketi-secret.txt',
    'app://ticketi/assets/..%2F..%2Fticketi-secret.txt',
    'app://ticketi/%2e%2e/ticketi-secret.txt',
    'app://ticketi/..%5cticketi-secret.txt',
    'app://ticketi/%00',
    'app://ticketi/%E0%A4%A',
    'app://other/index.html',
  ])('answers 404 for %s, with the policy too', async (url) => {
    const answer = await get(url)
    expect(answer.status).toBe(404)
    expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await answer.text()).not.toContain('secret')
  })

  it('reads nothing for a method other than GET or HEAD', async () => {
    expect((await get(APP_PAGE, 'POST')).status).toBe(405)
    const head = await get(APP_PAGE, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('maps a URL to a file only inside the renderer folder', () => {
    expect(appFileFor('/app/out/renderer', 'app://ticketi/assets/a.js')).toBe(
      join('/app/out/renderer', 'assets', 'a.js'),
    )
    expect(appFileFor('/app/out/renderer', 'app://ticketi/..%2F..%2Fmain/index.js')).toBeNull()
    expect(appFileFor('/app/out/renderer', 'file:///app/out/renderer/index.html')).toBeNull()
    expect(appFileFor('/app/out/renderer', 'not a url')).toBeNull()
  })
})
