import { describe, expect, it } from 'vitest'
import { createHostCheck, hostNameOf } from './host-check'

describe('the host check', () => {
  it('reads the name of a Host header, without its port or brackets', () => {
    expect(hostNameOf('LocalHost:8080')).toBe('localhost')
    expect(hostNameOf('[::1]:80')).toBe('::1')
    expect(hostNameOf('ticketi.local.')).toBe('ticketi.local')
    expect(hostNameOf('a:b:c')).toBeNull()
  })

  it('takes its own names again and again, and still refuses a stranger after them', () => {
    const isOwnHost = createHostCheck(() => '127.0.0.1')
    for (let i = 0; i < 3; i++) expect(isOwnHost('localhost:8080')).toBe(true)
    expect(isOwnHost('evil.example:8080')).toBe(false)
    expect(isOwnHost('localhost:8080')).toBe(true)
    expect(isOwnHost('127.0.0.1:8080')).toBe(true)
    expect(isOwnHost('evil.example:8080')).toBe(false)
    expect(isOwnHost(undefined)).toBe(false)
  })
})
