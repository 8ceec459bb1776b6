// The last few answers at this door, newest first: what the volunteer missed
// while looking at the guest, what to tell the next one in line, and the way to
// take back an admission that should not have happened.
import type { CheckInAnswer } from '../../../shared/views'
import { answerView, whenShort, type AnswerTone } from './answerView'

export interface RecentAnswer {
  answer: CheckInAnswer
  code: string
  at: string
  /** The admission was taken back at this door. */
  undone?: boolean
}

/** An admission the door may take back: who, and which ticket. */
export interface Admission {
  ticket_id: number
  holder: string
  code: string | null
}

/** How many answers the list keeps: about what fits beside the keypad at 1024×768. */
export const RECENT_KEPT = 5

const DOT: Record<AnswerTone, string> = {
  good: 'bg-green-500',
  exit: 'bg-sky-500',
  warn: 'bg-amber-400',
  bad: 'bg-red-500',
}

/** Adds an answer in front, once: a retried request can bring the same answer back. */
export function withAnswer(recent: RecentAnswer[], answer: CheckInAnswer, code: string): RecentAnswer[] {
  const rest = recent.filter((r) => r.answer.checkin_id !== answer.checkin_id)
  return [{ answer, code, at: new Date().toISOString() }, ...rest].slice(0, RECENT_KEPT)
}

/** Marks every admission of the ticket as undone: the host now counts it as not checked in. */
export function withUndone(recent: RecentAnswer[], ticketId: number): RecentAnswer[] {
  return recent.map((r) => (admissionOf(r)?.ticket_id === ticketId ? { ...r, undone: true } : r))
}

/** The admission a row records, if it is one that can still be undone. */
export function admissionOf(row: RecentAnswer): Admission | null {
  const { answer } = row
  if (row.undone || answer.result !== 'OK' || answer.direction !== 'in' || !answer.ticket) return null
  const { id, holder_name, ticket_type_name, short_code } = answer.ticket
  const holder = [holder_name ?? 'Guest', ticket_type_name].filter(Boolean).join(' · ')
  return { ticket_id: id, holder, code: short_code }
}

function shortVerdict({ answer, undone }: RecentAnswer, verdict: string): string {
  if (undone) return 'Undone'
  if (answer.result !== 'OK') return verdict
  return answer.direction === 'out' ? 'Out' : 'Let in'
}

export function RecentAnswers({
  recent,
  onUndo,
}: {
  recent: RecentAnswer[]
  onUndo(admission: Admission): void
}) {
  return (
    <section
      aria-label="Recent answers"
      className="min-h-0 rounded-2xl border border-edge bg-panel px-4 py-3"
    >
      <h2 className="mb-2 text-sm font-medium tracking-wide text-slate-400 uppercase">Recent at this door</h2>
      {recent.length === 0 ? (
        <p className="py-2 text-slate-500">No guests checked yet.</p>
      ) : (
        <ol className="divide-y divide-edge">
          {recent.map((row) => {
            const { answer, code, at, undone } = row
            const view = answerView(answer)
            const who = answer.ticket?.holder_name ?? `code ${code}`
            const admission = admissionOf(row)
            return (
              <li
                key={answer.checkin_id}
                data-result={undone ? 'UNDONE' : answer.result}
                className="flex min-h-12 items-center gap-3 py-1.5"
              >
                <span
                  aria-hidden
                  className={`size-3 shrink-0 rounded-full ${undone ? 'bg-slate-500' : DOT[view.tone]}`}
                />
                {/* On a phone the verdict sits over the name, so neither is cut to a letter. */}
                <span className="flex min-w-0 flex-1 flex-col sm:flex-row sm:items-center sm:gap-3">
                  <span className="truncate font-semibold text-slate-100 sm:w-36 sm:shrink-0">
                    {shortVerdict(row, view.verdict)}
                  </span>
                  <span className={`min-w-0 truncate text-slate-300 ${undone ? 'line-through' : ''}`}>
                    {who}
                  </span>
                </span>
                <span className="shrink-0 text-sm text-slate-500 tabular-nums">{whenShort(at)}</span>
                {admission && (
                  <button
                    type="button"
                    aria-label={`Undo admission of ${admission.holder}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => onUndo(admission)}
                    className="h-10 shrink-0 rounded-lg border border-slate-600 px-3 text-sm font-semibold text-slate-200 hover:bg-slate-800"
                  >
                    Undo
                  </button>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
