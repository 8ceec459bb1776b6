// Loading and changing data from components, through the page's one query
// cache (api/queryCache.ts): the error is kept for display (never swallowed), and a
// write made here invalidates what it touched, so no screen is told to reload.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { InputOf, OperationName, OutputOf } from '../../../shared/contract'
import { client, errorMessage, queries } from '.'

export interface Query<T> {
  data: T | null
  error: string | null
  loading: boolean
  refresh(): void
}

/**
 * Reads an operation through the cache, now and again whenever a change touches it; `null`
 * input waits. `refreshEveryMs` is for what changes outside any write (the mail worker's sending).
 */
export function useQuery<N extends OperationName>(
  name: N,
  input: InputOf<N> | null,
  options: { refreshEveryMs?: number } = {},
): Query<OutputOf<N>> {
  const key = input === null ? null : JSON.stringify(input)
  const subscribe = useCallback(
    (changed: () => void) => (key === null ? () => {} : queries.watch(name, JSON.parse(key), changed)),
    [name, key],
  )
  const snapshot = useSyncExternalStore(subscribe, () =>
    key === null ? null : queries.snapshot(name, JSON.parse(key)),
  )
  // A new input (another search) keeps the last answer on screen until its own arrives.
  const current = (snapshot?.data ?? null) as OutputOf<N> | null
  const [kept, keep] = useState<OutputOf<N> | null>(null)
  if (current !== null && current !== kept) keep(current)

  const refresh = useCallback(() => {
    if (key !== null) queries.invalidate((n, i) => n === name && JSON.stringify(i) === key)
  }, [name, key])
  const every = options.refreshEveryMs
  useEffect(() => {
    if (!every) return
    const timer = setInterval(refresh, every)
    return () => clearInterval(timer)
  }, [every, refresh])

  return {
    data: key === null ? null : (current ?? kept),
    error: snapshot?.error ? errorMessage(snapshot.error) : null,
    loading: snapshot?.loading ?? false,
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
