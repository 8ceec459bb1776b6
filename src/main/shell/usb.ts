// The window's side of Reports → Export to USB drive: who may ask, and the
// answer as an envelope. The export itself is src/main/usb; the progress goes
// back to the window on its own channel while the files are written.
import { TicketiError, type Outcome } from '../../shared/errors'
import type { RemovableDrive, UsbExportResult, UsbProgress } from '../../shared/ipc'
import type { Principal } from '../../shared/principal'
import { toEnvelope } from '../dispatcher'
import type { UsbExport } from '../usb/usb-export'

export type UsbAnswer = Outcome<RemovableDrive[] | UsbExportResult>

export function createUsbShell(
  /** Null on a station: the host laptop holds the database. */
  usbExport: () => UsbExport | null,
  who: () => Principal | null,
  sendProgress: (progress: UsbProgress) => void,
  logError: (error: unknown) => void = console.error,
): (request: unknown) => Promise<UsbAnswer> {
  return async (request) => {
    try {
      const principal = who()
      if (!principal) throw new TicketiError('UNAUTHORIZED', 'Sign in with your PIN first.')
      if (principal.role === 'door')
        throw new TicketiError('FORBIDDEN', 'A door station may not export files.')
      const usb = usbExport()
      if (!usb) {
        throw new TicketiError(
          'FORBIDDEN',
          'A station exports from the host laptop; download the files here instead.',
        )
      }
      const action = (request as { action?: unknown } | null)?.action
      if (action === 'drives') return { ok: true, value: await usb.drives() }
      return { ok: true, value: await usb.run(request, principal, sendProgress) }
    } catch (error) {
      return { ok: false, error: toEnvelope(error, logError) }
    }
  }
}
