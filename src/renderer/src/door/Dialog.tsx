// A small modal for the door's rare questions (undo, leaving the kiosk). While
// it is open the keypad's keys stay with the dialog's fields; Escape closes it.
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'

export function Dialog({
  title,
  onClose,
  onSubmit,
  children,
}: {
  title: string
  onClose(): void
  onSubmit(event: FormEvent): void
  children: ReactNode
}) {
  const titleId = useId()
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    form.current?.querySelector<HTMLElement>('input, textarea, button')?.focus()
    // Back where the operator was, so the keyboard flow carries on.
    return () => previous?.focus()
  }, [])
  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/70 p-6"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <form
        ref={form}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={onSubmit}
        className="max-h-full w-full max-w-md space-y-4 overflow-y-auto rounded-2xl border border-edge bg-panel p-6 shadow-2xl"
      >
        <h2 id={titleId} className="text-xl font-semibold">
          {title}
        </h2>
        {children}
      </form>
    </div>
  )
}
