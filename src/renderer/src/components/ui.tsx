// The few building blocks every page uses, so the screens look and behave alike.
import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react'

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
    <div className="mb-6 flex items-center justify-between gap-4">
      <h1 className="text-2xl font-bold tracking-tight">{children}</h1>
      {aside}
    </div>
  )
}

export function Card({
  title,
  children,
  className = '',
}: {
  title?: ReactNode
  children: ReactNode
  className?: string
}) {
  return (
    <section className={`rounded-xl border border-edge bg-panel p-5 ${className}`}>
      {title && <h2 className="mb-4 text-lg font-semibold">{title}</h2>}
      {children}
    </section>
  )
}

const fieldClass =
  'w-full rounded-lg border border-edge bg-ink px-3 py-2 text-slate-100 placeholder:text-slate-500 focus:border-accent focus:outline-none'

export function Field({
  label,
  hint,
  className = '',
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  return (
    <label className={`block text-sm ${className}`}>
      <span className="mb-1 block font-medium text-slate-300">{label}</span>
      <input className={fieldClass} {...props} />
      {hint && <span className="mt-1 block text-xs text-slate-400">{hint}</span>}
    </label>
  )
}

export function Select({
  label,
  children,
  className = '',
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string }) {
  return (
    <label className={`block text-sm ${className}`}>
      <span className="mb-1 block font-medium text-slate-300">{label}</span>
      <select className={fieldClass} {...props}>
        {children}
      </select>
    </label>
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

export function formatMoney(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100)
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
