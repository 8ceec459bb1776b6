// A browser's session with the host: pairing and refresh. The refresh token is an
// HttpOnly cookie the page never sees; the access token is kept in memory only,
// so nothing that signs in is left in localStorage.
import { TicketiError, type ErrorEnvelope } from '../../../shared/errors'
import type { StationSession } from '../../../shared/views'

/** Renewed this long before it runs out, so a call never waits on a refresh. */
const RENEW_EARLY_S = 60
/** Set while one tab refreshes: two tabs spending one refresh cookie at once would end the session. */
const REFRESHING_KEY = 'ticketi.refreshing'

async function post(path: string, body: unknown): Promise<StationSession> {
  let response: Response
  try {
    response = await fetch(`${window.location.origin}/api/v1/session/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    })
  } catch {
    throw new TicketiError('OFFLINE', 'The Ticketi host cannot be reached. Check the network cable or Wi-Fi.')
  }
  const answer = (await response.json().catch(() => null)) as (StationSession & ErrorEnvelope) | null
  if (response.ok && answer) return answer
  if (answer?.code) throw TicketiError.fromEnvelope(answer)
  throw new TicketiError('INTERNAL', `The host answered with an unexpected status ${response.status}.`)
}

export const pairWithCode = (code: string) => post('pair', { pairing_code: code, cookie: true })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function otherTabRefreshing(): boolean {
  try {
    return Date.now() - Number(window.localStorage.getItem(REFRESHING_KEY) ?? 0) < 3000
  } catch {
    return false
  }
}

function markRefreshing(on: boolean) {
  try {
    if (on) window.localStorage.setItem(REFRESHING_KEY, String(Date.now()))
    else window.localStorage.removeItem(REFRESHING_KEY)
  } catch {
    // Private mode: this tab refreshes on its own.
  }
}

/** A new access token through the refresh cookie; UNAUTHORIZED when this browser is not paired. */
export async function refreshSession(): Promise<StationSession> {
  // Another tab of this browser is spending the cookie: wait for the one it gets back.
  for (let i = 0; i < 10 && otherTabRefreshing(); i++) await sleep(300)
  markRefreshing(true)
  try {
    return await post('refresh', { cookie: true })
  } finally {
    markRefreshing(false)
  }
}

export async function endSession(): Promise<void> {
  await post('end', { cookie: true }).catch(() => undefined)
}

/** When to renew an access token valid for `expiresInS` seconds, in milliseconds from now. */
export const renewAfterMs = (expiresInS: number) => Math.max(5, expiresInS - RENEW_EARLY_S) * 1000
