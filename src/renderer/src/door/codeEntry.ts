// The door's typed-code state machine, free of React and the DOM so it can be
// tested with fake timers. Keys come in as fast as a USB scanner types; a
// welcome stays up for about two seconds, a refusal long enough for the
// volunteer to read what to do, either until the next key; and whatever
// the host does (no answer, an error, a late answer), the door always comes
// back to a keypad that takes the next guest.
import type { CheckInAnswer } from '../../../shared/views'

export type Phase = 'typing' | 'checking' | 'answer' | 'failed'

export interface EntryState {
  phase: Phase
  /** What the keypad shows: the code being typed, or the one that failed (kept so one tap retries). */
  typed: string
  /** The code or uuid the answer is about (typed is already empty for the next guest). */
  sent: string
  answer: CheckInAnswer | null
  failure: string | null
  /** Enter came before the last digit: the code stays to be finished, and is not sent. */
  incomplete: boolean
}

export type Direction = 'in' | 'out'

export interface EntryOptions {
  codeLength: number
  checkIn(code: string, nonce: string, direction: Direction): Promise<CheckInAnswer>
  /** Turns whatever checkIn threw into words for the door. */
  describeFailure(error: unknown): string
  onAnswer?(answer: CheckInAnswer, code: string): void
  onFailure?(message: string): void
  /** Called with the time of the key that sent the code, for the key-to-result measure. */
  markKey?(at: number): void
  newNonce?(): string
  now?(): number
  answerMs?: number
  refusalMs?: number
  timeoutMs?: number
}

/** How long a welcome (OK) stays on screen when no key is pressed. */
export const ANSWER_MS = 2000
/** A refusal stays longer: the guest is still there, and the volunteer must read what to do next. */
export const REFUSAL_MS = 6000
/** A host that has not answered by then is treated as unreachable; a retry reuses the nonce. */
export const CHECK_TIMEOUT_MS = 8000
/**
 * Keys closer together than this come from a scanner, not a person. A ticket
 * uuid may begin with as many digits as a short code (about one in four do),
 * so a code completed that fast waits SCAN_HOLD_MS for more characters first.
 */
export const SCAN_GAP_MS = 25
export const SCAN_HOLD_MS = 60
/**
 * "Checking…" appears only if the host takes longer than this. A frame drawn for the
 * last digit would make the browser hold the answer back until that frame is painted,
 * and the answer, which nearly always comes first, covers the keypad anyway.
 */
export const SHOW_CHECKING_AFTER_MS = 80
/** Longer than any ticket uuid: a stuck key cannot grow the buffer for ever. */
export const MAX_TYPED = 64

const DIGITS = /^[0-9]+$/
const CLEAR: EntryState = {
  phase: 'typing',
  typed: '',
  sent: '',
  answer: null,
  failure: null,
  incomplete: false,
}

export interface KeyOrigin {
  /** Typed on a keyboard (or a scanner, which is one), as opposed to tapped on the screen. */
  keyboard: boolean
  /** When the key went down, on the performance.now() clock. */
  at: number
}

interface Attempt {
  code: string
  direction: Direction
  nonce: string
}

export class CodeEntry {
  private state: EntryState = CLEAR
  private shown: EntryState = CLEAR
  private showTimer: ReturnType<typeof setTimeout> | null = null
  private readonly listeners = new Set<() => void>()
  private codeLength: number
  private direction: Direction = 'in'
  private attempt: Attempt | null = null
  /** Bumped by every request and every abandon, so a late answer to an old request is dropped. */
  private sequence = 0
  private lastKeyAt = Number.NEGATIVE_INFINITY
  private holdTimer: ReturnType<typeof setTimeout> | null = null
  private answerTimer: ReturnType<typeof setTimeout> | null = null

  private handlers: Pick<EntryOptions, 'onAnswer' | 'onFailure'>
  private ask: EntryOptions['checkIn']

  constructor(private readonly options: EntryOptions) {
    this.codeLength = options.codeLength
    this.handlers = options
    this.ask = options.checkIn
  }

  /** What the screen shows: the state, except while a check is still too young to mention. */
  getState = (): EntryState => this.shown

