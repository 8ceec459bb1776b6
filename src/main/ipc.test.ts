import { describe, expect, it } from 'vitest'
import type { Outcome } from '../shared/errors'
import { IPC_CHANNEL, SHELL_CHANNEL, type ShellState } from '../shared/ipc'
import type { Principal } from '../shared/principal'
import type { AsyncDispatch, Dispatch } from './dispatcher'
import { TextInPieces } from './exports/text-in-pieces'
import { isTrustedSender, registerIpc, registerShellIpc, type IpcInvokeEvent } from './ipc'

const ADMIN: Principal = { role: 'admin', station: 'this laptop', operator: 'Admin' }
const APP = 'app://ticketi/index.html'
type Listener = (event: IpcInvokeEvent, ...args: unknown[]) => unknown

function capture(who: () => Principal | null = () => ADMIN) {
  const calls: Array<[string, unknown, Principal]> = []
  const dispatch: Dispatch = (name, input, principal) => {
    calls.push([name, input, principal])
    return { ok: true, value: 'done' }
  }
  const requests: unknown[] = []
  const state: ShellState = { needs_setup: false, operator: null, kiosk: { on: false, event_id: null } }
  const listeners = new Map<string, Listener>()
  const ipcMain = { handle: (channel: string, fn: Listener) => listeners.set(channel, fn) }
  registerIpc(ipcMain, dispatch, who, APP)
  registerShellIpc(
    ipcMain,
    (request): Outcome<ShellState> => {
      requests.push(request)
      return { ok: true, value: state }
    },
    APP,
  )
  const from = (url: string | null) => ({ senderFrame: url === null ? null : { url } })
  return {
    calls,
    requests,
    channels: () => [...listeners.keys()],
    invoke: (url: string | null, ...args: unknown[]) => listeners.get(IPC_CHANNEL)!(from(url), ...args),
    shell: (url: string | null, request: unknown) => listeners.get(SHELL_CHANNEL)!(from(url), request),
  }
}

const foreign = [
  null,
  'https://evil.example/',
  'about:blank',
  'not a url',
  'http://127.0.0.1:5173/',
  'file:///home/someone/Downloads/evil.html',
  'file:///app/out/renderer/index.html',
  'app://ticketi/other.html',
  'app://evil/index.html',
]

describe('the operations channel', () => {
  it('forwards calls from our own page, whatever its route, as the signed-in principal', () => {
    const ipc = capture()
    expect(ipc.channels()).toEqual([IPC_CHANNEL, SHELL_CHANNEL])
    expect(ipc.invoke(`${APP}#/door`, 'listEvents', {})).toEqual({ ok: true, value: 'done' })
    expect(ipc.calls).toEqual([['listEvents', {}, ADMIN]])
  })

  it.each(foreign)('refuses a call from %s without dispatching it', (url) => {
    const ipc = capture()
    expect(ipc.invoke(url, 'createEvent', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(ipc.calls).toEqual([])
  })

  it('refuses every operation with UNAUTHORIZED before anyone signs in', () => {
    const ipc = capture(() => null)
    expect(ipc.invoke(APP, 'listEvents', {})).toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', error: 'Sign in with your PIN first.' },
    })
    expect(ipc.calls).toEqual([])
  })

  it('asks who is calling on every call, so a sign-in or kiosk change applies at once', () => {
    let who: Principal | null = null
    const ipc = capture(() => who)
    expect(ipc.invoke(APP, 'listEvents', {})).toMatchObject({ ok: false })
    who = { role: 'door', station: 'door kiosk', operator: 'Door' }
    ipc.invoke(APP, 'listEvents', {})
    expect(ipc.calls.map(([, , principal]) => principal.station)).toEqual(['door kiosk'])
  })
})

describe('a file answered in pieces', () => {
  it('reaches the window whole, as the contract writes it, whether answered at once or later', async () => {
    const file = {
      filename: 'a.csv',
      encoding: 'utf-8',
      content: new TextInPieces(['\uFEFFcode\r\n', '001\r\n']),
      rows: 1,
    }
    const whole = { ok: true, value: { ...file, content: '\uFEFFcode\r\n001\r\n' } }
    const answers: Array<Dispatch | AsyncDispatch> = [
      () => ({ ok: true, value: file }),
      async () => ({ ok: true, value: file }),
    ]
    for (const dispatch of answers) {
      let listener: Listener | undefined
      registerIpc({ handle: (_channel, fn) => (listener = fn) }, dispatch, () => ADMIN, APP)
      const answer = await listener!({ senderFrame: { url: APP } }, 'exportReport', {})
      // What Electron would copy to the window: its own fields only.
      expect(structuredClone(answer)).toEqual(whole)
    }
  })
})

describe('the shell channel', () => {
  it('answers requests from our own page', () => {
    const ipc = capture()
    expect(ipc.shell(APP, { action: 'state' })).toMatchObject({ ok: true, value: { needs_setup: false } })
    expect(ipc.requests).toEqual([{ action: 'state' }])
  })

  it.each(foreign)('refuses a request from %s without passing it on', (url) => {
    const ipc = capture()
    const answer = ipc.shell(url, { action: 'leaveKiosk', admin_pin: '1234' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(ipc.requests).toEqual([])
  })
})

describe('isTrustedSender', () => {
  it('trusts only the dev server origin while developing', () => {
    const dev = 'http://localhost:5173'
    expect(isTrustedSender({ url: 'http://localhost:5173/#/door' }, dev)).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5174/' }, dev)).toBe(false)
    expect(isTrustedSender({ url: 'file:///app/index.html' }, dev)).toBe(false)
  })

  it('trusts the built page only at its own path', () => {
    expect(isTrustedSender({ url: `${APP}?x=1#/settings` }, APP)).toBe(true)
    expect(isTrustedSender({ url: 'app://ticketi.evil/index.html' }, APP)).toBe(false)
    expect(isTrustedSender({ url: 'app://user@ticketi/index.html' }, APP)).toBe(false)
  })
})
