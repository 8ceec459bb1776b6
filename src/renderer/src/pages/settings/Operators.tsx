// The desktop app's operators: give someone a new PIN, which also lifts a
// lock-out after too many wrong PINs.
import { useState, type FormEvent } from 'react'
import type { OperatorView } from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import { Badge, Button, Card, ErrorNote, Field, formatDateTime } from '../../components/ui'
import { ROLE_LABELS } from './Stations'

export function Operators() {
  const operators = useQuery('listOperators', {})
  return (
    <Card title="Operators">
      <p className="mb-4 text-sm text-slate-400">
        People sign in to the desktop app with their role&apos;s PIN. A new PIN also lifts a lock-out.
      </p>
      <ErrorNote>{operators.error}</ErrorNote>
      {operators.data?.length === 0 && (
        <p className="text-sm text-slate-400">
          No operators yet: the desktop app asks for their PINs when it first starts.
        </p>
      )}
      <ul className="divide-y divide-edge">
        {operators.data?.map((o) => (
          <OperatorRow key={o.id} operator={o} />
        ))}
      </ul>
    </Card>
  )
}

function OperatorRow({ operator }: { operator: OperatorView }) {
  const setPin = useAction('setOperatorPin')
  const [editing, setEditing] = useState(false)
  const [pin, setPinText] = useState('')
  const [saved, setSaved] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const changed = await setPin.run({ operator_id: operator.id, pin })
    setPinText('')
    if (!changed) return
    setEditing(false)
    setSaved(true)
  }

  return (
    <li className="py-3">
      <div className="flex items-center gap-3">
        <span className="font-medium">{operator.name}</span>
        <span className="text-sm text-slate-400">{ROLE_LABELS[operator.role]}</span>
        {operator.locked_until && (
          <Badge tone="bad">locked until {formatDateTime(operator.locked_until)}</Badge>
        )}
        {saved && (
          <span role="status" className="text-sm text-emerald-300">
            PIN changed
          </span>
        )}
        {!editing && (
          <Button
            tone="secondary"
            className="ml-auto py-1 text-xs"
            onClick={() => {
              setSaved(false)
              setEditing(true)
            }}
          >
            Set PIN
          </Button>
        )}
      </div>
      {editing && (
        <form onSubmit={submit} className="mt-3 flex items-end gap-3">
          <Field
            label={`New PIN for ${operator.name}`}
            className="w-56"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]*"
            maxLength={8}
            hint="4 to 8 digits"
            autoFocus
            required
            value={pin}
            onChange={(e) => setPinText(e.target.value)}
          />
          <Button type="submit" className="mb-5" disabled={setPin.busy}>
            Save
          </Button>
          <Button tone="secondary" className="mb-5" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </form>
      )}
      {editing && <ErrorNote>{setPin.error}</ErrorNote>}
    </li>
  )
}
