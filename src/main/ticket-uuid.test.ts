import { describe, expect, it } from 'vitest'
import { UUID } from './operations/checkin'
import { ticketUuids } from './ticket-uuid'

describe('ticket uuids', () => {
  it('are version 7 uuids the door knows as scanned codes, each different, in the order they were made', () => {
    const earlier = ticketUuids(3, Date.parse('2026-12-01T18:00:00Z'))
    const later = ticketUuids(1_000, Date.parse('2026-12-01T18:00:00.001Z'))
    for (const uuid of [...earlier, ...later]) {
      expect(uuid).toMatch(UUID)
      expect(uuid[14]).toBe('7')
      expect('89ab').toContain(uuid[19])
    }
    expect(new Set(later).size).toBe(later.length)
    expect([...earlier, ...later]).toEqual([...earlier, ...later].sort())
    // After the time, the rest is random: 74 bits nobody can guess from a neighbour's ticket.
    const tails = later.map((u) => u.replace(/-/g, '').slice(13))
    expect(new Set(tails.map((t) => t.slice(0, 4))).size).toBeGreaterThan(500)
  })
})
