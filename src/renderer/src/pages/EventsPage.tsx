// Setting up the night: events, their ticket types and prices, and the
// inventory the box office sells from, with counts that follow the sales.
import { useQuery } from '../api/hooks'
import { Card, ErrorNote, PageTitle } from '../components/ui'
import { EventCard } from './events/EventCard'
import { NewEventForm } from './events/NewEventForm'

export function EventsPage() {
  const events = useQuery('listEvents', {}, { refreshEveryMs: 3000 })
  return (
    <>
      <PageTitle aside={<span className="text-sm text-slate-400">Counts update every few seconds</span>}>
        Events
      </PageTitle>
      <div className="grid items-start gap-6 lg:grid-cols-[20rem_1fr]">
        <NewEventForm onCreated={events.refresh} />
        <div className="min-w-0 space-y-6">
          <ErrorNote>{events.error}</ErrorNote>
          {events.data?.length === 0 && (
            <Card>
              <p className="text-slate-300">No events yet.</p>
              <p className="mt-1 text-sm text-slate-400">
                Create the first one on the left, then add its ticket types and seed its tickets.
              </p>
            </Card>
          )}
          {events.data?.map((event) => (
            <EventCard key={event.id} event={event} onChanged={events.refresh} />
          ))}
        </div>
      </div>
    </>
  )
}
