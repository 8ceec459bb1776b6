// What the new-event and edit-event forms share: the fields as typed, their
// labels in the host's messages, and how a draft becomes the contract's input.
import { useState } from 'react'
import { localInputToIso } from './time'

export const EVENT_FIELD_LABELS = {
  name: 'Name',
  venue: 'Venue',
  starts_at: 'Doors open',
  ends_at: 'Ends',
  capacity: 'Capacity',
  code_length: 'Code length',
}

/** An event's fields as the form holds them: dates as datetime-local values, capacity as typed. */
export interface EventDraft {
  name: string
  venue: string
  startsAt: string
  endsAt: string
  capacity: string
  reentry: boolean
}

export function useEventDraft(initial: () => EventDraft) {
  const [draft, setDraft] = useState(initial)
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))
  return { draft, set, reset: () => setDraft(initial()) }
}

/** The fields both operations take; an unreadable date goes as typed, so the host's message names it. */
export function draftInput(draft: EventDraft) {
  return {
    name: draft.name,
    venue: draft.venue,
    starts_at: localInputToIso(draft.startsAt) ?? draft.startsAt,
    ends_at: draft.endsAt ? (localInputToIso(draft.endsAt) ?? draft.endsAt) : null,
    capacity: Number(draft.capacity),
    allow_reentry: draft.reentry,
  }
}
