// The big keypad and the code it has typed so far. Keys react on pointer down
// (a tap feels instant), never take the focus (so the keyboard and a scanner
// keep working), and still answer a click from assistive tech.
import type { ReactNode, Ref } from 'react'
import type { KeyOrigin } from './codeEntry'
import { unlockSound } from './sounds'

type Press = (origin: KeyOrigin) => void

function Key({
  label,
  onPress,
  tone = 'digit',
  disabled = false,
  children,
}: {
  label: string
  onPress: Press
  tone?: 'digit' | 'edit' | 'send'
  disabled?: boolean
  children: ReactNode
}) {
  const tones = {
    digit: 'bg-slate-800 text-white border-slate-600 hover:bg-slate-700 active:bg-slate-600',
    edit: 'bg-slate-900 text-slate-200 border-slate-600 hover:bg-slate-800 active:bg-slate-700',
    send: 'bg-accent text-ink border-accent hover:bg-indigo-300 active:bg-indigo-200',
  }
  return (
    <button
      type="button"
      tabIndex={-1}
      aria-label={label}
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onPointerDown={(e) => {
        if (e.button !== 0) return
        unlockSound()
        onPress({ keyboard: false, at: e.timeStamp })
      }}
      // detail 0: a click from the keyboard or a screen reader, which sent no pointer down.
      onClick={(e) => e.detail === 0 && onPress({ keyboard: false, at: e.timeStamp })}
      className={`flex h-[var(--door-key)] min-w-0 touch-manipulation items-center justify-center rounded-2xl border-2 text-5xl font-bold select-none disabled:opacity-40 ${tones[tone]}`}
    >
      {children}
    </button>
  )
}

const DIGIT_ROWS = ['123', '456', '789']

export function Keypad({
  onDigit,
  onBackspace,
  onEnter,
  disabled,
  empty,
  exits,
}: {
  onDigit(digit: string, origin: KeyOrigin): void
  onBackspace(): void
  onEnter: Press
  disabled: boolean
  /** Nothing typed yet: the send key has nothing to send. */
  empty: boolean
  /** Scanning guests out: the send key says so. */
  exits: boolean
}) {
  const send = exits ? 'Check out' : 'Check in'
  return (
    <div
      role="group"
      aria-label="Keypad"
      aria-disabled={disabled}
      className={`grid grid-cols-3 gap-3 ${disabled ? 'pointer-events-none opacity-60' : ''}`}
    >
      {DIGIT_ROWS.flatMap((row) => [...row]).map((d) => (
        <Key key={d} label={d} onPress={(origin) => onDigit(d, origin)}>
          {d}
        </Key>
      ))}
      <Key label="Delete last digit" tone="edit" onPress={() => onBackspace()}>
        <span aria-hidden>⌫</span>
      </Key>
      <Key label="0" onPress={(origin) => onDigit('0', origin)}>
        0
      </Key>
      <Key label={send} tone="send" disabled={empty} onPress={onEnter}>
        <span aria-hidden className="px-1 text-xl leading-tight sm:text-2xl">
          {send}
        </span>
      </Key>
    </div>
  )
}

const ONLY_DIGITS = /^[0-9]*$/

/** The typed code in boxes, one per digit of the event's code; a scanned uuid as text. */
export function CodeDisplay({
  ref,
  typed,
  codeLength,
  checking,
  incomplete,
  exits,
  onClear,
}: {
  ref?: Ref<HTMLOutputElement>
  typed: string
  codeLength: number
  checking: boolean
  /** Enter came before the last digit: say how many the code has. */
  incomplete: boolean
  /** Scanning guests out: the display says so, so nobody admits by mistake. */
  exits: boolean
  onClear(): void
}) {
  const scanned = !ONLY_DIGITS.test(typed) || typed.length > codeLength
  const border = incomplete ? 'border-amber-400' : exits ? 'border-sky-500' : 'border-edge'
  return (
    <div className="flex items-center gap-3">
      <output
        ref={ref}
        aria-label="Typed code"
        data-testid="door-code"
        tabIndex={0}
        className={`relative flex h-24 min-w-0 flex-1 items-center justify-center gap-2 rounded-2xl border-2 bg-black/40 px-2 sm:gap-3 sm:px-4 ${border}`}
      >
        {exits && (
          <span className="absolute -top-3 left-4 rounded bg-sky-500 px-2 text-xs font-bold text-black uppercase">
            Exit
          </span>
        )}
        {scanned ? (
          <span className="truncate font-mono text-2xl text-slate-100">
            {typed}
            <span className="ml-3 text-base text-slate-400">Scanned · Enter to check</span>
          </span>
        ) : (
          Array.from({ length: codeLength }, (_, i) => (
            <span
              key={i}
              className={`flex h-16 w-14 min-w-0 shrink items-center justify-center rounded-xl font-mono text-5xl font-bold ${
                typed[i]
                  ? 'bg-slate-700 text-white'
                  : 'border-2 border-dashed border-slate-600 text-slate-600'
              }`}
            >
              {typed[i] ?? ''}
            </span>
          ))
        )}
        {/* Hung on the box's edge, so the keys below never move under a finger. */}
        {incomplete && (
          <span
            role="alert"
            data-testid="door-incomplete"
            className="absolute -bottom-4 left-1/2 -translate-x-1/2 rounded-md bg-amber-400 px-3 text-base font-bold whitespace-nowrap text-black"
          >
            Type all {codeLength} digits
          </span>
        )}
        {checking && (
          <span className="ml-2 text-lg font-medium text-slate-300" role="status">
            Checking…
          </span>
        )}
      </output>
      <button
        type="button"
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClear}
        disabled={typed === '' || checking}
        className="h-24 rounded-2xl border-2 border-slate-600 px-4 text-lg font-semibold text-slate-200 hover:bg-slate-800 disabled:opacity-30"
      >
        Clear
      </button>
    </div>
  )
}
