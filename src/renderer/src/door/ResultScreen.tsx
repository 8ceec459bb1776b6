// The answer fills the whole screen in its colour, so staff see it from a metre
// away and from the corner of an eye: green let in, amber already in, red do
// not let in, with what to do next on a refusal. A tap anywhere, or the next
// key, goes back to the keypad. Sizes step down on a phone so nothing is cut.
import { useLayoutEffect } from 'react'
import { formatVenueTime } from '../../../shared/venue-format'
import { currentVenueFormat } from '../venue/format'
import { answerView, type AnswerTone } from './answerView'
import type { KeyOrigin } from './codeEntry'
import type { DoorAnswer } from './offline/localAnswer'
import { measureWhenPainted } from './timing'

const TONES: Record<AnswerTone, string> = {
  good: 'bg-green-600 text-white',
  exit: 'bg-sky-600 text-white',
  warn: 'bg-amber-400 text-black',
  bad: 'bg-red-700 text-white',
}

const SYMBOL: Record<AnswerTone, string> = { good: '✓', exit: '→', warn: '!', bad: '✕' }

function Overlay({
  result,
  tone,
  onPointerDown,
  children,
}: {
  result: string
  tone: AnswerTone
  onPointerDown?(): void
  children: React.ReactNode
}) {
  return (
    <div
      role="alert"
      data-testid="door-result"
      data-result={result}
      onPointerDown={onPointerDown}
      className={`fixed inset-0 z-40 flex touch-manipulation flex-col items-center overflow-y-auto px-4 pb-6 text-center select-none sm:px-10 sm:pb-8 ${TONES[tone]}`}
    >
      {children}
    </div>
  )
}

/** The verdict, guest and facts, centred in the space above the footer line. */
function Body({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex w-full max-w-5xl flex-1 flex-col items-center justify-center gap-4 py-6 sm:gap-6">
      {children}
    </div>
  )
}

function Verdict({ symbol, children }: { symbol: string; children: React.ReactNode }) {
  return (
    <p className="flex items-center gap-3 text-3xl font-black tracking-tight uppercase sm:gap-5 sm:text-6xl">
      <span aria-hidden className="text-4xl leading-none sm:text-7xl">
        {symbol}
      </span>
      {children}
    </p>
  )
}

function Footer({ children }: { children: React.ReactNode }) {
  return <p className="text-base font-medium opacity-75 sm:text-xl">{children}</p>
}

export function AnswerScreen({
  answer,
  code,
  onDismiss,
}: {
  answer: DoorAnswer
  /** As typed or scanned: the answer itself has no code when none matched. */
  code: string
  onDismiss(): void
}) {
  // Measured once the answer is committed: the bench reads it as key press to result painted.
  useLayoutEffect(() => measureWhenPainted(), [answer])
  const view = answerView(answer)
  const shownCode = answer.ticket?.short_code ?? code
  // A name fits on one line at full size; a sentence gets a size that wraps into two even lines.
  const headlineSize = view.headline.length > 24 ? 'text-3xl sm:text-6xl' : 'text-4xl sm:text-7xl'
  return (
    <Overlay result={answer.result} tone={view.tone} onPointerDown={onDismiss}>
      {answer.offline && (
        <p
          data-testid="door-answer-offline"
          className="mt-4 rounded-full bg-black/70 px-5 py-1.5 text-base font-bold tracking-wide text-amber-300 sm:text-xl"
        >
          OFFLINE · list from {formatVenueTime(answer.offline.list_from, currentVenueFormat())}
        </p>
      )}
      <Body>
        <Verdict symbol={SYMBOL[view.tone]}>{view.verdict}</Verdict>
        {view.instruction && (
          <p
            data-testid="door-instruction"
            className="max-w-full rounded-2xl border-4 border-current px-5 py-2 text-3xl font-black text-balance break-words sm:px-8 sm:py-3 sm:text-5xl"
          >
            {view.instruction}
          </p>
        )}
        <p
          data-testid="door-headline"
          className={`max-w-full leading-tight font-extrabold text-balance break-words ${headlineSize}`}
        >
          {view.headline}
        </p>
        {view.detail && (
          <p className="max-w-full text-2xl font-semibold break-words opacity-90 sm:text-4xl">
            {view.detail}
          </p>
        )}
      </Body>
      <Footer>
        {shownCode.length <= 8 ? `Code ${shownCode} · ` : ''}Tap or press any key for the next guest
      </Footer>
    </Overlay>
  )
}

/** The host could not be asked: the guest is not checked in, and the kept code retries with one tap. */
export function NotCheckedScreen({
  message,
  code,
  onRetry,
  onBack,
}: {
  message: string
  code: string
  onRetry(origin: KeyOrigin): void
  onBack(): void
}) {
  return (
    <Overlay result="NOT_CHECKED" tone="bad">
      <Body>
        <Verdict symbol="✕">Not checked</Verdict>
        <p className="text-4xl font-extrabold sm:text-5xl">Try again</p>
        <p className="max-w-3xl text-xl font-medium sm:text-2xl">{message}</p>
        <div className="mt-4 flex flex-wrap justify-center gap-4">
          <button
            type="button"
            autoFocus
            onMouseDown={(e) => e.preventDefault()}
            onPointerDown={(e) => e.button === 0 && onRetry({ keyboard: false, at: e.timeStamp })}
            onClick={(e) => e.detail === 0 && onRetry({ keyboard: false, at: e.timeStamp })}
            className="h-24 min-w-64 touch-manipulation rounded-2xl bg-white px-8 text-3xl font-bold text-red-800 hover:bg-red-50"
          >
            Try again
          </button>
          <button
            type="button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={onBack}
            className="h-24 touch-manipulation rounded-2xl border-2 border-white/80 px-8 text-2xl font-semibold hover:bg-red-600"
          >
            Back to keypad
          </button>
        </div>
      </Body>
      <Footer>Code {code} · Enter tries again · Esc clears</Footer>
    </Overlay>
  )
}
