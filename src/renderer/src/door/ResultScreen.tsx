// The answer fills the whole screen in its colour, so staff see it from a metre
// away and from the corner of an eye: green let in, amber already in, red do
// not let in. A tap anywhere, or the next key, goes back to the keypad.
import { useLayoutEffect } from 'react'
import type { CheckInAnswer } from '../../../shared/views'
import { answerView, type AnswerTone } from './answerView'
import type { KeyOrigin } from './codeEntry'
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
      className={`fixed inset-0 z-40 flex touch-manipulation flex-col items-center justify-center gap-6 px-10 text-center select-none ${TONES[tone]}`}
    >
      {children}
    </div>
  )
}

export function AnswerScreen({
  answer,
  code,
  onDismiss,
}: {
  answer: CheckInAnswer
  /** As typed or scanned: the answer itself has no code when none matched. */
  code: string
  onDismiss(): void
}) {
  // Measured once the answer is committed: the bench reads it as key press to result painted.
  useLayoutEffect(() => measureWhenPainted(), [answer])
  const view = answerView(answer)
  const shownCode = answer.ticket?.short_code ?? code
  // A name fits on one line at full size; a sentence gets a size that wraps into two even lines.
  const headlineSize = view.headline.length > 24 ? 'text-6xl' : 'text-7xl'
  return (
    <Overlay result={answer.result} tone={view.tone} onPointerDown={onDismiss}>
      <p className="flex items-center gap-5 text-6xl font-black tracking-tight uppercase">
        <span aria-hidden className="text-7xl leading-none">
          {SYMBOL[view.tone]}
        </span>
        {view.verdict}
      </p>
      <p
        data-testid="door-headline"
        className={`max-w-full leading-tight font-extrabold text-balance break-words ${headlineSize}`}
      >
        {view.headline}
      </p>
      {view.detail && (
        <p className="max-w-full text-4xl font-semibold break-words opacity-90">{view.detail}</p>
      )}
      <p className="absolute bottom-8 text-xl font-medium opacity-75">
        {shownCode.length <= 8 ? `Code ${shownCode} · ` : ''}Tap or press any key for the next guest
      </p>
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
      <p className="flex items-center gap-5 text-6xl font-black tracking-tight uppercase">
        <span aria-hidden className="text-7xl leading-none">
          ✕
        </span>
        Not checked
      </p>
      <p className="text-5xl font-extrabold">Try again</p>
      <p className="max-w-3xl text-2xl font-medium">{message}</p>
      <div className="mt-4 flex gap-4">
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
      <p className="absolute bottom-8 text-xl font-medium opacity-75">
        Code {code} · Enter tries again · Esc clears
      </p>
    </Overlay>
  )
}
