// One typed client for every operation of the contract, over whichever transport
// this page has: IPC through the preload bridge inside the desktop app, or HTTP
// to the host when the page was served to a browser on the LAN.
import type { InputOf, OperationName, OutputOf } from '../../../shared/contract'
import { TicketiError, type ErrorEnvelope, type Outcome } from '../../../shared/errors'
import type { TicketiBridge } from '../../../shared/ipc'

export type Transport = (name: OperationName, input: unknown) => Promise<Outcome<unknown>>

export interface Client {
  /** Runs an operation; resolves with its answer or rejects with a TicketiError. */
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>
}

export function createClient(transport: Transport): Client {
  return {
    async call(name, input) {
      const outcome = await transport(name, input)
      if (!outcome.ok) throw TicketiError.fromEnvelope(outcome.error)
      return outcome.value as OutputOf<typeof name>
    },
  }
}

export function ipcTransport(bridge: TicketiBridge): Transport {
  return async (name, input) => {
    try {
      return await bridge.call(name, input as InputOf<typeof name>)
    } catch {
      return offline('The Ticketi app did not answer. Restart it if this happens again.')
    }
  }
}

/**
 * HTTP to the host that served this page; the token is read at each call so sign-in takes effect
 * at once. An access token that has run out is renewed once (`renew`) and the call sent again.
 */
export function httpTransport(
  baseUrl: string,
  token: () => string | null,
  renew?: () => Promise<boolean>,
): Transport {
  async function send(name: OperationName, input: unknown) {
    const bearer = token()
    return fetch(`${baseUrl}/api/v1/operations/${name}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(input ?? {}),
    })
  }
  return async (name, input) => {
    let response: Response
    try {
      response = await send(name, input)
      if (response.status === 401 && token() && renew && (await renew())) response = await send(name, input)
    } catch {
      return offline('The Ticketi host cannot be reached. Check the network cable or Wi-Fi, then try again.')
    }
    const body: unknown = await response.json().catch(() => null)
    if (response.ok) return { ok: true, value: body }
    return { ok: false, error: isEnvelope(body) ? body : unexpected(response.status) }
  }
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  return typeof body === 'object' && body !== null && 'code' in body && 'error' in body
}

function unexpected(status: number): ErrorEnvelope {
  return { code: 'INTERNAL', error: `The host answered with an unexpected status ${status}.` }
}

function offline(message: string): Outcome<never> {
  return { ok: false, error: { code: 'OFFLINE', error: message } }
}

/** The message to show a person for anything a call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof TicketiError) return error.message
  return 'Something went wrong. Please try again.'
}
