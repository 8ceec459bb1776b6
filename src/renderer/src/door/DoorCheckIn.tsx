// The door at work for one event: keypad and code on the left, the night's
// counters and the last admission (with its undo) on the right, and the answer
// over everything when it comes.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CheckInAnswer, EventDetails } from '../../../shared/views'
import { useQuery } from '../api/hooks'
import { ErrorNote, Notice } from '../components/ui'
import type { Direction } from './codeEntry'
import { Counters } from './Counters'
import { DoorOptions } from './DoorOptions'
import { CodeDisplay, Keypad } from './Keypad'
import { AnswerScreen, NotCheckedScreen } from './ResultScreen'
import { LastAdmission } from './LastAdmission'
import { RecentAnswers, withAnswer, type RecentAnswer } from './RecentAnswers'
import { UndoDialog, type Admission } from './UndoDialog'
import { useCodeEntry } from './useCodeEntry'
import { useDoorKeys } from './useDoorKeys'
import { useMuted } from './useMuted'

/**
 * Counters follow other doors too. After a check-in they refresh once the answer is painted
 * (a frame or two) and well before the next guest's code is complete, so the two never compete.
 */
const COUNTS_EVERY_MS = 5000
const COUNTS_AFTER_ANSWER_MS = 50

export function DoorCheckIn({ event, paused }: { event: EventDetails; paused: boolean }) {
  const counts = useQuery('doorCounts', { event_id: event.id }, { refreshEveryMs: COUNTS_EVERY_MS })
  const [direction, setDirection] = useState<Direction>('in')
  const [muted, setMuted] = useMuted()
  const [last, setLast] = useState<Admission | null>(null)
  const [undoing, setUndoing] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [recent, setRecent] = useState<RecentAnswer[]>([])
  const refreshCounts = counts.refresh

  const onAnswer = useCallback(
    (answer: CheckInAnswer, code: string) => {
      setTimeout(refreshCounts, COUNTS_AFTER_ANSWER_MS)
      setRecent((list) => withAnswer(list, answer, code))
      if (answer.result === 'OK' && answer.direction === 'in' && answer.ticket) {
        const { id, holder_name, ticket_type_name, short_code } = answer.ticket
        const holder = [holder_name ?? 'Guest', ticket_type_name].filter(Boolean).join(' · ')
        setLast({ ticket_id: id, holder, code: short_code })
        setNotice(null)
      }
    },
    [refreshCounts],
  )

  const { entry, state } = useCodeEntry({
    eventId: event.id,
    codeLength: event.code_length,
    direction: event.allow_reentry ? direction : 'in',
    muted,
    onAnswer,
  })
  useDoorKeys(entry, !paused && !undoing)

  // The keyboard and scanner type into the code at once, without a click first.
  const display = useRef<HTMLOutputElement>(null)
  useEffect(() => {
    const active = document.activeElement
    if (!active || active === document.body || active.tagName === 'SELECT') display.current?.focus()
  }, [])

  return (
    <div className="grid grid-cols-[minmax(0,26rem)_minmax(0,1fr)] gap-8">
      <section aria-label="Check in" className="space-y-4">
        <CodeDisplay
          ref={display}
          typed={state.typed}
          codeLength={event.code_length}
          checking={state.phase === 'checking'}
          exits={direction === 'out' && event.allow_reentry}
          onClear={() => entry.clear()}
        />
        <Keypad
          disabled={state.phase === 'checking'}
          onDigit={(digit, origin) => entry.key(digit, origin)}
          onBackspace={() => entry.backspace()}
          onEnter={(origin) => entry.enter(origin)}
        />
      </section>

      <aside className="flex min-w-0 flex-col gap-4">
        <Counters totals={counts.data?.totals ?? null} />
        <ErrorNote>{counts.error && `Counters not updated: ${counts.error}`}</ErrorNote>
        <LastAdmission admission={last} onUndo={() => setUndoing(true)} />
        <Notice>{notice}</Notice>
        <RecentAnswers recent={recent} />
        <div className="mt-auto flex items-end gap-4">
          <p className="min-w-0 flex-1 text-sm leading-relaxed text-slate-400">
            Type the {event.code_length}-digit code: it checks by itself. Or scan the ticket&apos;s QR code.
            <br />
            <Kbd>Enter</Kbd> check · <Kbd>Backspace</Kbd> delete · <Kbd>Esc</Kbd> clear
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
      {undoing && last && (
        <UndoDialog
          admission={last}
          onClose={() => setUndoing(false)}
          onUndone={() => {
            setNotice(`Admission of ${last.holder} undone.`)
            setLast(null)
            setUndoing(false)
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
