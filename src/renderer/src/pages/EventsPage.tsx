// Setting up the night: events, their ticket types and prices, and the
// inventory the box office sells from, with counts that follow the sales.
import { useState } from 'react'
import { useAction, useQuery } from '../api/hooks'
import { Button, Card, Checkbox, ErrorNote, PageTitle } from '../components/ui'
import { EventCard } from './events/EventCard'
import { NewEventForm } from './events/NewEventForm'

export function EventsPage() {
  // Archived events are past ones put out of the way; they come back on request.
  const [showArchived, setShowArchived] = useState(false)
  const events = useQuery('listEvents', { include_archived: showArchived })
  const sample = useAction('createSampleEvent')
  return (
    <>
      <PageTitle
        aside={
          <div className="flex items-center gap-6">
            <Checkbox
              label="Show archived events"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.target.checked)}
            />
            <span className="text-sm text-slate-400">Counts update as tickets sell and guests arrive</span>
          </div>
        }
      >
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
                Create one on the left, then add its ticket types and seed its tickets.
                {!showArchived && ' Archived events show when “Show archived events” is ticked.'}
              </p>
              <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-edge pt-4">
                <Button tone="secondary" onClick={() => void sample.run({})} disabled={sample.busy}>
                  {sample.busy ? 'Making the sample event…' : 'Try a sample event'}
                </Button>
                <span className="text-sm text-slate-400">
                  A made-up night on now, with sales, emails and guests at the door, so every screen has
                  something to show. Archive it when you are done.
                </span>
              </div>
              <ErrorNote>{sample.error}</ErrorNote>
            </Card>
          )}
          {events.data?.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
        </div>
      </div>
    </>
  )
}
