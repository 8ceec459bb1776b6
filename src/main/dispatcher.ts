// The one path every call takes into the core. check() looks at a call once
// (known operation, role, input) and says what kind it is; nothing after it
// validates again. Then one branch on the kind (src/main/pipeline.ts): a read
// runs here in a deferred transaction (one snapshot, no write lock), a write in
// an immediate one, alone or group-committed with others, and its commit is
// announced to the after-commit hook; a network effect runs outside any
// transaction (src/main/effects.ts). IPC and HTTP both come through here.
import type { z } from 'zod'
import {
  isEffect,
  isOperationName,
  operations,
  type EffectName,
  type InputOf,
  type OperationName,
  type OutputOf,
  type ParsedInputOf,
  type TransactionalName,
} from '../shared/contract'
import { TicketiError, type ErrorEnvelope, type FieldProblem, type Outcome } from '../shared/errors'
import type { Principal } from '../shared/principal'
import type { HealthView, Role } from '../shared/views'
import type { AfterCommit, Change, CommittedWrite } from './after-commit'
import { recordAudit } from './audit'
import type { Store } from './db/open'
import { withoutSync } from './db/unsynced'
import { createDiskWatch, isDiskFull, type DiskWatch } from './disk'
import { NO_MAIL, type MailContext } from './mail/context'

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
  /** Notes what this write changed; after-commit subscribers hear of it once it is saved. */
  changed(change: Change): void
  /** How this installation seals the SMTP password, and where mail goes when nothing was set. */
  mail: MailContext
  /** Whether the disk had room at the last write (GET /api/v1/health). */
  health(): HealthView
}

export type Handler<N extends OperationName> = (input: ParsedInputOf<N>, ctx: OperationContext) => OutputOf<N>
export type Handlers = { [N in TransactionalName]: Handler<N> }

export type Dispatch = (name: string, input: unknown, who: Principal) => Outcome<unknown>
export type AsyncDispatch = (name: string, input: unknown, who: Principal) => Promise<Outcome<unknown>>

export interface Call {
  name: string
  input: unknown
  who: Principal
}

/** How a call runs: see the top of this file. */
export type CallKind = 'read' | 'write' | 'effect'

declare const CHECKED: unique symbol

/**
 * A call that passed check(): a known operation the caller's role may call, with
 * its input as the schema parsed it (defaults filled in). Only check() makes one,
 * so whatever takes a CheckedCall runs it as it is.
 */
export type CheckedCall<K extends CallKind = CallKind> = K extends CallKind
  ? {
      readonly kind: K
      readonly name: K extends 'effect' ? EffectName : TransactionalName
      readonly input: unknown
      readonly who: Principal
      readonly [CHECKED]: true
    }
  : never

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

/** Checks a call once and says how it runs; throws the TicketiError a refusal answers with. */
export function check(name: string, rawInput: unknown, who: Principal): CheckedCall {
  const admitted = admit(name, rawInput, who)
  const kind: CallKind = isEffect(admitted.name)
    ? 'effect'
    : operations[admitted.name].readOnly
      ? 'read'
      : 'write'
  return { kind, name: admitted.name, input: admitted.input, who } as CheckedCall
}

export interface Dispatcher {
  /** Checks and runs a read or a write at once, each write committed alone; refuses the network effects. */
  dispatch: Dispatch
  /** A checked read (deferred transaction) or write (immediate transaction, announced once committed). */
  run(call: CheckedCall<'read' | 'write'>): Outcome<unknown>
  /**
   * Group commit: checked writes in one immediate transaction, each in its own
   * savepoint (better-sqlite3 nests transactions that way), so one sync to disk
   * serves them all. A call that fails rolls back alone; if the commit itself
   * fails, nothing was saved and every call is refused. The writes that were
   * saved are announced together, after the one commit.
   */
  runTogether(calls: ReadonlyArray<CheckedCall<'write'>>): Array<Outcome<unknown>>
  /**
   * runTogether for a caller that syncs the WAL itself, off the main thread: the commit is
   * written but not yet synced, and nobody has been told of it. The caller answers no call
   * until its own sync is done, then calls announce().
   */
  commitUnsynced(calls: ReadonlyArray<CheckedCall<'write'>>): UnsyncedCommit
  /** Checks each call, then runs those that pass together: for benchmarks that sell in bulk. */
  dispatchTogether(calls: readonly Call[]): Array<Outcome<unknown>>
}

export interface UnsyncedCommit {
  outcomes: Array<Outcome<unknown>>
  /** Tells the after-commit hook of the saved writes: only once they are on disk. */
  announce(): void
}

export interface DispatcherOptions {
  logError?: (error: unknown) => void
  mail?: MailContext
  /** Told of every write once its commit is on disk. */
  afterCommit?: Pick<AfterCommit, 'committed'>
  /** Milliseconds since the epoch for each operation's `now`; tests move it. */
  clock?: () => number
  /** Told of every write the disk had no room for. */
  disk?: DiskWatch
}

/** What a group commit saved so far, and the error that lost the whole transaction, if one did. */
interface Batch {
  saved: CommittedWrite[]
  lost: ErrorEnvelope | null
}

const NOBODY_LISTENS: Pick<AfterCommit, 'committed'> = { committed: () => {} }

