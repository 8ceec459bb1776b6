import { describe, expect, it } from 'vitest'
import { createAuthenticator } from './auth'
import { openTestCore } from './test-support'
import { KIOSK_PRINCIPAL, LAPTOP_STATION } from './shell/session'
import { stationLabel } from '../shared/stations'

describe('station names a person reads', () => {
  it('gives every built-in identity of the host a person’s name', () => {
    const core = openTestCore()
    try {
      const admin = createAuthenticator(core.store, 'a'.repeat(32))(`Bearer ${'a'.repeat(32)}`)
      expect(stationLabel(admin!.station)).toBe('Admin')
    } finally {
      core.dispose()
    }
    expect(stationLabel(LAPTOP_STATION)).toBe('Box office')
    expect(stationLabel(KIOSK_PRINCIPAL.station)).toBe('Door kiosk')
  })

  it('keeps the names an admin gave LAN stations', () => {
    expect(stationLabel('Door 1')).toBe('Door 1')
    expect(stationLabel('constructor')).toBe('constructor')
  })
})
