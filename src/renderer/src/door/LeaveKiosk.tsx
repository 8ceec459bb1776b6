// The kiosk's only way out: small and out of the way, since volunteers must not
// leave it, and closed by the admin PIN (the shell locks it after wrong tries).
import { useState, type FormEvent } from 'react'
import { errorMessage } from '../api/client'
import { Button, ErrorNote, Field } from '../components/ui'
import { useSession } from '../session/store'
import { Dialog } from './Dialog'

export function LeaveKiosk({ onOpenChange }: { onOpenChange(open: boolean): void }) {
  const leaveKiosk = useSession((s) => s.leaveKiosk)
  const [open, setOpen] = useState(false)
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  function show(next: boolean) {
    setOpen(next)
    setPin('')
    setError(null)
    onOpenChange(next)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await leaveKiosk(pin)
    } catch (failure) {
      setError(errorMessage(failure))
      setPin('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => show(true)}
        className="rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-panel hover:text-slate-300"
      >
        Leave kiosk
      </button>
      {open && (
        <Dialog title="Leave kiosk mode" onClose={() => show(false)} onSubmit={(e) => void submit(e)}>
          <Field
            label="Admin PIN"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
          <ErrorNote>{error}</ErrorNote>
          <div className="flex justify-end gap-3">
            <Button tone="secondary" onClick={() => show(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy || pin === ''}>
              Leave kiosk
            </Button>
          </div>
        </Dialog>
      )}
    </>
  )
}
