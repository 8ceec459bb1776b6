import { describe, expect, it } from 'vitest'
import { IPC_CHANNEL } from '../shared/ipc'
import type { Dispatch } from './dispatcher'
import { isTrustedSender, registerIpc, type IpcInvokeEvent } from './ipc'
import { ADMIN } from './test-support'

function capture() {
  const calls: Array<[string, unknown]> = []
  const dispatch: Dispatch = (name, input) => {
    calls.push([name, input])
    return { ok: true, value: 'done' }
  }
  let listener: ((event: IpcInvokeEvent, ...args: unknown[]) => unknown) | undefined
  let channel = ''
  registerIpc(
    {
      handle: (name, fn) => {
        channel = name
        listener = fn
      },
    },
    dispatch,
    () => ADMIN,
  )
  return {
    calls,
    channel: () => channel,
    invoke: (url: string | null, ...args: unknown[]) =>
      listener!({ senderFrame: url === null ? null : { url } }, ...args),
  }
}

describe('the IPC channel', () => {
  it('forwards calls from our own pages to the dispatcher', () => {
    const ipc = capture()
    expect(ipc.channel()).toBe(IPC_CHANNEL)
    expect(ipc.invoke('file:///app/out/renderer/index.html#/door', 'listEvents', {})).toEqual({
      ok: true,
      value: 'done',
    })
    expect(ipc.calls).toEqual([['listEvents', {}]])
  })

  it.each([null, 'https://evil.example/', 'about:blank', 'not a url', 'http://127.0.0.1:5173/'])(
    'refuses a call from %s without dispatching it',
    (url) => {
      const ipc = capture()
      expect(ipc.invoke(url, 'createEvent', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(ipc.calls).toEqual([])
    },
  )

  it('trusts only the dev server origin while developing', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/#/door' }, 'http://localhost:5173')).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5174/' }, 'http://localhost:5173')).toBe(false)
    expect(isTrustedSender({ url: 'file:///app/index.html' }, 'http://localhost:5173')).toBe(false)
  })
})
