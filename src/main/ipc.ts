// The IPC channels: every renderer call arrives here, operations go to the
// dispatcher and session requests to the shell. Kept free of Electron imports
// (the entry passes ipcMain in) so the sender check can be unit-tested under plain Node.
import { TicketiError, type Outcome } from '../shared/errors'
import {
  IPC_CHANNEL,
  LIVE_CHANNEL,
  SHARING_CHANNEL,
  USB_CHANNEL,
  SHELL_CHANNEL,
  type SharingState,
  type ShellState,
} from '../shared/ipc'
import type { LiveChange } from '../shared/live'
import type { Principal } from '../shared/principal'
import type { AsyncDispatch, Dispatch } from './dispatcher'
import { withWholeTexts } from './exports/text-in-pieces'
import type { LiveHub } from './live/hub'
import { isAppUrl } from './shell/app-url'

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
 * Only frames showing our own UI may call: the built index.html or the dev
 * server's origin (`appUrl`). Anything else (a navigated-away or injected frame) is refused.
 */
export function isTrustedSender(frame: IpcSenderFrame | null, appUrl: string): boolean {
  return frame !== null && isAppUrl(frame.url, appUrl)
}

function refusal(code: 'FORBIDDEN' | 'UNAUTHORIZED', message: string): Outcome<never> {
  return { ok: false, error: new TicketiError(code, message).toEnvelope() }
}

const FOREIGN_SENDER = 'This window may not call Ticketi.'

/** The window gets a file as the contract writes it: Electron copies an answer whole anyway. */
function wholeFiles(outcome: Outcome<unknown>): Outcome<unknown> {
  return outcome.ok ? { ok: true, value: withWholeTexts(outcome.value) } : outcome
}

/** Operations run as whoever the session says; before anyone signs in, nothing runs. */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch | AsyncDispatch,
  who: () => Principal | null,
  appUrl: string,
): void {
  ipcMain.handle(IPC_CHANNEL, (event, name, input): Outcome<unknown> | Promise<Outcome<unknown>> => {
    if (!isTrustedSender(event.senderFrame, appUrl)) return refusal('FORBIDDEN', FOREIGN_SENDER)
    const principal = who()
    if (!principal) return refusal('UNAUTHORIZED', 'Sign in with your PIN first.')
    const outcome = dispatch(String(name), input, principal)
    return outcome instanceof Promise ? outcome.then(wholeFiles) : wholeFiles(outcome)
  })
}

export function registerShellIpc(
  ipcMain: IpcMainLike,
  answer: (request: unknown) => Outcome<ShellState> | Promise<Outcome<ShellState>>,
  appUrl: string,
): void {
  ipcMain.handle(SHELL_CHANNEL, (event, request): Outcome<ShellState> | Promise<Outcome<ShellState>> => {
    if (!isTrustedSender(event.senderFrame, appUrl)) return refusal('FORBIDDEN', FOREIGN_SENDER)
    return answer(request)
  })
}

/** "Share on the LAN": answered by the sharing controller, which checks that an admin asks. */
export function registerSharingIpc(
  ipcMain: IpcMainLike,
  answer: (request: unknown) => Promise<Outcome<SharingState>>,
  appUrl: string,
): void {
  ipcMain.handle(
    SHARING_CHANNEL,
    (event, request): Outcome<SharingState> | Promise<Outcome<SharingState>> => {
      if (!isTrustedSender(event.senderFrame, appUrl)) return refusal('FORBIDDEN', FOREIGN_SENDER)
      return answer(request)
    },
  )
}

/** Export to a USB drive: answered by the USB shell, which checks who asks. */
export function registerUsbIpc(
  ipcMain: IpcMainLike,
  answer: (request: unknown) => Promise<Outcome<unknown>>,
  appUrl: string,
): void {
  ipcMain.handle(USB_CHANNEL, (event, request): Outcome<unknown> | Promise<Outcome<unknown>> => {
    if (!isTrustedSender(event.senderFrame, appUrl)) return refusal('FORBIDDEN', FOREIGN_SENDER)
    return answer(request)
  })
}

/** The window hears every committed change, its own and the LAN stations', as a browser station would. */
export function forwardLiveChanges(
  live: Pick<LiveHub, 'onChanges'>,
  send: (channel: string, changes: readonly LiveChange[]) => void,
): () => void {
  return live.onChanges((changes) => send(LIVE_CHANNEL, changes))
}
