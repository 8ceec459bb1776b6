// Who is calling over the LAN. A Bearer token is one of: the admin token from the
// environment (automation), an access JWT a paired station got from pairing or a
// refresh, or a station token an admin created with POST /stations (automation;
// only its hash is kept). Pairing and refresh live here too: they are how a
// station gets its JWTs, and the only writes that need no token.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errors, jwtVerify, SignJWT } from 'jose'
import { TicketiError } from '../shared/errors'
import type { Role, StationSession } from '../shared/views'
import { recordAudit } from './audit'
import type { Store } from './db/open'
import { prepared } from './db/prepared'
import { withoutSync } from './db/unsynced'
import type { Principal } from '../shared/principal'

/** The station name of requests made with the admin token. */
export const ADMIN_TOKEN_STATION = 'admin token'
/** At most 15 minutes: a stolen access token is soon worthless, revoked or not. */
export const ACCESS_TTL_S = 15 * 60
/** A station not used for this long must be paired again. */
export const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000
export const PAIRING_TTL_MS = 10 * 60 * 1000
export const SESSION_KEY_FILE = 'session-signing.key'

/** last_seen_at is written at most this often per station, not on every request. */
const SEEN_EVERY_MS = 60_000
const ISSUER = 'ticketi'

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** 8 random digits, zero-padded: typed on a phone or a door laptop's keypad. */
export function newPairingCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0')
}

/** Why an admin token is too weak to guard the whole database, or null when it will do. */
export function adminTokenProblem(token: string): string | null {
  if (!/^[\x20-\x7e]*$/.test(token))
    return 'TICKETI_ADMIN_TOKEN may only hold printable ASCII characters (no accents, tabs or line breaks).'
  if (token.length < 16) return `TICKETI_ADMIN_TOKEN must be at least 16 characters, not ${token.length}.`
  if (new Set(token).size === 1) return 'TICKETI_ADMIN_TOKEN must not be one character repeated.'
  return null
}

/**
 * The key that signs access JWTs: made on first start, kept in the data folder
 * where only its owner may read it, so tokens outlive a restart of the host.
 */
export function sessionKeyIn(dataDir: string): Uint8Array {
  const path = join(dataDir, SESSION_KEY_FILE)
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true })
    try {
      // 'wx': two processes racing to create it keep one key, never two.
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600)
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')
  if (key.length !== 32) throw new Error(`${path} is not a Ticketi key file.`)
  return key
}

/**
 * Who sent a request, or why not. `issued` tells a token this host once gave out (an expired
 * or revoked JWT) from one it never did: only the latter can be a guess.
 */
export type Authentication = { who: Principal } | { who: null; issued: boolean }
export type Authenticate = (
  authorization: string | undefined,
  /**
   * `stillValid`: an access JWT past its 15 minutes still counts while its session and station
   * stand. A live stream opened with it asks this again and again: expiry alone does not end it.
   */
  options?: { stillValid?: boolean },
) => Promise<Authentication>

export interface Sessions {
  authenticate: Authenticate
  /** Spends a pairing code: a new station and its first tokens. UNAUTHORIZED when the code is no good. */
  pair(code: string): Promise<StationSession & { refresh_token: string }>
  /** Spends a refresh token for the next pair; a spent one shown again revokes its session. */
  refresh(token: string): Promise<StationSession & { refresh_token: string }>
  /** Signing out: the session's refresh tokens and access tokens are refused from now on. */
  end(token: string): void
  /** A station was revoked or renamed elsewhere: every token is checked against the database again. */
  forget(): void
}

export interface SessionOptions {
  /** null: no admin token opens this host (the desktop app, whose admin works through its own window). */
  adminToken: string | null
  key: Uint8Array
  /** Milliseconds since the epoch; tests move it to expire tokens. */
  clock?: () => number
}

interface StationRow {
  id: number
  name: string
  role: Role
}

interface RefreshRow {
  id: number
  session_id: number
  spent_at: string | null
  expires_at: string
  session_revoked_at: string | null
  station_id: number
  station_revoked_at: string | null
}

const refused = (message: string, issued = true) =>
  new TicketiError('UNAUTHORIZED', message, issued ? undefined : { issued: false })

