import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN_STATION } from './auth'
import { KIOSK_PRINCIPAL, LAPTOP_STATION } from './shell/session'
import { stationLabel } from '../shared/stations'

describe('station names a person reads', () => {
  it('gives every built-in identity of the host a person’s name', () => {
    expect(stationLabel(ADMIN_TOKEN_STATION)).toBe('Admin')
    expect(stationLabel(LAPTOP_STATION)).toBe('Box office')
    expect(stationLabel(KIOSK_PRINCIPAL.station)).toBe('Door kiosk')
  })

  it('keeps the names an admin gave LAN stations', () => {
    expect(stationLabel('Door 1')).toBe('Door 1')
    expect(stationLabel('constructor')).toBe('constructor')
  })
})
