// The door's two switches: which way guests go (only where the event allows
// re-entry) and the sound.
import type { ReactNode } from 'react'
import type { Direction } from './codeEntry'

function Toggle({
  label,
  pressed,
  onClick,
  children,
  activeClass,
}: {
  label?: string
  pressed: boolean
  onClick(): void
  children: ReactNode
  activeClass: string
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      className={`flex h-14 items-center justify-center gap-2 rounded-xl border-2 px-4 text-lg font-semibold whitespace-nowrap ${
        pressed ? activeClass : 'border-slate-600 text-slate-300 hover:bg-slate-800'
      }`}
    >
      {children}
    </button>
  )
}

function Speaker({ muted }: { muted: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M4 9v6h4l5 4V5L8 9H4z" fill="currentColor" />
      {muted ? (
        <path d="M16 9l5 6M21 9l-5 6" />
      ) : (
        <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" />
      )}
    </svg>
  )
}

export function DoorOptions({
  allowReentry,
  direction,
  onDirection,
  muted,
  onMuted,
}: {
  allowReentry: boolean
  direction: Direction
  onDirection(direction: Direction): void
  muted: boolean
  onMuted(muted: boolean): void
}) {
  return (
    <div className="flex shrink-0 gap-2">
      {allowReentry && (
        <div role="group" aria-label="Direction" className="flex gap-2">
          <Toggle
            pressed={direction === 'in'}
            onClick={() => onDirection('in')}
            activeClass="border-green-500 bg-green-600 text-white"
          >
            In
          </Toggle>
          <Toggle
            pressed={direction === 'out'}
            onClick={() => onDirection('out')}
            activeClass="border-sky-500 bg-sky-600 text-white"
          >
            Out
          </Toggle>
        </div>
      )}
      <Toggle
        label="Mute"
        pressed={muted}
        onClick={() => onMuted(!muted)}
        activeClass="border-amber-400 text-amber-200"
      >
        <Speaker muted={muted} />
        {muted ? 'Muted' : 'Sound'}
      </Toggle>
    </div>
  )
}
