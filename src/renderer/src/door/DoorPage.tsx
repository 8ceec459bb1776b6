// The door: the kiosk's only page. An operator picks the event (a kiosk has it
// fixed by the admin who started it), then the door checks guests in. At a door
// station, switching to another event afterwards needs the admin.
import { useState } from 'react'
import { stationLabel } from '../../../shared/stations'
import { useQuery } from '../api/hooks'
import { ErrorNote } from '../components/ui'
import { useSession } from '../session/store'
import { AdminCheck } from './AdminCheck'
import { DoorCheckIn } from './DoorCheckIn'
import { DoorEventSelect } from './DoorEventSelect'
import { LeaveKiosk } from './LeaveKiosk'

export function DoorPage() {
  const kiosk = useSession((s) => s.kiosk)
  const doorEventId = useSession((s) => s.doorEventId)
  const chooseDoorEvent = useSession((s) => s.chooseDoorEvent)
  const station = useSession((s) => s.who?.station)
  const atDoorStation = useSession((s) => s.who?.role === 'door')
  const [leaving, setLeaving] = useState(false)
  /** The event a volunteer picked while another was open: it waits for the admin. */
  const [switchTo, setSwitchTo] = useState<number | null | undefined>(undefined)

  const eventId = kiosk.on ? kiosk.event_id : doorEventId
  const events = useQuery('listEvents', kiosk.on ? null : {})
  const details = useQuery('getEvent', eventId === null ? null : { event_id: eventId })
  // The answer for the event asked for, not the one before it while the new one loads.
  const event = details.data?.id === eventId ? details.data : null

  function choose(next: number | null) {
    if (atDoorStation && event !== null && next !== eventId) setSwitchTo(next)
    else chooseDoorEvent(next)
  }

  return (
    // Keys of 96 px under the page header (80 px on a phone); a kiosk has the whole screen and grows them to 112 px.
    <div
      className={
        kiosk.on
          ? 'flex h-full flex-col gap-6 p-6 [--door-key:7rem]'
          : 'flex flex-col gap-4 [--door-key:5rem] sm:gap-6 sm:[--door-key:6rem]'
      }
    >
      <header className="flex flex-wrap items-end gap-4">
        {kiosk.on ? (
          <h1 className="min-w-0 flex-1 truncate text-3xl font-bold tracking-tight">
            {event?.name ?? 'Door'}
            {event?.venue && <span className="ml-3 text-xl font-medium text-slate-400">{event.venue}</span>}
          </h1>
        ) : (
          <div className="min-w-0 flex-1">
            <DoorEventSelect events={events.data ?? []} chosenId={eventId} onChoose={choose} />
          </div>
        )}
        {/* Outside the kiosk the page header already names the station. */}
        {kiosk.on && station && <span className="pb-1 text-sm text-slate-500">{stationLabel(station)}</span>}
        {kiosk.on && <LeaveKiosk onOpenChange={setLeaving} />}
      </header>

      <ErrorNote>{events.error}</ErrorNote>
      {eventId !== null && <ErrorNote>{details.error}</ErrorNote>}

      {event ? (
        <DoorCheckIn
          key={event.id}
          event={event}
          station={station ?? ''}
          paused={leaving || switchTo !== undefined}
        />
      ) : (
        <p className="rounded-2xl border border-dashed border-edge p-10 text-center text-xl text-slate-400">
          {eventId === null
            ? 'Choose the event at this door to start checking guests in.'
            : details.error
              ? 'The event could not be loaded.'
              : 'Loading the event…'}
        </p>
      )}

      {switchTo !== undefined && (
        <AdminCheck
          title="Switch the door to another event"
          action="Switch event"
          onConfirmed={() => {
            chooseDoorEvent(switchTo)
            setSwitchTo(undefined)
          }}
          onClose={() => setSwitchTo(undefined)}
        />
      )}
    </div>
  )
}
