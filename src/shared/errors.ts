// Stable error codes shared by every transport. The code is for machines (and
// never changes meaning); the message is for the person at the station.

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN: 404,
  DUPLICATE: 409,
  VOID: 409,
  NOT_ASSIGNED: 409,
  NOT_INSIDE: 409,
  SOLD_OUT: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The Host header names another host (DNS rebinding): 421 Misdirected Request. */
  WRONG_HOST: 421,
  WRONG_EVENT: 422,
  REENTRY_DISABLED: 422,
  CAPACITY: 422,
  NO_EMAIL: 422,
  THROTTLED: 429,
  INTERNAL: 500,
  DB_FROM_FUTURE: 500,
  BUSY: 503,
  /** The renderer could not reach the host at all (network down, host stopped). */
  OFFLINE: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

/** The body of every refusal, over IPC and HTTP alike. */
export interface ErrorEnvelope {
  error: string
  code: ErrorCode
  details?: Record<string, unknown>
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope }

export class TicketiError extends Error {
  readonly code: ErrorCode
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'TicketiError'
    this.code = code
    this.details = details
  }

  toEnvelope(): ErrorEnvelope {
    return this.details
      ? { error: this.message, code: this.code, details: this.details }
      : { error: this.message, code: this.code }
  }

  static fromEnvelope(envelope: ErrorEnvelope): TicketiError {
    return new TicketiError(envelope.code, envelope.error, envelope.details)
  }
}
