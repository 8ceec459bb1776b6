// The browser's side of GET /api/v1/live: read with fetch rather than EventSource,
// so the access token goes in the Authorization header (never into a URL) and
// is renewed like any call's. The stream resumes from the last id it saw.
import { LIVE_EVENT_NAMES, type LiveChange, type LiveEventName } from '../../../shared/live'
import { applyChanges, reloadEverything } from './changes'
import { useLiveConnection } from './connection'

/** Waits between attempts to reconnect: quick at first, then every few seconds. */
const RETRY_MS = [250, 1000, 2000, 5000]

export interface StreamOptions {
  baseUrl: string
  token(): string | null
  renew(): Promise<boolean>
}

interface Frame {
  id: string | null
  event: string
  data: string
}

function parseFrame(block: string): Frame | null {
  const frame: Frame = { id: null, event: 'message', data: '' }
  let any = false
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id') frame.id = value
    else if (field === 'event') frame.event = value
    else if (field === 'data') frame.data += (frame.data ? '\n' : '') + value
    else continue
    any = true
  }
  return any ? frame : null
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

  function handle(frame: Frame) {
    if (frame.id !== null) lastId = frame.id
    if (frame.event === 'reset') return reloadEverything()
    if (!(LIVE_EVENT_NAMES as readonly string[]).includes(frame.event)) return
    const data = JSON.parse(frame.data) as LiveChange['data']
    applyChanges([{ type: frame.event as LiveEventName, event_id: data.event_id, data }])
  }

  async function listenOnce(): Promise<'ended' | 'refused' | 'unreachable'> {
    abort = new AbortController()
    const open = () => {
      const bearer = token()
      return fetch(`${baseUrl}/api/v1/live`, {
        headers: {
          accept: 'text/event-stream',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(lastId !== null ? { 'last-event-id': lastId } : {}),
        },
        signal: abort!.signal,
        cache: 'no-store',
      })
    }
    let response: Response
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
        const { value, done } = await reader.read()
        if (done) return 'ended'
        buffered += value.replace(/\r\n?/g, '\n')
        let end: number
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const frame = parseFrame(buffered.slice(0, end))
          buffered = buffered.slice(end + 2)
          if (frame) handle(frame)
        }
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
