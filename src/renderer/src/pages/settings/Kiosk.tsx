// Turning this laptop into a door kiosk: fullscreen, the Door page of one
// event and nothing else, until someone types the admin PIN.
import { useState } from 'react'
import { errorMessage } from '../../api/client'
import { useQuery } from '../../api/hooks'
import { Button, Card, ErrorNote } from '../../components/ui'
import { useSession } from '../../session/store'
import { EventChooser, useChosenEvent } from '../events/EventChooser'

export function Kiosk() {
  const events = useQuery('listEvents', {})
  const { event, choose } = useChosenEvent(events.data)
  const enterKiosk = useSession((s) => s.enterKiosk)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function start() {
    if (!event) return
    setBusy(true)
    setError(null)
    try {
      await enterKiosk(event.id)
    } catch (failure) {
      setError(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <Card title="Door kiosk">
      <p className="mb-4 text-sm text-slate-400">
        Locks this laptop to the Door page of one event, fullscreen, with no menu and no way to close the
        window. Door staff can check guests in and nothing else. Leaving kiosk mode needs the admin PIN.
      </p>
      <div className="flex items-end gap-3">
        {events.data && (
          <EventChooser className="flex-1" events={events.data} chosen={event} onChoose={choose} />
        )}
        <Button onClick={() => void start()} disabled={!event || busy}>
          {busy ? 'Starting…' : 'Start kiosk'}
        </Button>
      </div>
      <div className="mt-3">
        <ErrorNote>{error ?? events.error}</ErrorNote>
      </div>
    </Card>
  )
}