export function createSessions(
  store: Store,
  { adminToken, key, clock = Date.now }: SessionOptions,
): Sessions {
  const { sqlite } = store
  const adminHash = adminToken === null ? null : Buffer.from(hashToken(adminToken), 'hex')
  const lastSeen = new Map<number, number>()
  const iso = (ms: number) => new Date(ms).toISOString()
  /**
   * Who each token stood for when it was last checked, until when (an access JWT's expiry):
   * a door's check-in does not look its station up again, which cost more than the check-in's
   * own reads. Emptied whenever a session or a station changes: by this module's own sign-outs
   * and refusals, and by forget(), which the host calls after every commit that revoked or
   * renamed a station (Change 'stationRevoked', 'stationRenamed').
   */
  const known = new Map<string, { who: Principal; stationId: number | null; until: number }>()
  const KNOWN_AT_MOST = 1000
  function remember(token: string, who: Principal, stationId: number | null, until = Infinity) {
    if (known.size >= KNOWN_AT_MOST) known.clear()
    known.set(token, { who, stationId, until })
  }

  function seen(stationId: number) {
    const now = clock()
    if (now - (lastSeen.get(stationId) ?? 0) <= SEEN_EVERY_MS) return
    lastSeen.set(stationId, now)
    // When a station was last heard of is worth no wait for the disk (db/unsynced.ts).
    withoutSync(sqlite, () =>
      prepared(sqlite, 'UPDATE station SET last_seen_at = ? WHERE id = ?').run(iso(now), stationId),
    )
  }

  const principal = (station: StationRow): Principal => ({
    role: station.role,
    station: station.name,
    operator: station.name,
  })

  async function verifyAccess(jwt: string, stillValid = false): Promise<Authentication> {
    let claims
    try {
      ;({ payload: claims } = await jwtVerify(jwt, key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        currentDate: new Date(clock()),
        clockTolerance: stillValid ? REFRESH_TTL_MS / 1000 : 0,
      }))
    } catch (error) {
      // Signed by us but out of date: a station that slept past its 15 minutes, not a guess.
      if (error instanceof errors.JWTExpired) return { who: null, issued: true }
      if (error instanceof errors.JOSEError) return { who: null, issued: false }
      throw error
    }
    const stationId = Number(claims.sub)
    if (!Number.isInteger(stationId) || !Number.isInteger(claims.sid)) return { who: null, issued: false }
    // Checked on every request, so a revoke or a sign-out holds from the next request on.
    const station = prepared(
      sqlite,
      `SELECT st.id, st.name, st.role FROM station_session ss JOIN station st ON st.id = ss.station_id
       WHERE ss.id = +? AND st.id = +? AND ss.revoked_at IS NULL AND st.revoked_at IS NULL`,
    ).get(claims.sid, stationId) as StationRow | undefined
    if (!station) return { who: null, issued: true }
    seen(station.id)
    const who = principal(station)
    // A stream's check past the expiry (stillValid) is not remembered: only what holds for everyone.
    if (!stillValid && typeof claims.exp === 'number') remember(jwt, who, station.id, claims.exp * 1000)
    return { who }
  }

  /** Inside the transaction that made or spent the previous one, so a session is never left without one. */
  function issueRefresh(sessionId: number): string {
    const now = clock()
    const refreshToken = newToken()
    prepared(
      sqlite,
      'INSERT INTO refresh_token (session_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?)',
    ).run(sessionId, hashToken(refreshToken), iso(now + REFRESH_TTL_MS), iso(now))
    return refreshToken
  }

  async function tokensFor(station: StationRow, sessionId: number, refreshToken: string) {
    const nowS = Math.floor(clock() / 1000)
    const accessToken = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(String(station.id))
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + ACCESS_TTL_S)
      .sign(key)
    return {
      access_token: accessToken,
      token_type: 'Bearer' as const,
      expires_in: ACCESS_TTL_S,
      refresh_token: refreshToken,
      station: { id: station.id, name: station.name, role: station.role },
    }
  }

  function revokeSession(sessionId: number, stationName: string, why: string) {
    known.clear()
    const at = iso(clock())
    prepared(sqlite, 'UPDATE station_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
      at,
      sessionId,
    )
    // Every refresh token of the session is spent, the newest one included.
    prepared(sqlite, 'UPDATE refresh_token SET spent_at = ? WHERE session_id = ? AND spent_at IS NULL').run(
      at,
      sessionId,
    )
    recordAudit(
      sqlite,
      { operator: stationName, station: stationName },
      { action: why, entity: 'station_session', entity_id: sessionId },
      at,
    )
  }

  /** The token's row, or null when it was never issued. */
  function refreshRow(token: string): RefreshRow | null {
    return (
      (prepared(
        sqlite,
        `SELECT rt.id, rt.session_id, rt.spent_at, rt.expires_at, ss.revoked_at AS session_revoked_at,
                st.id AS station_id, st.revoked_at AS station_revoked_at
         FROM refresh_token rt JOIN station_session ss ON ss.id = rt.session_id
         JOIN station st ON st.id = ss.station_id WHERE rt.token_hash = +?`,
      ).get(hashToken(token)) as RefreshRow | undefined) ?? null
    )
  }

  const stationById = (id: number) =>
    prepared(sqlite, 'SELECT id, name, role FROM station WHERE id = ?').get(id) as StationRow

  return {
    async authenticate(authorization, { stillValid = false } = {}) {
      const match = /^Bearer ([\x21-\x7e]{1,2000})$/.exec(authorization ?? '')
      if (!match) return { who: null, issued: false }
      const token = match[1]!
      const remembered = stillValid ? undefined : known.get(token)
      if (remembered && clock() < remembered.until) {
        if (remembered.stationId !== null) seen(remembered.stationId)
        return { who: remembered.who }
      }
      const hash = hashToken(token)
      if (adminHash && timingSafeEqual(Buffer.from(hash, 'hex'), adminHash)) {
        const who: Principal = { role: 'admin', station: ADMIN_TOKEN_STATION, operator: 'admin' }
        remember(token, who, null)
        return { who }
      }
      if (token.split('.').length === 3) return verifyAccess(token, stillValid)
      const station = prepared(
        sqlite,
        'SELECT id, name, role, revoked_at FROM station WHERE token_hash = ?',
      ).get(hash) as (StationRow & { revoked_at: string | null }) | undefined
      if (!station || station.revoked_at !== null) return { who: null, issued: station !== undefined }
      seen(station.id)
      const who = principal(station)
      remember(token, who, station.id)
      return { who }
    },

    forget() {
      known.clear()
    },

    async pair(code) {
      const now = iso(clock())
      const joined = sqlite.transaction(() => {
        // One guarded statement spends the code, so two stations racing with it cannot both join.
        const spent = prepared(
          sqlite,
          `UPDATE pairing SET used_at = ? WHERE id = (SELECT id FROM pairing
             WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1)
           RETURNING id, name, role`,
        ).get(now, hashToken(code), now) as { id: number; name: string; role: Role } | undefined
        if (!spent)
          throw refused('That pairing code is wrong, used or expired. Ask the host for a new one.', false)
        const taken = prepared(sqlite, 'SELECT 1 FROM station WHERE name = ? COLLATE NOCASE').get(spent.name)
        if (taken) {
          throw new TicketiError('CONFLICT', `There is already a station called "${spent.name}".`)
        }
        // A paired station signs in with JWTs only: its token hash is of a token nobody is given.
        const station = prepared(
          sqlite,
          `INSERT INTO station (name, role, token_hash, last_seen_at, created_at) VALUES (?, ?, ?, ?, ?)
           RETURNING id, name, role`,
        ).get(spent.name, spent.role, hashToken(newToken()), now, now) as StationRow
        prepared(sqlite, 'UPDATE pairing SET station_id = ? WHERE id = ?').run(station.id, spent.id)
        const session = prepared(
          sqlite,
          'INSERT INTO station_session (station_id, created_at) VALUES (?, ?) RETURNING id',
        ).get(station.id, now) as { id: number }
        recordAudit(
          sqlite,
          { operator: station.name, station: station.name },
          { action: 'pair', entity: 'station', entity_id: station.id, after: station },
          now,
        )
        return { station, sessionId: session.id, refreshToken: issueRefresh(session.id) }
      })()
      return tokensFor(joined.station, joined.sessionId, joined.refreshToken)
    },

    async refresh(token) {
      const now = clock()
      // The reuse case must commit its revoke, so the transaction answers with the refusal rather than throwing it.
      const next = sqlite.transaction(
        ():
          | { refusal: string; issued?: false }
          | { station: StationRow; sessionId: number; refreshToken: string } => {
          const row = refreshRow(token)
          if (!row)
            return { refusal: 'This station is not signed in here any more. Pair it again.', issued: false }
          const station = stationById(row.station_id)
          if (row.spent_at !== null) {
            // Someone else holds a copy of this station's tokens: neither copy may go on.
            if (row.session_revoked_at === null) revokeSession(row.session_id, station.name, 'refresh reused')
            return { refusal: 'This sign-in was used twice, so it has been ended. Pair the station again.' }
          }
          if (row.session_revoked_at !== null || row.station_revoked_at !== null)
            return { refusal: 'This station was signed out or revoked. Pair it again.' }
          if (row.expires_at <= iso(now))
            return { refusal: 'This sign-in has expired. Pair the station again.' }
          prepared(sqlite, 'UPDATE refresh_token SET spent_at = ? WHERE id = ? AND spent_at IS NULL').run(
            iso(now),
            row.id,
          )
          return { station, sessionId: row.session_id, refreshToken: issueRefresh(row.session_id) }
        },
      )()
      if ('refusal' in next) throw refused(next.refusal, next.issued ?? true)
      seen(next.station.id)
      return tokensFor(next.station, next.sessionId, next.refreshToken)
    },

    end(token) {
      sqlite.transaction(() => {
        const row = refreshRow(token)
        if (row && row.session_revoked_at === null)
          revokeSession(row.session_id, stationById(row.station_id).name, 'sign out')
      })()
    },
  }
}
