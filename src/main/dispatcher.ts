// The one door into the core: validate → check role → run the handler in a
// transaction → the answer, or an error envelope. IPC and HTTP both call this.
import type { z } from 'zod'
import {
  isEffect,
  isOperationName,
  operations,
  type InputOf,
  type OperationName,
  type OutputOf,
  type ParsedInputOf,
  type TransactionalName,
} from '../shared/contract'
import { TicketiError, type ErrorEnvelope, type FieldProblem, type Outcome } from '../shared/errors'
import type { Role } from '../shared/views'
import { recordAudit } from './audit'
import type { Store } from './db/open'
import { NO_MAIL, type MailContext } from './mail/context'

/** Who is calling: the station's role and name, and the operator signed in there. */
export interface Principal {
  role: Role
  station: string
  operator: string
}

export interface AuditEntry {
  action: string
  entity: string
  entity_id?: number | null
  before?: unknown
  after?: unknown
}

export interface OperationContext {
  store: Store
  who: Principal
  /** One timestamp for the whole operation, so every row it writes agrees. */
  now: string
  audit(entry: AuditEntry): void
  /** How this installation seals the SMTP password and tells the mail worker about new settings. */
  mail: MailContext
}

export type Handler<N extends OperationName> = (input: ParsedInputOf<N>, ctx: OperationContext) => OutputOf<N>
export type Handlers = { [N in TransactionalName]: Handler<N> }

export type Dispatch = (name: string, input: unknown, who: Principal) => Outcome<unknown>

export interface Call {
  name: string
  input: unknown
  who: Principal
}

/** Each problem once, as data: the renderer shows each message beside the field its path names. */
function fieldProblemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
}

function validationMessage(problems: FieldProblem[]): string {
  return problems
    .slice(0, 3)
    .map(({ path, message }) => (path ? `${path}: ${message}` : message))
    .join('; ')
}

/** The checks every call passes before it runs, whichever way it runs: known name, role, input. */
export function admit(
  name: string,
  rawInput: unknown,
  who: Principal,
): { name: OperationName; input: unknown } {
  if (!isOperationName(name)) {
    throw new TicketiError('NOT_FOUND', `There is no operation called "${String(name)}".`)
  }
  const spec = operations[name]
  if (!(spec.roles as readonly Role[]).includes(who.role)) {
    throw new TicketiError('FORBIDDEN', `A ${who.role} station may not do "${name}".`)
  }
  const parsed = spec.input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const problems = fieldProblemsOf(parsed.error)
    throw new TicketiError('VALIDATION', validationMessage(problems), problems)
  }
  return { name, input: parsed.data }
}

export function createDispatcher(
  store: Store,
  handlers: Handlers,
  logError: (error: unknown) => void = console.error,
  mail: MailContext = NO_MAIL,
): Dispatch {
  return function dispatch(name, rawInput, who) {
    try {
      const admitted = admit(name, rawInput, who)
      if (isEffect(admitted.name)) {
        throw new TicketiError(
          'INTERNAL',
          `"${name}" waits on the network; call it through the core's dispatchAsync().`,
        )
      }
      const spec = operations[admitted.name]
      const now = new Date().toISOString()
      const ctx: OperationContext = {
        store,
        who,
        now,
        mail,
        audit: (entry) => recordAudit(store.sqlite, who, entry, now),
      }
      const handler = handlers[admitted.name] as (input: unknown, ctx: OperationContext) => unknown
      const run = store.sqlite.transaction(() => handler(admitted.input, ctx))
      // Writers take the lock up front so concurrent stations queue instead of deadlocking.
      const value = spec.readOnly ? run.deferred() : run.immediate()
      return { ok: true, value }
    } catch (error) {
      return { ok: false, error: toEnvelope(error, logError) }
    }
  }
}

export function toEnvelope(error: unknown, logError: (error: unknown) => void): ErrorEnvelope {
  if (error instanceof TicketiError) return error.toEnvelope()
  const code = (error as { code?: unknown }).code
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new TicketiError('BUSY', 'The database is busy; please try again.').toEnvelope()
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    logError(error)
    return new TicketiError(
      'CONFLICT',
      'That change clashes with data already saved; nothing was changed.',
    ).toEnvelope()
  }
  logError(error)
  return new TicketiError(
    'INTERNAL',
    'Something went wrong inside Ticketi; nothing was changed.',
  ).toEnvelope()
}

/**
 * Group commit: runs several calls in one transaction, each in its own savepoint
 * (better-sqlite3 nests transactions that way), so one sync to disk serves them
 * all. A call that fails rolls back alone; if the commit itself fails, nothing
 * was saved and every call is refused.
 */
export function dispatchTogether(
  store: Store,
  dispatch: Dispatch,
  calls: readonly Call[],
  logError: (error: unknown) => void = console.error,
): Array<Outcome<unknown>> {
  const runAll = store.sqlite.transaction(() => calls.map((c) => dispatch(c.name, c.input, c.who)))
  try {
    return runAll.immediate()
  } catch (error) {
    const envelope = toEnvelope(error, logError)
    return calls.map(() => ({ ok: false, error: envelope }))
  }
}

/** Calls an operation and returns its answer or throws its error: for the host, tests and benchmarks. */
export function invoke<N extends OperationName>(
  dispatch: Dispatch,
  name: N,
  input: InputOf<N>,
  who: Principal,
): OutputOf<N> {
  const outcome = dispatch(name, input, who)
  if (!outcome.ok) throw TicketiError.fromEnvelope(outcome.error)
  return outcome.value as OutputOf<N>
}
