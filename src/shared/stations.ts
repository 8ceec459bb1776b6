// What the door and the box office call a station. LAN stations are named by
// the admin for a place or a person ("Door 1", "Box office"); the host's own
// identities (the admin token, the desktop app's window, its kiosk) have
// technical names in the audit log, and a volunteer reads a person's name instead.

/** The station names the host gives its built-in identities, as recorded in check-ins and the audit log. */
export const BUILT_IN_STATIONS = {
  'admin token': 'Admin',
  'this laptop': 'Box office',
  'door kiosk': 'Door kiosk',
} as const satisfies Record<string, string>

export function isBuiltInStation(station: string): boolean {
  return Object.hasOwn(BUILT_IN_STATIONS, station)
}

/** The name a person reads for a station: its own name, or a person's for a built-in identity. */
export function stationLabel(station: string): string {
  return isBuiltInStation(station) ? BUILT_IN_STATIONS[station as keyof typeof BUILT_IN_STATIONS] : station
}
