// The door at work for one event: keypad and code on the left (on top on a
// phone or a tablet held upright), the night's counters and the recent answers
// (each admission with its undo) on the right, and the answer over everything.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CheckInAnswer, EventDetails } from '../../../shared/views'
import { useQuery } from '../api/hooks'
import { ErrorNote, Notice } from '../components/ui'
import type { Direction } from './codeEntry'
import { Counters } from './Counters'
import { DoorConflictsNote } from './DoorConflictsNote'
import { DoorOptions } from './DoorOptions'
import { GuessingWarning } from './GuessingWarning'
import { CodeDisplay, Keypad } from './Keypad'
import { AnswerScreen, NotCheckedScreen } from './ResultScreen'
import { RecentAnswers, withAnswer, withUndone, type Admission, type RecentAnswer } from './RecentAnswers'
import { loadRecent, saveRecent } from './recentStore'
import { UndoDialog } from './UndoDialog'
import { DoorLink, ListAge } from './offline/DoorLink'
import { useOfflineDoor } from './offline/useOfflineDoor'
import { newNonce, useCodeEntry } from './useCodeEntry'
import { useDoorKeys } from './useDoorKeys'
import { useMuted } from './useMuted'

/**
 * Counters follow other doors too. After a check-in they refresh once the answer is painted
 * (a frame or two) and well before the next guest's code is complete, so the two never compete.
 */
const COUNTS_AFTER_ANSWER_MS = 50

export function DoorCheckIn({
  event,
  station,
  paused,
}: {
  event: EventDetails
  /** Whose recent list this is: kept per station and event across a reload. */
  station: string
  paused: boolean
}) {
  // Pushed by the host after each change (live/changes.ts), never polled.
  const counts = useQuery('doorCounts', { event_id: event.id })
  const [direction, setDirection] = useState<Direction>('in')
  const [muted, setMuted] = useMuted()
  const [undoing, setUndoing] = useState<Admission | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [recent, setRecent] = useState<RecentAnswer[]>(() => loadRecent(station, event.id))
  const refreshCounts = counts.refresh
  useEffect(() => saveRecent(station, event.id, recent), [station, event.id, recent])

  const onAnswer = useCallback(
    (answer: CheckInAnswer, code: string) => {
      setTimeout(refreshCounts, COUNTS_AFTER_ANSWER_MS)
      setRecent((list) => withAnswer(list, answer, code))
      if (answer.result === 'OK') setNotice(null)
    },
    [refreshCounts],
  )

  const { door, state: link } = useOfflineDoor(station, event.id, newNonce)
  const { entry, state } = useCodeEntry({
    door,
    eventId: event.id,
    codeLength: event.code_length,
    direction: event.allow_reentry ? direction : 'in',
    muted,
    onAnswer,
  })
  useDoorKeys(entry, !paused && undoing === null)
  const exits = direction === 'out' && event.allow_reentry
  // Offline, the host's counters stop at the moment it went away; the door's own copy goes on.
  const ownCounts = useMemo(
    () => (!link.online && link.ready && door ? door.localCounts() : null),
    [door, link],
  )

  // The keyboard and scanner type into the code at once, without a click first.
  const display = useRef<HTMLOutputElement>(null)
  useEffect(() => {
    const active = document.activeElement
    if (!active || active === document.body || active.tagName === 'SELECT') display.current?.focus()
  }, [])

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)] lg:gap-8">
      {/* Above the keypad on a phone too: the volunteer must see at once that the door is on its own. */}
      <div className="empty:hidden lg:col-span-2">
        <DoorLink state={link} />
      </div>
      <section aria-label="Check in" className="mx-auto w-full max-w-[26rem] space-y-4 lg:mx-0">
        <CodeDisplay
          ref={display}
          typed={state.typed}
          codeLength={event.code_length}
          checking={state.phase === 'checking'}
          incomplete={state.incomplete}
          exits={exits}
          onClear={() => entry.clear()}
        />
        <Keypad
          disabled={state.phase === 'checking'}
          empty={state.typed === ''}
          exits={exits}
          onDigit={(digit, origin) => entry.key(digit, origin)}
          onBackspace={() => entry.backspace()}
          onEnter={(origin) => entry.enter(origin)}
        />
      </section>

      <aside className="flex min-w-0 flex-col gap-4">
        <Counters totals={ownCounts ?? counts.data?.totals ?? null} />
        {link.online && <ErrorNote>{counts.error && `Counters not updated: ${counts.error}`}</ErrorNote>}
        <GuessingWarning
          warnings={counts.data?.guessing}
          advice="The host is slowing that station down. Tell a supervisor; guests with their email still get in."
        />
        <DoorConflictsNote count={counts.data?.door_conflicts} />
        <Notice>{notice}</Notice>
        <RecentAnswers recent={recent} onUndo={setUndoing} />
        <div className="mt-auto flex flex-wrap items-end gap-4">
          <p className="min-w-0 flex-1 basis-64 text-sm leading-relaxed text-slate-400">
            Type the {event.code_length}-digit code: it checks by itself. Or scan the ticket&apos;s QR code.
            <br />
            <Kbd>Enter</Kbd> check · <Kbd>Backspace</Kbd> delete · <Kbd>Esc</Kbd> clear
            <br />
            <ListAge state={link} />
          </p>
          <DoorOptions
            allowReentry={event.allow_reentry}
            direction={direction}
            onDirection={setDirection}
            muted={muted}
            onMuted={setMuted}
          />
        </div>
      </aside>

      {state.phase === 'answer' && state.answer && (
        <AnswerScreen answer={state.answer} code={state.sent} onDismiss={() => entry.dismiss()} />
      )}
      {state.phase === 'failed' && (
        <NotCheckedScreen
          message={state.failure ?? ''}
          code={state.typed}
          onRetry={(origin) => entry.retry(origin)}
          onBack={() => entry.dismiss()}
        />
      )}
      {undoing && (
        <UndoDialog
          door={door}
          admission={undoing}
          onClose={() => setUndoing(null)}
          onUndone={() => {
            setNotice(`Admission of ${undoing.holder} undone.`)
            setRecent((list) => withUndone(list, undoing.ticket_id))
            setUndoing(null)
            refreshCounts()
          }}
        />
      )}
    </div>
  )
}

function Kbd({ children }: { children: string }) {
  return <kbd className="rounded border border-edge bg-panel px-1.5 py-0.5 font-sans text-xs">{children}</kbd>
}
