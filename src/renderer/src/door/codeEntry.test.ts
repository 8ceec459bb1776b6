import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TicketiError } from '../../../shared/errors'
import type { CheckInAnswer } from '../../../shared/views'
import {
  ANSWER_MS,
  CHECK_TIMEOUT_MS,
  CodeEntry,
  REFUSAL_MS,
  SCAN_HOLD_MS,
  SHOW_CHECKING_AFTER_MS,
  type EntryOptions,
} from './codeEntry'

const answer = (result: CheckInAnswer['result']): CheckInAnswer => ({
  result,
  direction: 'in',
  message: result,
  checkin_id: 1,
  ticket: null,
})

function door(overrides: Partial<EntryOptions> = {}) {
  const calls: Array<{ code: string; nonce: string }> = []
  let nonces = 0
  const entry = new CodeEntry({
    codeLength: 3,
    checkIn: async (code, nonce) => {
      calls.push({ code, nonce })
      return answer('OK')
    },
    describeFailure: (error) => (error instanceof Error ? error.message : 'failed'),
    newNonce: () => `nonce-${++nonces}`,
    ...overrides,
  })
  let clock = 0
  /** A person: keys 200 ms apart. */
  const type = (keys: string, gap = 200) => {
    for (const k of keys) {
      clock += gap
      entry.key(k, { keyboard: true, at: clock })
    }
  }
  const enter = () => entry.enter({ keyboard: true, at: (clock += 5) })
  return { entry, calls, type, enter }
}

describe('the door keypad', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends the code by itself when the last digit is typed, and shows the answer', async () => {
    const { entry, calls, type } = door()
    type('04')
    expect(entry.getState()).toMatchObject({ phase: 'typing', typed: '04' })
    type('2')
    expect(calls).toEqual([{ code: '042', nonce: 'nonce-1' }])
    await vi.advanceTimersByTimeAsync(0)
    expect(entry.getState()).toMatchObject({ phase: 'answer', typed: '', answer: { result: 'OK' } })
  })

  it('goes back to the keypad after about two seconds, or at once with the next key counted', async () => {
    const { entry, type } = door()
    type('123')
    await vi.advanceTimersByTimeAsync(ANSWER_MS)
    expect(entry.getState()).toMatchObject({ phase: 'typing', typed: '', answer: null })

    type('456')
    await vi.advanceTimersByTimeAsync(10)
    expect(entry.getState().phase).toBe('answer')
    type('7')
    expect(entry.getState()).toMatchObject({ phase: 'typing', typed: '7', answer: null })
  })

  it('keeps a refusal up for six seconds unless the next key comes first', async () => {
    const { entry, type } = door({ checkIn: async () => answer('UNKNOWN') })
    type('123')
    await vi.advanceTimersByTimeAsync(ANSWER_MS * 2)
    expect(entry.getState()).toMatchObject({ phase: 'answer', answer: { result: 'UNKNOWN' } })
    await vi.advanceTimersByTimeAsync(REFUSAL_MS - ANSWER_MS * 2)
    expect(entry.getState()).toMatchObject({ phase: 'typing', answer: null })

    type('456')
    await vi.advanceTimersByTimeAsync(10)
    expect(entry.getState().phase).toBe('answer')
    type('7')
    expect(entry.getState()).toMatchObject({ phase: 'typing', typed: '7', answer: null })
  })

  it('never sends a code shorter than the event’s, and says so until the next key', async () => {
    const { entry, calls, type, enter } = door()
    type('12')
    enter()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toEqual([])
    expect(entry.getState()).toMatchObject({ phase: 'typing', typed: '12', incomplete: true })
    type('3')
    expect(calls.map((c) => c.code)).toEqual(['123'])
    enter()
    await vi.advanceTimersByTimeAsync(0)
    entry.enter({ keyboard: false, at: 0 })
    expect(entry.getState()).toMatchObject({ phase: 'typing', typed: '', incomplete: false })
    expect(calls).toHaveLength(1)
  })

  it('edits with Backspace and clears with Escape', () => {
    const { entry, type } = door()
    type('12')
    entry.backspace()
    expect(entry.getState().typed).toBe('1')
    entry.clear()
    expect(entry.getState().typed).toBe('')
  })

  it('takes a scanned ticket uuid that begins with digits whole, and sends it on Enter', async () => {
    const { entry, calls, type, enter } = door()
    const uuid = '123e4567-e89b-42d3-a456-426614174000'
    type(uuid, 3)
    await vi.advanceTimersByTimeAsync(SCAN_HOLD_MS * 2)
    expect(calls).toEqual([])
    expect(entry.getState().typed).toBe(uuid)
    enter()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls.map((c) => c.code)).toEqual([uuid])
  })

  it('still sends a short code typed as fast as a scanner, after a short wait for more', async () => {
    const { calls, type } = door()
    type('789', 2)
    await vi.advanceTimersByTimeAsync(SCAN_HOLD_MS - 1)
    expect(calls).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(calls.map((c) => c.code)).toEqual(['789'])
  })

  it('keeps the code after a transport error and retries it with the same nonce', async () => {
    let fail = true
    const { entry, calls, type } = door({
      checkIn: async (code, nonce) => {
        calls.push({ code, nonce })
        if (fail) throw new TicketiError('OFFLINE', 'The Ticketi host cannot be reached.')
        return answer('OK')
      },
    })
    type('314')
    await vi.advanceTimersByTimeAsync(0)
    expect(entry.getState()).toMatchObject({
      phase: 'failed',
      typed: '314',
      failure: 'The Ticketi host cannot be reached.',
    })
    fail = false
    entry.retry({ keyboard: false, at: 0 })
    await vi.advanceTimersByTimeAsync(0)
    expect(entry.getState().answer?.result).toBe('OK')
    expect(calls.map((c) => c.nonce)).toEqual(['nonce-1', 'nonce-1'])

    type('314')
    await vi.advanceTimersByTimeAsync(0)
    expect(calls[2]!.nonce).toBe('nonce-2')
  })

  it('never waits for ever on a host that does not answer, and ignores its late answer', async () => {
    let release: (a: CheckInAnswer) => void = () => {}
    const { entry, type } = door({ checkIn: () => new Promise((resolve) => (release = resolve)) })
    type('555')
    await vi.advanceTimersByTimeAsync(CHECK_TIMEOUT_MS)
    expect(entry.getState()).toMatchObject({ phase: 'failed', typed: '555' })
    entry.clear()
    type('1')
    release(answer('OK'))
    await vi.advanceTimersByTimeAsync(0)
    expect(entry.getState()).toMatchObject({ phase: 'typing', typed: '1' })
  })

  it('says it is checking only when the host is slow', async () => {
    let release: (a: CheckInAnswer) => void = () => {}
    const { entry, type } = door({ checkIn: () => new Promise((resolve) => (release = resolve)) })
    type('246')
    expect(entry.getState()).toMatchObject({ phase: 'typing', typed: '24' })
    await vi.advanceTimersByTimeAsync(SHOW_CHECKING_AFTER_MS)
    expect(entry.getState()).toMatchObject({ phase: 'checking', typed: '246' })
    release(answer('OK'))
    await vi.advanceTimersByTimeAsync(0)
    expect(entry.getState().phase).toBe('answer')
  })

  it('ignores keys while a code is being checked', async () => {
    const { entry, calls, type } = door()
    type('111')
    type('2')
    entry.backspace()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toHaveLength(1)
    expect(entry.getState().phase).toBe('answer')
  })
})
