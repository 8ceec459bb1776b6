// The last few answers at this door, newest first: what the volunteer missed
// while looking at the guest, and what to tell the next one in line.
import type { CheckInAnswer } from '../../../shared/views'
import { answerView, whenShort, type AnswerTone } from './answerView'

export interface RecentAnswer {
  answer: CheckInAnswer
  code: string
  at: string
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

function shortVerdict(answer: CheckInAnswer, verdict: string): string {
  if (answer.result !== 'OK') return verdict
  return answer.direction === 'out' ? 'Out' : 'Let in'
}

export function RecentAnswers({ recent }: { recent: RecentAnswer[] }) {
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
          {recent.map(({ answer, code, at }) => {
            const view = answerView(answer)
            const who = answer.ticket?.holder_name ?? `code ${code}`
            return (
              <li
                key={answer.checkin_id}
                data-result={answer.result}
                className="flex items-center gap-3 py-1.5"
              >
                <span aria-hidden className={`size-3 shrink-0 rounded-full ${DOT[view.tone]}`} />
                <span className="w-36 shrink-0 font-semibold whitespace-nowrap text-slate-100">
                  {shortVerdict(answer, view.verdict)}
                </span>
                <span className="min-w-0 flex-1 truncate text-slate-300">{who}</span>
                <span className="shrink-0 text-sm text-slate-500 tabular-nums">{whenShort(at)}</span>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
