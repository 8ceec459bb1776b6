// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLiveConnection } from './connection'
import { OPEN_MS, SILENT_MS, startLiveStream } from './stream'

const status = () => useLiveConnection.getState().state.status

function aborted(signal: AbortSignal, fail: (error: unknown) => void) {
  signal.addEventListener('abort', () => fail(new DOMException('The request was aborted.', 'AbortError')))
}

/** A host that sends one heartbeat and then freezes: its socket stays open, nothing more comes. */
function freezingHost() {
  let opened = 0
  return {
    opened: () => opened,
    fetch(_url: string, init: RequestInit): Promise<Response> {
      const signal = init.signal!
      opened++
      // Once frozen, a new connection is taken by the system but never answered.
      if (opened > 1) return new Promise((_, reject) => aborted(signal, reject))
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode(': heartbeat\n\n'))
          aborted(signal, (error) => stream.error(error))
        },
      })
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }))
    },
  }
}

describe('the live stream', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('stops saying Live once the host falls silent, and says unreachable when it never answers again', async () => {
    vi.useFakeTimers()
    const host = freezingHost()
    vi.stubGlobal('fetch', host.fetch)
    const stop = startLiveStream({ baseUrl: 'http://host', token: () => 'token', renew: async () => false })
    await vi.advanceTimersByTimeAsync(0)
    expect(status()).toBe('connected')
    await vi.advanceTimersByTimeAsync(SILENT_MS - 1000)
    expect(status()).toBe('connected')
    await vi.advanceTimersByTimeAsync(2000)
    expect(status()).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(OPEN_MS + 1000)
    expect(host.opened()).toBeGreaterThanOrEqual(2)
    expect(status()).toBe('unreachable')
    stop()
    expect(status()).toBe('off')
  })
})
