// Who is calling over the LAN: a Bearer token is either the admin token from
// the environment or a station token created by an admin (only its hash is kept).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Store } from './db/open'
import { prepared } from './db/prepared'
import type { Principal } from '../shared/principal'
import type { Role } from '../shared/views'

/** last_seen_at is written at most this often per station, not on every request. */
const SEEN_EVERY_MS = 60_000

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export type Authenticate = (authorization: string | undefined) => Principal | null

export function createAuthenticator(store: Store, adminToken: string): Authenticate {
  const adminHash = Buffer.from(hashToken(adminToken), 'hex')
  const lastSeen = new Map<number, number>()
  return (authorization) => {
    const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(authorization ?? '')
    if (!match) return null
    const hash = hashToken(match[1]!)
    if (timingSafeEqual(Buffer.from(hash, 'hex'), adminHash)) {
      return { role: 'admin', station: 'admin token', operator: 'admin' }
    }
    const station = prepared(
      store.sqlite,
      'SELECT id, name, role FROM station WHERE token_hash = ? AND revoked_at IS NULL',
    ).get(hash) as { id: number; name: string; role: Role } | undefined
    if (!station) return null
    const now = Date.now()
    if (now - (lastSeen.get(station.id) ?? 0) > SEEN_EVERY_MS) {
      lastSeen.set(station.id, now)
      prepared(store.sqlite, 'UPDATE station SET last_seen_at = ? WHERE id = ?').run(
        new Date(now).toISOString(),
        station.id,
      )
    }
    return { role: station.role, station: station.name, operator: station.name }
  }
}
