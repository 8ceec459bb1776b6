// Door staff tell answers apart by ear: every answer has its own sound.
import { describe, expect, it } from 'vitest'
import { SOUNDS, tonesFor, type DoorSound } from './sounds'

describe('door sounds', () => {
  it('gives every answer a sound of its own', () => {
    const patterns = Object.values(SOUNDS).map((tones) => JSON.stringify(tones))
    expect(new Set(patterns).size).toBe(patterns.length)
    const answers: DoorSound[] = [
      'OK',
      'DUPLICATE',
      'UNKNOWN',
      'WRONG_EVENT',
      'VOID',
      'NOT_ASSIGNED',
      'NOT_CHECKED',
    ]
    for (const answer of answers) expect(tonesFor(answer, 'in').length).toBeGreaterThan(0)
  })

  it('plays an exit as the admission played backwards', () => {
    expect(tonesFor('OK', 'out')).toEqual([...SOUNDS.OK].reverse())
    expect(tonesFor('OK', 'out')).not.toEqual(tonesFor('OK', 'in'))
  })
})
