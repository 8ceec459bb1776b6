// The people who sign in on this laptop: one operator per role, each with a PIN.
// A PIN is short, so the lockout, not the hash, is what stops guessing at the
// keypad; the hash (scrypt, random salt) only slows down someone who copied the file.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { operatorPin } from '../shared/contract'
import { TicketiError } from '../shared/errors'
import { ROLES, type OperatorView, type Role } from '../shared/views'
import { recordAudit, type AuditWho } from './audit'
import type { Store } from './db/open'
import { operator } from './db/schema'

export const WRONG_PINS_BEFORE_LOCK = 5
export const LOCK_MINUTES = 5

/** The operators the first run creates, in the venue's words. */
export const OPERATOR_NAMES: Record<Role, string> = { admin: 'Admin', boxoffice: 'Box office', door: 'Door' }

export type OperatorRow = typeof operator.$inferSelect

/** Who signed in: what the session keeps, never the PIN. */
export interface SignedIn {
  id: number
  name: string
  role: Role
}

const SCRYPT = { N: 16384, r: 8, p: 1 }
const KEY_BYTES = 32

export function hashPin(pin: string): string {
  const salt = randomBytes(16)
  const key = scryptSync(pin, salt, KEY_BYTES, SCRYPT)
  return `scrypt:${SCRYPT.N}:${SCRYPT.r}:${SCRYPT.p}:${salt.toString('base64')}:${key.toString('base64')}`
}

export function pinMatches(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split(':')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  if (expected.length === 0) return false
  try {
    const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    })
    return timingSafeEqual(actual, expected)
  } catch {
    // Parameters scrypt refuses: a damaged hash matches no PIN.
    return false
  }
}

/** The lock shown to an admin: a lock that has run out is no lock. */
export function operatorView(row: OperatorRow, now: string): OperatorView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    locked_until: row.lockedUntil !== null && row.lockedUntil > now ? row.lockedUntil : null,
  }
}

export function hasOperators(store: Store): boolean {
  return store.db.select({ id: operator.id }).from(operator).limit(1).get() !== undefined
}

const roleWords: Record<Role, string> = { admin: 'admin', boxoffice: 'box office', door: 'door' }

function checkPinFormat(pin: unknown, role: Role): string {
  const parsed = operatorPin.safeParse(pin)
  if (!parsed.success)
    throw new TicketiError('VALIDATION', `The ${roleWords[role]} PIN must be 4 to 8 digits.`)
  return parsed.data
}

/** The admin PIN unlocks kiosk mode, so door staff must not be able to type it by knowing their own. */
function adminPinClashes(rows: OperatorRow[], role: Role, pin: string): boolean {
  return rows.some((row) => (row.role === 'admin') !== (role === 'admin') && pinMatches(pin, row.pinHash))
}

const ADMIN_PIN_CLASH =
  'The admin PIN must differ from the box office and door PINs: it is what unlocks kiosk mode.'

/** First run: creates Admin, Box office and Door with their PINs, all or none. */
export function setUpOperators(store: Store, pins: Record<Role, unknown>, at: Date, who: AuditWho): void {
  const checked = Object.fromEntries(ROLES.map((role) => [role, checkPinFormat(pins[role], role)])) as Record<
    Role,
    string
  >
  if (checked.admin === checked.boxoffice || checked.admin === checked.door) {
    throw new TicketiError('VALIDATION', ADMIN_PIN_CLASH)
  }
  const now = at.toISOString()
  store.sqlite
    .transaction(() => {
      if (hasOperators(store)) {
        throw new TicketiError(
          'CONFLICT',
          'The PINs are already set up; an admin can change them in Settings.',
        )
      }
      for (const role of ROLES) {
        const row = store.db
          .insert(operator)
          .values({ name: OPERATOR_NAMES[role], role, pinHash: hashPin(checked[role]), createdAt: now })
          .returning()
          .get()
        recordAudit(
          store.sqlite,
          who,
          { action: 'create', entity: 'operator', entity_id: row.id, after: operatorView(row, now) },
          now,
        )
      }
    })
    .immediate()
}

function minutesLeft(lockedUntil: string, at: Date): number {
  return Math.max(1, Math.ceil((Date.parse(lockedUntil) - at.getTime()) / 60_000))
}

