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
  /** The USB drive was pulled out or stopped answering mid-export. */
  DRIVE_GONE: 409,
  /** The USB drive is read-only or locked. */
  DRIVE_READ_ONLY: 409,
  INTERNAL: 500,
  DB_FROM_FUTURE: 500,
  /** The database file is empty or SQLite finds it damaged: it is not opened. */
  DB_DAMAGED: 500,
  BUSY: 503,
  /** The renderer could not reach the host at all (network down, host stopped). */
  OFFLINE: 503,
  /** SQLite, the file system or a drive written to found no room left (SQLITE_FULL, ENOSPC): nothing was changed. */
  DISK_FULL: 507,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

/** One input a VALIDATION refusal is about: its path ("customer.email") and what is wrong, for a person. */
export interface FieldProblem {
  path: string
  message: string
}

/** What a refusal carries besides its sentence: the fields of a VALIDATION refusal, else facts about it. */
export type ErrorDetails = Record<string, unknown> | FieldProblem[]

/** The body of every refusal, over IPC and HTTP alike. */
export interface ErrorEnvelope {
  error: string
  code: ErrorCode
  details?: ErrorDetails
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope }

export class TicketiError extends Error {
  readonly code: ErrorCode
  readonly details?: ErrorDetails

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
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

/** The fields a refusal names, if it is a VALIDATION refusal that names any. */
export function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof TicketiError) || error.code !== 'VALIDATION') return []
  return Array.isArray(error.details) ? error.details : []
}
