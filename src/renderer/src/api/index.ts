// The client this page uses: IPC inside the desktop app, else HTTP to the host that served it.
import { useSession } from '../session/store'
import { createClient, httpTransport, ipcTransport } from './client'

export const bridge = window.ticketi ?? null

export const client = createClient(
  bridge
    ? ipcTransport(bridge)
    : httpTransport(
        window.location.origin,
        () => useSession.getState().token,
        () => useSession.getState().renew(),
      ),
)

export { errorMessage } from './client'