function lockedError(row: OperatorRow, at: Date, prefix = ''): TicketiError {
  const minutes = minutesLeft(row.lockedUntil!, at)
  return new TicketiError(
    'THROTTLED',
    `${prefix}Too many wrong PINs: ${row.name} cannot sign in for ${minutes} more minute${minutes === 1 ? '' : 's'}.`,
    {
      locked_until: row.lockedUntil,
      retry_after_s: Math.max(1, Math.ceil((Date.parse(row.lockedUntil!) - at.getTime()) / 1000)),
    },
  )
}

/**
 * Checks a PIN for the operator of `role`. A wrong PIN is counted and saved
 * before the refusal is thrown, so neither a restart nor a retry resets it;
 * the fifth in a row locks the operator for LOCK_MINUTES.
 */
export function signIn(store: Store, role: Role, pin: unknown, at: Date, station: string): SignedIn {
  const typed = checkPinFormat(pin, role)
  const now = at.toISOString()
  const attempt = store.sqlite.transaction((): SignedIn | TicketiError => {
    const row = store.db
      .select()
      .from(operator)
      .where(eq(operator.role, role))
      .orderBy(asc(operator.id))
      .limit(1)
      .get()
    if (!row) {
      return new TicketiError(
        'UNAUTHORIZED',
        `There is no ${roleWords[role]} operator yet: set up the PINs first.`,
      )
    }
    if (row.lockedUntil !== null && row.lockedUntil > now) return lockedError(row, at)
    const who = { operator: row.name, station }
    const entry = { entity: 'operator', entity_id: row.id }
    if (pinMatches(typed, row.pinHash)) {
      if (row.failedPins > 0 || row.lockedUntil !== null) {
        store.db
          .update(operator)
          .set({ failedPins: 0, lockedUntil: null })
          .where(eq(operator.id, row.id))
          .run()
      }
      recordAudit(store.sqlite, who, { ...entry, action: 'sign in' }, now)
      return { id: row.id, name: row.name, role: row.role }
    }
    const failed = row.failedPins + 1
    if (failed >= WRONG_PINS_BEFORE_LOCK) {
      // The count starts again once the lock runs out: five more tries, then another lock.
      const lockedUntil = new Date(at.getTime() + LOCK_MINUTES * 60_000).toISOString()
      const locked = store.db
        .update(operator)
        .set({ failedPins: 0, lockedUntil })
        .where(eq(operator.id, row.id))
        .returning()
        .get()
      recordAudit(store.sqlite, who, { ...entry, action: 'lock', after: operatorView(locked, now) }, now)
      return lockedError(locked, at, 'Wrong PIN. ')
    }
    store.db.update(operator).set({ failedPins: failed }).where(eq(operator.id, row.id)).run()
    recordAudit(store.sqlite, who, { ...entry, action: 'wrong pin', after: { failed_pins: failed } }, now)
    const left = WRONG_PINS_BEFORE_LOCK - failed
    return new TicketiError(
      'UNAUTHORIZED',
      `Wrong PIN for ${row.name}. After ${left} more wrong PIN${left === 1 ? '' : 's'}, ` +
        `sign-in is locked for ${LOCK_MINUTES} minutes.`,
      { failed_pins: failed, tries_left: left },
    )
  })
  const outcome = attempt.immediate()
  if (outcome instanceof TicketiError) throw outcome
  return outcome
}

/** An admin's change of an operator's PIN; it also lifts a lock. Runs inside the dispatcher's transaction. */
export function changePin(store: Store, operatorId: number, pin: string): [OperatorRow, OperatorRow] {
  const rows = store.db.select().from(operator).all()
  const before = rows.find((row) => row.id === operatorId)
  if (!before) throw new TicketiError('NOT_FOUND', `There is no operator with id ${operatorId}.`)
  const others = rows.filter((row) => row.id !== operatorId)
  if (adminPinClashes(others, before.role, pin)) throw new TicketiError('VALIDATION', ADMIN_PIN_CLASH)
  const after = store.db
    .update(operator)
    .set({ pinHash: hashPin(pin), failedPins: 0, lockedUntil: null })
    .where(eq(operator.id, operatorId))
    .returning()
    .get()
  return [before, after]
}
