// The client this page uses: IPC inside the desktop app, else HTTP to the host that served it.
// Every read goes through the page's one query cache, and every write made here
// invalidates what it touched there (api/invalidation.ts).
import { operations } from '../../../shared/contract'
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

export const client: Client = {
  async call(name, input) {
    const answer = await direct.call(name, input)
    const operation = operations[name] as { readOnly?: boolean }
    if (!operation.readOnly) queries.invalidate(touchedByWrite(name))
    return answer
  },
}

export { errorMessage } from './client'
