// Binds the door's code state machine to React: one CodeEntry per event, the
// check-in call with a nonce per attempt, and sounds for every answer. The
// event is fixed for the hook's life: the page remounts it (a React key) when
// the door switches events, so no code typed for one event goes to another.
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { CheckInAnswer } from '../../../shared/views'
import { client, errorMessage } from '../api'
import { CodeEntry, type Direction } from './codeEntry'
import type { OfflineDoor } from './offline/offlineDoor'
import { playSound } from './sounds'
import { markKey } from './timing'

/** crypto.randomUUID exists only in secure contexts; a door on the LAN is served over plain HTTP. */
export function newNonce(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function useCodeEntry({
  eventId,
  codeLength,
  direction,
  muted,
  onAnswer,
  door,
}: {
  eventId: number
  codeLength: number
  direction: Direction
  muted: boolean
  onAnswer(answer: CheckInAnswer, code: string): void
  /** Asks the host, or answers from the door's own copy when the host does not answer. */
  door: OfflineDoor | null
}) {
  const [entry] = useState(
    () =>
      new CodeEntry({
        codeLength,
        checkIn: (code, nonce, dir) =>
          client.call('checkIn', { event_id: eventId, code, nonce, direction: dir }),
        describeFailure: errorMessage,
        markKey,
        newNonce,
      }),
  )

  useEffect(() => entry.setCodeLength(codeLength), [entry, codeLength])
  // The door arrives once its copy is opened; from then on it asks the host, or answers alone.
  useEffect(() => {
    if (door) entry.setCheckIn((code, nonce, dir) => door.checkIn(code, nonce, dir))
  }, [entry, door])
  useEffect(() => entry.setDirection(direction), [entry, direction])
  useEffect(
    () =>
      entry.setHandlers({
        onAnswer(answer, code) {
          if (!muted) playSound(answer.result, answer.direction)
          onAnswer(answer, code)
        },
        onFailure() {
          if (!muted) playSound('NOT_CHECKED')
        },
      }),
    [entry, muted, onAnswer],
  )
  useEffect(() => () => entry.dispose(), [entry])

  const state = useSyncExternalStore(entry.subscribe, entry.getState)
  return { entry, state }
}
