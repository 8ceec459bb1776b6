import type { InputOf, OperationName } from './contract'
import type { Outcome } from './errors'

/** The one channel between the renderer and the main process. */
export const IPC_CHANNEL = 'ticketi:call'

/** What the preload exposes as window.ticketi. */
export interface TicketiBridge {
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Outcome<unknown>>
}
