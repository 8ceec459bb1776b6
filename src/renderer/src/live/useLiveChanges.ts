// While someone is signed in, this page hears the host's changes: over IPC in the
// desktop app (its own database), else through the live stream of the host that served it.
import { useEffect } from 'react'
import { bridge } from '../api'
import { useSession } from '../session/store'
import { applyChanges } from './changes'
import { startLiveStream } from './stream'

export function useLiveChanges(signedIn: boolean): void {
  useEffect(() => {
    if (!signedIn) return
    if (bridge) return bridge.onLive(applyChanges)
    return startLiveStream({
      baseUrl: window.location.origin,
      token: () => useSession.getState().token,
      renew: () => useSession.getState().renew(),
    })
  }, [signedIn])
}
