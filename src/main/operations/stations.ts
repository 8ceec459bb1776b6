// Stations: other laptops or browsers on the LAN, each with its own role. A
// station joins by pairing (an admin makes a one-use code, the station spends
// it: see auth.ts); a token made here is for automation.
import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import { TicketiError } from '../../shared/errors'
import type { StationView } from '../../shared/views'
import { ADMIN_TOKEN_STATION, PAIRING_TTL_MS, hashToken, newPairingCode, newToken } from '../auth'
import type { Drizzle } from '../db/open'
import { pairing, station } from '../db/schema'
import type { Handlers } from '../dispatcher'
import { KIOSK_PRINCIPAL, LAPTOP_STATION } from '../shell/session'

/**
 * Names the host itself signs check-ins and audit rows with: a LAN station called
 * "door kiosk" would pass for the kiosk in every report.
 */
const BUILT_IN_STATIONS = [ADMIN_TOKEN_STATION, KIOSK_PRINCIPAL.station, LAPTOP_STATION]

/** Refuses a name the reports could not tell apart from another station's. */
function checkName(db: Drizzle, name: string, except?: number) {
  if (BUILT_IN_STATIONS.some((builtIn) => builtIn.toLowerCase() === name.toLowerCase())) {
    throw new TicketiError('CONFLICT', `"${name}" is the name of a built-in station; choose another one.`)
  }
  const sameName = sql`${station.name} = ${name} COLLATE NOCASE`
  const clash = db
    .select({ id: station.id })
    .from(station)
    .where(except === undefined ? sameName : and(sameName, ne(station.id, except)))
    .get()
  if (clash) throw new TicketiError('CONFLICT', `There is already a station called "${name}".`)
}

function stationView(row: typeof station.$inferSelect): StationView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    last_seen_at: row.lastSeenAt,
    revoked_at: row.revokedAt,
    created_at: row.createdAt,
  }
}

export const stationOperations: Pick<
  Handlers,
  'whoAmI' | 'createStation' | 'listStations' | 'revokeStation' | 'renameStation' | 'createPairing'
> = {
  whoAmI(_input, { who }) {
    return { role: who.role, station: who.station, operator: who.operator }
  },

  createStation({ name, role }, { store: { db }, now, audit }) {
    checkName(db, name)
    const token = newToken()
    const row = db
      .insert(station)
      .values({ name, role, tokenHash: hashToken(token), createdAt: now })
      .returning()
      .get()
    audit({ action: 'create', entity: 'station', entity_id: row.id, after: stationView(row) })
    return { ...stationView(row), token }
  },

  listStations(_input, { store: { db } }) {
    return db.select().from(station).orderBy(asc(station.id)).all().map(stationView)
  },

  revokeStation({ station_id }, { store: { db }, now, audit, changed }) {
    const before = db.select().from(station).where(eq(station.id, station_id)).get()
    if (!before) throw new TicketiError('NOT_FOUND', `There is no station with id ${station_id}.`)
    const row = db
      .update(station)
      .set({ revokedAt: before.revokedAt ?? now })
      .where(eq(station.id, station_id))
      .returning()
      .get()
    audit({
      action: 'revoke',
      entity: 'station',
      entity_id: station_id,
      before: stationView(before),
      after: stationView(row),
    })
    changed({ kind: 'stationRevoked', station: row.name })
    return stationView(row)
  },

  renameStation({ station_id, name }, { store: { db }, audit, changed }) {
    const before = db.select().from(station).where(eq(station.id, station_id)).get()
    if (!before) throw new TicketiError('NOT_FOUND', `There is no station with id ${station_id}.`)
    checkName(db, name, station_id)
    const row = db.update(station).set({ name }).where(eq(station.id, station_id)).returning().get()
    audit({
      action: 'rename',
      entity: 'station',
      entity_id: station_id,
      before: stationView(before),
      after: stationView(row),
    })
    changed({ kind: 'stationRenamed', station: row.name })
    return stationView(row)
  },

  createPairing({ name, role }, { store: { db }, now, audit }) {
    checkName(db, name)
    const expiresAt = new Date(Date.parse(now) + PAIRING_TTL_MS).toISOString()
    // Two open pairings never share a code, so a code names one station.
    let code = newPairingCode()
    const open = (candidate: string) =>
      db
        .select({ id: pairing.id })
        .from(pairing)
        .where(
          and(eq(pairing.codeHash, hashToken(candidate)), isNull(pairing.usedAt), gt(pairing.expiresAt, now)),
        )
        .get()
    while (open(code)) code = newPairingCode()
    const row = db
      .insert(pairing)
      .values({ codeHash: hashToken(code), name, role, expiresAt, createdAt: now })
      .returning()
      .get()
    audit({
      action: 'create',
      entity: 'pairing',
      entity_id: row.id,
      after: { name, role, expires_at: expiresAt },
    })
    return { pairing_code: code, expires_at: expiresAt, join_url: null, name, role }
  },
}
