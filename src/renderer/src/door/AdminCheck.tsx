// What a volunteer at a door station must not do by accident (sign out, switch
// the door to another event) waits for the admin: the admin PIN on the desktop
// app, the admin token in a browser, checked by the host either way.
import { useState, type FormEvent, type ReactNode } from 'react'
import { errorMessage } from '../api/client'
import { Button, ErrorNote, Field } from '../components/ui'
import { useSession } from '../session/store'
import { Dialog } from './Dialog'

export function AdminCheck({
  title,
  action,
  onConfirmed,
  onClose,
  note,
}: {
  title: string
  /** What else the admin should know first. */
  note?: ReactNode
  /** The button's words: what happens once the admin confirms. */
  action: string
  /** Runs with what the admin typed, after the host has accepted it. */
  onConfirmed(admin: string): Promise<void> | void
  onClose(): void
}) {
  const desktop = useSession((s) => s.desktop)
  const confirmAdmin = useSession((s) => s.confirmAdmin)
  const [secret, setSecret] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await confirmAdmin(secret)
      await onConfirmed(secret)
    } catch (failure) {
      setError(errorMessage(failure))
      setSecret('')
      setBusy(false)
    }
  }

  return (
    <Dialog title={title} onClose={onClose} onSubmit={(e) => void submit(e)}>
      <p className="text-slate-300">Only the admin can do this at a door. Ask the organizer.</p>
      {note}
      <Field
        label={desktop ? 'Admin PIN' : 'Admin token'}
        type="password"
        inputMode={desktop ? 'numeric' : undefined}
        autoComplete="off"
        maxLength={desktop ? 8 : 200}
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
      />
      <ErrorNote>{error}</ErrorNote>
      <div className="flex justify-end gap-3">
        <Button tone="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={busy || secret === ''}>
          {action}
        </Button>
      </div>
    </Dialog>
  )
}
