// Loading and changing data from components, with the error kept for display
// (never swallowed) and a way to refresh after a change.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { InputOf, OperationName, OutputOf } from '../../../shared/contract'
import { client, errorMessage } from '.'

export interface Query<T> {
  data: T | null
  error: string | null
  loading: boolean
  refresh(): void
}

/** Calls a read operation now and whenever `input` changes (compared as JSON); `null` input waits. */
export function useQuery<N extends OperationName>(
  name: N,
  input: InputOf<N> | null,
  options: { refreshEveryMs?: number } = {},
): Query<OutputOf<N>> {
  const [settled, setSettled] = useState<{ request: string; data: OutputOf<N> | null; error: string | null }>(
    {
      request: '',
      data: null,
      error: null,
    },
  )
  const [tick, setTick] = useState(0)
  const key = input === null ? null : JSON.stringify(input)
  const request = `${tick}:${key}`

  useEffect(() => {
    if (key === null) return
    let current = true
    client.call(name, JSON.parse(key) as InputOf<N>).then(
      (value) => current && setSettled({ request, data: value, error: null }),
      // The last answer stays on screen beside the error: a blip does not blank the page.
      (failure: unknown) =>
        current && setSettled((last) => ({ request, data: last.data, error: errorMessage(failure) })),
    )
    return () => {
      current = false
    }
  }, [name, key, request])

  const every = options.refreshEveryMs
  useEffect(() => {
    if (!every) return
    const timer = setInterval(() => setTick((t) => t + 1), every)
    return () => clearInterval(timer)
  }, [every])

  const refresh = useCallback(() => setTick((t) => t + 1), [])
  return {
    data: settled.data,
    error: settled.error,
    loading: key !== null && settled.request !== request,
    refresh,
  }
}

export interface Action<N extends OperationName> {
  run(input: InputOf<N>): Promise<OutputOf<N> | null>
  error: string | null
  busy: boolean
  clearError(): void
}

/** A change the person asks for: `run` resolves with the answer, or null after showing the error. */
export function useAction<N extends OperationName>(name: N): Action<N> {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    async (input: InputOf<N>) => {
      setBusy(true)
      setError(null)
      try {
        return await client.call(name, input)
      } catch (failure) {
        if (mounted.current) setError(errorMessage(failure))
        return null
      } finally {
        if (mounted.current) setBusy(false)
      }
    },
    [name],
  )
  return { run, error, busy, clearError: useCallback(() => setError(null), []) }
}