export function createDispatcher(
  store: Store,
  handlers: Handlers,
  {
    logError = console.error,
    mail = NO_MAIL,
    afterCommit = NOBODY_LISTENS,
    clock = Date.now,
    disk = createDiskWatch(clock),
  }: DispatcherOptions = {},
): Dispatcher {
  const { sqlite } = store
  const refusal = (error: unknown): { ok: false; error: ErrorEnvelope } => {
    if (isDiskFull(error)) disk.noteFull()
    return { ok: false, error: toEnvelope(error, logError) }
  }

  /** The handler alone, inside whatever transaction the caller opened. */
  function perform(call: CheckedCall<'read' | 'write'>): CommittedWrite {
    const { who } = call
    const now = new Date(clock()).toISOString()
    const changes: Change[] = []
    const ctx: OperationContext = {
      store,
      who,
      now,
      mail,
      health: disk.health,
      audit: (entry) => recordAudit(sqlite, who, entry, now),
      changed: (change) => void changes.push(change),
    }
    const handler = handlers[call.name] as (input: unknown, ctx: OperationContext) => unknown
    return { name: call.name, input: call.input, value: handler(call.input, ctx), who, changes }
  }

  // Made once: better-sqlite3 builds a transaction function's variants anew at every
  // sqlite.transaction() call, a cost every door answer would pay again.
  const performed = sqlite.transaction(perform)

  function run(call: CheckedCall<'read' | 'write'>): Outcome<unknown> {
    try {
      if (call.kind === 'read') return { ok: true, value: performed.deferred(call).value }
      // Inside another transaction this would only be a savepoint: not yet saved, so not announceable.
      if (sqlite.inTransaction)
        throw new Error(`"${call.name}" must commit on its own, not inside another transaction`)
      // Writers take the lock up front so concurrent stations queue instead of deadlocking.
      const write = performed.immediate(call)
      afterCommit.committed([write])
      return { ok: true, value: write.value }
    } catch (error) {
      return refusal(error)
    }
  }

  /**
   * Each call in a savepoint of its own (a nested transaction). Some errors (a full disk above
   * all) make SQLite roll back the whole transaction, not only the savepoint: the calls before
   * were undone with it, and a call after would run (and commit) on its own. So the batch stops
   * there, and every call is refused for that reason.
   */
  const performedAll = sqlite.transaction((calls: ReadonlyArray<CheckedCall<'write'>>, batch: Batch) =>
    calls.map((call): Outcome<unknown> => {
      if (batch.lost) return { ok: false, error: batch.lost }
      try {
        const write = performed(call)
        batch.saved.push(write)
        return { ok: true, value: write.value }
      } catch (error) {
        const refused = refusal(error)
        if (!sqlite.inTransaction) batch.lost = refused.error
        return refused
      }
    }),
  )

  function commitTogether(calls: ReadonlyArray<CheckedCall<'write'>>, synced: boolean): UnsyncedCommit {
    const batch: Batch = { saved: [], lost: null }
    const commit = (): Array<Outcome<unknown>> => {
      if (calls.length > 1) return performedAll.immediate(calls, batch)
      // Alone, a call needs no savepoint: its failure rolls back the transaction it is alone in.
      // A savepoint would also make SQLite keep every page the call changes in a journal of its
      // own, and walk that journal at the end of each statement: a guest list's step would
      // spend a third of its time there.
      const write = performed.immediate(calls[0]!)
      batch.saved.push(write)
      return [{ ok: true, value: write.value }]
    }
    let outcomes: Array<Outcome<unknown>>
    try {
      // Unsynced: written to the WAL but left for the caller to sync.
      outcomes = synced ? commit() : withoutSync(sqlite, commit)
    } catch (error) {
      const envelope = batch.lost ?? refusal(error).error
      return { outcomes: calls.map(() => ({ ok: false, error: envelope })), announce: () => {} }
    }
    return { outcomes, announce: () => afterCommit.committed(batch.saved) }
  }

  function runTogether(calls: ReadonlyArray<CheckedCall<'write'>>): Array<Outcome<unknown>> {
    const { outcomes, announce } = commitTogether(calls, true)
    announce()
    return outcomes
  }

  return {
    run,
    runTogether,
    commitUnsynced: (calls) => commitTogether(calls, false),
    dispatch(name, rawInput, who) {
      try {
        const call = check(name, rawInput, who)
        if (call.kind === 'effect') {
          throw new TicketiError(
            'INTERNAL',
            `"${name}" waits on the network; call it through the core's dispatchAsync().`,
          )
        }
        return run(call)
      } catch (error) {
        return refusal(error)
      }
    },
    dispatchTogether(calls) {
      const outcomes: Array<Outcome<unknown> | null> = []
      const writes: Array<CheckedCall<'write'>> = []
      for (const { name, input, who } of calls) {
        try {
          const call = check(name, input, who)
          if (call.kind !== 'write') throw new TicketiError('INTERNAL', `"${name}" is not a write.`)
          writes.push(call)
          outcomes.push(null)
        } catch (error) {
          outcomes.push(refusal(error))
        }
      }
      const results = runTogether(writes)
      let next = 0
      return outcomes.map((outcome) => outcome ?? results[next++]!)
    },
  }
}

export function toEnvelope(error: unknown, logError: (error: unknown) => void): ErrorEnvelope {
  if (error instanceof TicketiError) return error.toEnvelope()
  const code = (error as { code?: unknown }).code
  if (isDiskFull(error)) {
    return new TicketiError(
      'DISK_FULL',
      'The disk is full: this change was not saved, and nothing was changed. Free some space, then try again.',
    ).toEnvelope()
  }
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
