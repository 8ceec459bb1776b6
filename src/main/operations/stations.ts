// Stations: other laptops or browsers on the LAN, each with its own token and role.
import { asc, eq } from 'drizzle-orm'
import { TicketiError } from '../../shared/errors'
import type { StationView } from '../../shared/views'
import { newToken, hashToken } from '../auth'
import { station } from '../db/schema'
import type { Handlers } from '../dispatcher'

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
  'whoAmI' | 'createStation' | 'listStations' | 'revokeStation'
> = {
  whoAmI(_input, { who }) {
    return { role: who.role, station: who.station, operator: who.operator }
  },

  createStation({ name, role }, { store: { db }, now, audit }) {
    if (db.select({ id: station.id }).from(station).where(eq(station.name, name)).get()) {
      throw new TicketiError('CONFLICT', `There is already a station called "${name}".`)
    }
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

  revokeStation({ station_id }, { store: { db }, now, audit }) {
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
    return stationView(row)
  },
}