  /** The state itself, for deciding what a key does. */
  current(): EntryState {
    return this.state
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  setCodeLength(length: number): void {
    this.codeLength = length
  }

  setDirection(direction: Direction): void {
    this.direction = direction
  }

  /** Who answers from now on: the door's own copy joins once it is open. */
  setCheckIn(checkIn: EntryOptions['checkIn']): void {
    this.ask = checkIn
  }

  /** What to do with answers from now on (the page's callbacks change as it re-renders). */
  setHandlers(handlers: Pick<EntryOptions, 'onAnswer' | 'onFailure'>): void {
    this.handlers = handlers
  }

  /** A digit from the keypad or keyboard, or any character a scanner types. */
  key(char: string, origin: KeyOrigin): void {
    const { phase } = this.state
    if (phase === 'checking') return
    // The next guest's first key also clears the last answer or failure away.
    const before = phase === 'typing' ? this.state.typed : ''
    if (before.length >= MAX_TYPED) return
    const typed = before + char
    const fast = origin.keyboard && origin.at - this.lastKeyAt < SCAN_GAP_MS
    this.lastKeyAt = origin.at
    this.cancelHold()
    const complete = DIGITS.test(typed) && typed.length === this.codeLength
    if (complete) this.options.markKey?.(origin.at)
    // The last digit goes straight out, without a frame of its own (see SHOW_CHECKING_AFTER_MS).
    if (complete && !fast) return this.send(typed)
    this.set({ ...CLEAR, typed })
    if (!complete) return
    this.holdTimer = setTimeout(() => {
      this.holdTimer = null
      this.send(typed)
    }, SCAN_HOLD_MS)
  }

  backspace(): void {
    const { phase, typed } = this.state
    if (phase === 'checking') return
    this.cancelHold()
    // From an answer: back to an empty keypad. From a failure: back to the kept code, to edit it.
    if (phase === 'answer') return this.set(CLEAR)
    if (phase === 'failed') return this.set({ ...CLEAR, typed })
    this.set({ ...this.state, typed: typed.slice(0, -1), incomplete: false })
  }

  /** Escape: an empty keypad, whatever was on screen. */
  clear(): void {
    if (this.state.phase === 'checking') return
    this.cancelHold()
    this.set(CLEAR)
  }

  /** Enter or the Check in key: sends what was typed; on an answer, goes back; on a failure, retries. */
  enter(origin: KeyOrigin): void {
    const { phase, typed } = this.state
    if (phase === 'checking') return
    if (phase === 'answer') return this.dismiss()
    this.cancelHold()
    const code = typed.trim()
    if (code === '') return
    // A code cut short would only come back UNKNOWN, and a red "do not let in" for a guest
    // whose ticket is fine: it waits for its last digits instead.
    if (DIGITS.test(code) && code.length < this.codeLength)
      return this.set({ ...CLEAR, typed, incomplete: true })
    this.options.markKey?.(origin.at)
    this.send(code)
  }

  /** The failure screen's "Try again": the same code with the same nonce, so it never counts twice. */
  retry(origin: KeyOrigin): void {
    if (this.state.phase !== 'failed') return
    this.options.markKey?.(origin.at)
    this.send(this.state.typed)
  }

  /** Back to the keypad: empty after an answer, with the kept code after a failure. */
  dismiss(): void {
    const { phase, typed } = this.state
    if (phase === 'answer') this.set(CLEAR)
    if (phase === 'failed') this.set({ ...CLEAR, typed })
  }

  dispose(): void {
    if (this.showTimer !== null) clearTimeout(this.showTimer)
    this.cancelHold()
    this.cancelAnswerTimer()
    // A late answer after the page is gone changes nothing.
    this.sequence++
  }

  private send(code: string): void {
    const direction = this.direction
    // A new nonce per attempt. An attempt that got no answer may still have reached the host, so
    // sending the same code again keeps its nonce: the host then answers as it did, never twice.
    const unanswered = this.attempt
    const attempt: Attempt =
      unanswered && unanswered.code === code && unanswered.direction === direction
        ? unanswered
        : { code, direction, nonce: this.nonce() }
    this.attempt = attempt
    const sequence = ++this.sequence
    this.cancelAnswerTimer()
    this.set({ ...CLEAR, phase: 'checking', typed: code, sent: code }, SHOW_CHECKING_AFTER_MS)

    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError()), this.options.timeoutMs ?? CHECK_TIMEOUT_MS)
    })
    Promise.race([this.ask(code, attempt.nonce, direction), timeout])
      .then(
        (answer) => {
          if (sequence !== this.sequence) return
          this.attempt = null
          this.set({ ...CLEAR, phase: 'answer', sent: code, answer })
          const showMs =
            answer.result === 'OK'
              ? (this.options.answerMs ?? ANSWER_MS)
              : (this.options.refusalMs ?? REFUSAL_MS)
          this.answerTimer = setTimeout(() => this.dismiss(), showMs)
          this.handlers.onAnswer?.(answer, code)
        },
        (error: unknown) => {
          if (sequence !== this.sequence) return
          const message =
            error instanceof TimeoutError
              ? 'The host did not answer in time. The guest is not checked in yet.'
              : this.options.describeFailure(error)
          this.set({ ...CLEAR, phase: 'failed', typed: code, sent: code, failure: message })
          this.handlers.onFailure?.(message)
        },
      )
      .finally(() => clearTimeout(timer))
  }

  private nonce(): string {
    return this.options.newNonce?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  }

  private cancelHold(): void {
    if (this.holdTimer !== null) clearTimeout(this.holdTimer)
    this.holdTimer = null
  }

  private cancelAnswerTimer(): void {
    if (this.answerTimer !== null) clearTimeout(this.answerTimer)
    this.answerTimer = null
  }

  /** Changes the state; shown at once, or after `showAfterMs` unless another change comes first. */
  private set(next: EntryState, showAfterMs?: number): void {
    if (next.phase !== 'answer') this.cancelAnswerTimer()
    if (this.showTimer !== null) clearTimeout(this.showTimer)
    this.showTimer = null
    this.state = next
    if (showAfterMs === undefined) return this.show()
    this.showTimer = setTimeout(() => {
      this.showTimer = null
      this.show()
    }, showAfterMs)
  }

  private show(): void {
    this.shown = this.state
    for (const listener of this.listeners) listener()
  }
}

class TimeoutError extends Error {}
