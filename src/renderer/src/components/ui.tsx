// The few building blocks every page uses, so the screens look and behave alike.
import {
  useEffect,
  useId,
  useState,
  type ButtonHTMLAttributes,
  type ComponentProps,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react'
import { formatVenueDateTime, formatVenueMoney } from '../../../shared/venue-format'
import { currentVenueFormat } from '../venue/format'

type Tone = 'primary' | 'secondary' | 'danger'

const tones: Record<Tone, string> = {
  primary: 'bg-accent text-ink hover:bg-indigo-300 font-semibold',
  secondary: 'bg-panel text-slate-100 border border-edge hover:border-accent',
  danger: 'bg-red-500 text-white hover:bg-red-400 font-semibold',
}

export function Button({
  tone = 'primary',
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone }) {
  return (
    <button
      type="button"
      className={`rounded-lg px-4 py-2 transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${tones[tone]} ${className}`}
      {...props}
    />
  )
}

export function PageTitle({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="mb-6 flex min-h-10 items-end justify-between gap-4">
      <h1 className="text-2xl font-bold tracking-tight">{children}</h1>
      {aside}
    </div>
  )
}

export function Card({
  title,
  aside,
  children,
  className = '',
}: {
  title?: ReactNode
  /** Actions beside the title, kept out of the card's name. */
  aside?: ReactNode
  children: ReactNode
  className?: string
}) {
  // Titled cards are named regions, so assistive tech (and tests) can find one card's own fields.
  const titleId = useId()
  // A long name wraps, even one without spaces, instead of pushing the page sideways.
  const heading = title && (
    <h2 id={titleId} className="min-w-0 text-lg font-semibold wrap-anywhere">
      {title}
    </h2>
  )
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      className={`min-w-0 rounded-xl border border-edge bg-panel p-5 ${className}`}
    >
      {heading && (
        <div className="mb-4 flex items-start justify-between gap-4">
          {heading}
          {aside && <div className="flex shrink-0 gap-2">{aside}</div>}
        </div>
      )}
      {children}
    </section>
  )
}

const fieldClass =
  'h-10 w-full rounded-lg border border-edge bg-ink px-3 text-slate-100 placeholder:text-slate-500 focus:border-accent focus:outline-none disabled:cursor-not-allowed disabled:opacity-50'

// The label sits beside the control, not around it: wrapped, a select's options
// and a hint would become part of the control's accessible name.
export function Field({
  label,
  hint,
  error,
  className = '',
  ...props
}: ComponentProps<'input'> & { label: string; hint?: string; error?: string | null }) {
  const id = useId()
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div className={`text-sm ${className}`}>
      <label htmlFor={id} className="mb-1 block font-medium text-slate-300">
        {label}
      </label>
      <input
        id={id}
        aria-describedby={described || undefined}
        aria-invalid={error ? true : undefined}
        className={`${fieldClass} ${error ? invalidClass : ''}`}
        {...props}
      />
      {hint && (
        <span id={`${id}-hint`} className="mt-1 block text-xs text-slate-400">
          {hint}
        </span>
      )}
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  )
}

const invalidClass = 'border-red-400 focus:border-red-300'

/** What is wrong with one field, right under it. */
function FieldError({ id, children }: { id: string; children?: string | null }) {
  if (!children) return null
  return (
    <span id={id} role="alert" className="mt-1 block text-xs text-red-300">
      {children}
    </span>
  )
}

export function Select({
  label,
  error,
  children,
  className = '',
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string | null }) {
  const id = useId()
  return (
    <div className={`text-sm ${className}`}>
      <label htmlFor={id} className="mb-1 block font-medium text-slate-300">
        {label}
      </label>
      <select
        id={id}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className={`${fieldClass} ${error ? invalidClass : ''}`}
        {...props}
      >
        {children}
      </select>
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  )
}

/** An error shown where it happened, in words, never swallowed. */
export function ErrorNote({ children }: { children: ReactNode }) {
  if (!children) return null
  return (
    <p
      role="alert"
      className="rounded-lg border border-red-500/60 bg-red-950/60 px-3 py-2 text-sm text-red-200"
    >
      {children}
    </p>
  )
}

export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null
  return (
    <p
      role="status"
      className="rounded-lg border border-amber-400/50 bg-amber-950/50 px-3 py-2 text-sm text-amber-100"
    >
      {children}
    </p>
  )
}

/** In the venue's locale (Settings); components that must follow a change at once use useVenueFormat. */
export function formatMoney(cents: number, currency = 'EUR'): string {
  return formatVenueMoney(cents, currency, currentVenueFormat())
}

/** In the venue's locale and time zone (Settings). */
export function formatDateTime(iso: string): string {
  return formatVenueDateTime(iso, currentVenueFormat())
}

type BadgeTone = 'neutral' | 'good' | 'warn' | 'bad' | 'info'

const badgeTones: Record<BadgeTone, string> = {
  neutral: 'border-edge bg-ink text-slate-300',
  good: 'border-emerald-500/50 bg-emerald-950/60 text-emerald-200',
  warn: 'border-amber-400/50 bg-amber-950/60 text-amber-100',
  bad: 'border-red-500/60 bg-red-950/60 text-red-200',
  info: 'border-accent/50 bg-indigo-950/60 text-indigo-100',
}

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${badgeTones[tone]}`}
    >
      {children}
    </span>
  )
}

export function Checkbox({
  label,
  hint,
  className = '',
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  return (
    <label className={`flex items-start gap-3 text-sm ${className}`}>
      <input type="checkbox" className="mt-0.5 size-4 accent-accent" {...props} />
      <span>
        <span className="block font-medium text-slate-300">{label}</span>
        {hint && <span className="block text-xs text-slate-400">{hint}</span>}
      </span>
    </label>
  )
}

/** Copies text to the clipboard; plain-HTTP pages on the LAN have no clipboard API, so it falls back. */
export function CopyButton({ text, label = 'Copy', what }: { text: string; label?: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])
  async function copy() {
    setState((await copyText(text)) ? 'copied' : 'failed')
  }
  return (
    <Button
      tone="secondary"
      className="py-1 text-sm"
      aria-label={`${label} ${what}`}
      onClick={() => void copy()}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy by hand' : label}
    </Button>
  )
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.append(area)
    area.select()
    try {
      // Deprecated, but the only copy that works on a page served over plain HTTP.
      return document.execCommand('copy')
    } catch {
      return false
    } finally {
      area.remove()
    }
  }
}
