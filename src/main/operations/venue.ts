// The venue's locale and time zone: one JSON row in the `setting` table, read by
// every screen (through getVenueSettings) and by the ticket email. Nothing saved
// follows the host's system, so a new install reads like the computer it runs on.
import { z } from 'zod'
import type { VenueSettingsView } from '../../shared/views'
import {
  canonicalLocale,
  canonicalTimeZone,
  systemVenueFormat,
  type VenueFormat,
} from '../../shared/venue-format'
import { prepared } from '../db/prepared'
import type { Store } from '../db/open'
import type { Handlers } from '../dispatcher'

type Sqlite = Store['sqlite']

const KEY = 'venue'
const storedVenue = z.object({ locale: z.string().nullable(), time_zone: z.string().nullable() })

interface SavedVenue {
  locale: string | null
  time_zone: string | null
}

/**
 * The stored text as this system reads it, kept for the next time the same text is read: every
 * DUPLICATE at the door formats its time with it, and parsing it and checking it against the
 * system's locales and zones each time showed in the busy door's profile.
 */
let lastReading: { text: string; venue: SavedVenue | null } | null = null

function readVenue(text: string): SavedVenue | null {
  if (lastReading?.text === text) return lastReading.venue
  let venue: SavedVenue | null = null
  try {
    const parsed = storedVenue.safeParse(JSON.parse(text))
    if (parsed.success) {
      // A value this system cannot format (saved on another computer) falls back to the system's.
      const { locale, time_zone } = parsed.data
      venue = {
        locale: locale === null ? null : canonicalLocale(locale),
        time_zone: time_zone === null ? null : canonicalTimeZone(time_zone),
      }
    }
  } catch {
    venue = null
  }
  lastReading = { text, venue }
  return venue
}

function readSaved(sqlite: Sqlite): (SavedVenue & { updated_at: string }) | null {
  const row = prepared(sqlite, 'SELECT value, updated_at FROM setting WHERE key = ?').get(KEY) as
    { value: string; updated_at: string } | undefined
  const venue = row ? readVenue(row.value) : null
  return venue && { ...venue, updated_at: row!.updated_at }
}

export function venueSettingsView(sqlite: Sqlite): VenueSettingsView {
  const system = systemVenueFormat()
  const saved = readSaved(sqlite)
  return {
    locale: saved?.locale ?? system.locale,
    time_zone: saved?.time_zone ?? system.time_zone,
    saved_locale: saved?.locale ?? null,
    saved_time_zone: saved?.time_zone ?? null,
    system_locale: system.locale,
    system_time_zone: system.time_zone,
    updated_at: saved?.updated_at ?? null,
  }
}

/** The locale and time zone in force, for the email composed at sale time. */
export function venueFormat(sqlite: Sqlite): VenueFormat {
  const { locale, time_zone } = venueSettingsView(sqlite)
  return { locale, time_zone }
}

export const venueOperations: Pick<Handlers, 'getVenueSettings' | 'updateVenueSettings'> = {
  getVenueSettings(_input, { store }) {
    return venueSettingsView(store.sqlite)
  },

  updateVenueSettings(input, { store, now, audit }) {
    const before = venueSettingsView(store.sqlite)
    prepared(
      store.sqlite,
      `INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(KEY, JSON.stringify({ locale: input.locale, time_zone: input.time_zone }), now)
    const after = venueSettingsView(store.sqlite)
    audit({ action: 'updateVenueSettings', entity: 'setting', before, after })
    return after
  },
}
