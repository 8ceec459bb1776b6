// The client this page uses: IPC inside the desktop app, else HTTP to the host that served it.
// Every read goes through the page's one query cache, and every write made here
// invalidates what it touched there (api/invalidation.ts).
import { operations } from '../../../shared/contract'
import { TicketiError } from '../../../shared/errors'
import { useSession } from '../session/store'
import { createClient, httpTransport, ipcTransport, type Client } from './client'
import { touchedByWrite } from './invalidation'
import { createQueryCache } from './queryCache'

export const bridge = window.ticketi ?? null

const direct = createClient(
  bridge
    ? ipcTransport(bridge)
    : httpTransport(
        window.location.origin,
        () => useSession.getState().token,
        () => useSession.getState().renew(),
      ),
)

export const queries = createQueryCache((name, input) => direct.call(name, input as never))

/** Whether the host said its disk is full, as far as this page last heard. */
const diskFull = () =>
  (queries.snapshot('health', {}).data as { status?: string } | null)?.status === 'disk_full'

export const client: Client = {
  async call(name, input) {
    let answer
    try {
      answer = await direct.call(name, input)
    } catch (error) {
      // Every screen's banner looks again at once, not at its next look.
      if (error instanceof TicketiError && error.code === 'DISK_FULL')
        queries.invalidate((n) => n === 'health')
      throw error
    }
    const operation = operations[name] as { readOnly?: boolean }
    if (!operation.readOnly) {
      queries.invalidate(touchedByWrite(name))
      // A write that was saved found room again.
      if (diskFull()) queries.invalidate((n) => n === 'health')
    }
    return answer
  },
}

export { errorMessage } from './client'
