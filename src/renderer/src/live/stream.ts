// The browser's side of GET /api/v1/live: read with fetch rather than EventSource,
// so the access token goes in the Authorization header (never into a URL) and
// is renewed like any call's. The stream resumes from the last id it saw.
import { liveChangeOf, takeSseFrames, type SseFrame } from '../../../shared/sse'
import { applyChanges, reloadEverything } from './changes'
import { useLiveConnection } from './connection'

/** Waits between attempts to reconnect: quick at first, then every few seconds. */
const RETRY_MS = [250, 1000, 2000, 5000]
/**
 * The host writes at least a heartbeat every 15 s: a stream silent for longer than two of them
 * comes from a host that froze or a cable that went, which no error ever reports.
 */
export const SILENT_MS = 35_000
/** A host that takes the connection but never answers it is as good as unreachable. */
export const OPEN_MS = 10_000

export interface StreamOptions {
  baseUrl: string
  token(): string | null
  renew(): Promise<boolean>
}

/** Starts listening; returns the way to stop (on sign-out). */
export function startLiveStream({ baseUrl, token, renew }: StreamOptions): () => void {
  const setState = useLiveConnection.getState().set
  let stopped = false
  let lastId: string | null = null
  let abort: AbortController | null = null
  let lostAt: number | null = null

  function lost(reachable: boolean) {
    lostAt ??= Date.now()
    setState({ status: reachable ? 'reconnecting' : 'unreachable', since: lostAt })
  }

  function handle(frame: SseFrame) {
    if (frame.id !== null) lastId = frame.id
    if (frame.event === 'reset') return reloadEverything()
    const change = liveChangeOf(frame)
    if (change) applyChanges([change])
  }

  async function listenOnce(): Promise<'ended' | 'refused' | 'unreachable'> {
    const controller = (abort = new AbortController())
    let timer: ReturnType<typeof setTimeout> | undefined
    const giveUpIn = (ms: number) => {
      clearTimeout(timer)
      timer = setTimeout(() => controller.abort(), ms)
    }
    try {
      return await listen(controller, giveUpIn)
    } finally {
      clearTimeout(timer)
    }
  }

  async function listen(
    controller: AbortController,
    giveUpIn: (ms: number) => void,
  ): Promise<'ended' | 'refused' | 'unreachable'> {
    const open = () => {
      const bearer = token()
      return fetch(`${baseUrl}/api/v1/live`, {
        headers: {
          accept: 'text/event-stream',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(lastId !== null ? { 'last-event-id': lastId } : {}),
        },
        signal: controller.signal,
        cache: 'no-store',
      })
    }
    let response: Response
    giveUpIn(OPEN_MS)
    try {
      response = await open()
      if (response.status === 401 && (await renew())) response = await open()
    } catch {
      // No answer from the host at all.
      return 'unreachable'
    }
    if (!response.ok || !response.body) return 'refused'
    // Back after a drop: whatever changed meanwhile was replayed, or `reset` reloads it all.
    const wasLost = lostAt !== null
    lostAt = null
    setState({ status: 'connected' })
    if (wasLost && lastId === null) reloadEverything()
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    let buffered = ''
    try {
      for (;;) {
        giveUpIn(SILENT_MS)
        const { value, done } = await reader.read()
        if (done) return 'ended'
        const { frames, rest } = takeSseFrames(buffered + value)
        buffered = rest
        frames.forEach(handle)
      }
    } catch {
      // Cut off mid-stream (the host stopped, the network dropped): try again.
      return 'ended'
    }
  }

  void (async () => {
    setState({ status: 'connecting' })
    let attempt = 0
    while (!stopped) {
      const how = await listenOnce()
      if (how === 'ended') attempt = 0
      if (stopped) break
      lost(how !== 'unreachable')
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]))
    }
  })()

  return () => {
    stopped = true
    abort?.abort()
    setState({ status: 'off' })
  }
}
