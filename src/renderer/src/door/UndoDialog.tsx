// Taking back an admission (the wrong guest was waved in, a code was typed for
// the person behind): one tap picks why, a note is optional, and the host keeps
// the reason in its audit log.
import { useState, type FormEvent } from 'react'
import { errorMessage } from '../api'
import { useAction } from '../api/hooks'
import { Button, ErrorNote, Field } from '../components/ui'
import { Dialog } from './Dialog'
import type { OfflineDoor } from './offline/offlineDoor'
import type { Admission } from './RecentAnswers'

export const UNDO_REASONS = ['Wrong person', 'Mistyped code', 'Left again', 'Other'] as const

export function UndoDialog({
  admission,
  door,
  onClose,
  onUndone,
}: {
  admission: Admission
  /** Undoes on the host, or queues the undo while the host cannot be reached. */
  door: OfflineDoor | null
  onClose(): void
  onUndone(): void
}) {
  const action = useAction('undoCheckIn')
  const [doorError, setDoorError] = useState<string | null>(null)
  const [doorBusy, setDoorBusy] = useState(false)
  const undo = door ? { error: doorError, busy: doorBusy } : action
  const [why, setWhy] = useState<string | null>(null)
  const [note, setNote] = useState('')
  async function submit(event: FormEvent) {
    event.preventDefault()
    if (why === null) return
    const reason = note.trim() === '' ? why : `${why}: ${note.trim()}`
    if (!door) {
      if (await action.run({ ticket_id: admission.ticket_id, reason })) onUndone()
      return
    }
    setDoorBusy(true)
    setDoorError(null)
    try {
      await door.undo(admission.ticket_id, reason)
      onUndone()
    } catch (error) {
      setDoorError(errorMessage(error))
      setDoorBusy(false)
    }
  }
  return (
    <Dialog title="Undo admission" onClose={onClose} onSubmit={(e) => void submit(e)}>
      <p className="text-slate-300">
        <span className="font-semibold text-white">{admission.holder}</span>
        {admission.code && <> · code {admission.code}</>} will count as not checked in.
      </p>
      <div role="radiogroup" aria-label="Reason" className="grid grid-cols-2 gap-2">
        {UNDO_REASONS.map((reason) => (
          <button
            key={reason}
            type="button"
            role="radio"
            aria-checked={why === reason}
            onClick={() => setWhy(reason)}
            className={`h-14 rounded-xl border-2 px-3 text-lg font-semibold ${
              why === reason
                ? 'border-accent bg-accent text-ink'
                : 'border-slate-600 text-slate-200 hover:bg-slate-800'
            }`}
          >
            {reason}
          </button>
        ))}
      </div>
      <Field
        label="Note (optional)"
        hint="Kept in the audit log with the reason."
        value={note}
        maxLength={400}
        onChange={(e) => setNote(e.target.value)}
      />
      <ErrorNote>{undo.error}</ErrorNote>
      <div className="flex justify-end gap-3">
        <Button tone="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" tone="danger" disabled={undo.busy || why === null}>
          Undo admission
        </Button>
      </div>
    </Dialog>
  )
}
