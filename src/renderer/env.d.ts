import type { TicketiBridge } from '../shared/ipc'

declare global {
  interface Window {
    /** Present inside Electron; absent in a browser served by the headless host. */
    ticketi?: TicketiBridge
  }
}
