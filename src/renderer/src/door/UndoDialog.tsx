// Taking back the last admission (the wrong guest was waved in, a ticket was
// typed for the person behind): the host keeps the reason in its audit log.
import { useState, type FormEvent } from 'react'
import { useAction } from '../api/hooks'
import { Button, ErrorNote, Field } from '../components/ui'
import { Dialog } from './Dialog'

export interface Admission {
  ticket_id: number
  holder: string
  code: string | null
}

export function UndoDialog({
  admission,
  onClose,
  onUndone,
}: {
  admission: Admission
  onClose(): void
  onUndone(): void
}) {
  const undo = useAction('undoCheckIn')
  const [reason, setReason] = useState('')
  async function submit(event: FormEvent) {
    event.preventDefault()
    if (await undo.run({ ticket_id: admission.ticket_id, reason: reason.trim() })) onUndone()
  }
  return (
    <Dialog title="Undo last admission" onClose={onClose} onSubmit={(e) => void submit(e)}>
      <p className="text-slate-300">
        <span className="font-semibold text-white">{admission.holder}</span>
        {admission.code && <> · code {admission.code}</>} will count as not checked in.
      </p>
      <Field
        label="Reason"
        hint="Kept in the audit log, e.g. “typed the wrong code”."
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorNote>{undo.error}</ErrorNote>
      <div className="flex justify-end gap-3">
        <Button tone="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" tone="danger" disabled={undo.busy || reason.trim() === ''}>
          Undo admission
        </Button>
      </div>
    </Dialog>
  )
}
