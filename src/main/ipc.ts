// The single IPC channel: every renderer call arrives here and goes to the
// dispatcher. Kept free of Electron imports (the entry passes ipcMain in) so
// the sender check can be unit-tested under plain Node.
import { TicketiError, type Outcome } from '../shared/errors'
import { IPC_CHANNEL } from '../shared/ipc'
import type { Dispatch, Principal } from './dispatcher'

export interface IpcSenderFrame {
  url: string
}

export interface IpcInvokeEvent {
  senderFrame: IpcSenderFrame | null
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void
}

/**
 * Only frames showing our own UI may call: the built file:// pages or the dev
 * server's origin. Anything else (a navigated-away or injected frame) is refused.
 */
export function isTrustedSender(frame: IpcSenderFrame | null, devServerUrl?: string): boolean {
  if (!frame) return false
  let url: URL
  try {
    url = new URL(frame.url)
  } catch {
    return false
  }
  if (devServerUrl) return url.origin === new URL(devServerUrl).origin
  return url.protocol === 'file:'
}

export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  who: () => Principal,
  devServerUrl?: string,
): void {
  ipcMain.handle(IPC_CHANNEL, (event, name, input): Outcome<unknown> => {
    if (!isTrustedSender(event.senderFrame, devServerUrl)) {
      return {
        ok: false,
        error: new TicketiError('FORBIDDEN', 'This window may not call Ticketi.').toEnvelope(),
      }
    }
    return dispatch(String(name), input, who())
  })
}
