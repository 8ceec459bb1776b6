// The counter: sell tickets to a customer, show the codes, find a sale again.
import { useState } from 'react'
import type { AssignResult } from '../../../shared/views'
import { useQuery } from '../api/hooks'
import { Card, ErrorNote, PageTitle } from '../components/ui'
import { SaleResult } from './box-office/SaleResult'
import { SellForm } from './box-office/SellForm'
import { TicketSearch } from './box-office/TicketSearch'
import { EventChooser, useChosenEvent } from './events/EventChooser'

export function BoxOfficePage() {
  const events = useQuery('listEvents', {}, { refreshEveryMs: 10_000 })
  const { event, choose } = useChosenEvent(events.data)
  const details = useQuery('getEvent', event ? { event_id: event.id } : null, { refreshEveryMs: 10_000 })
  const [sale, setSale] = useState<AssignResult | null>(null)
  const [salesMade, setSalesMade] = useState(0)
  const current = details.data?.id === event?.id ? details.data : null

  function sold(next: AssignResult) {
    setSale(next)
    setSalesMade((n) => n + 1)
  }

  return (
    <>
      <PageTitle
        aside={
          events.data && (
            <EventChooser
              className="w-96"
              events={events.data}
              chosen={event}
              onChoose={(id) => {
                setSale(null)
                choose(id)
              }}
            />
          )
        }
      >
        Box office
      </PageTitle>
      <div className="space-y-6">
        <ErrorNote>{events.error ?? details.error}</ErrorNote>
        {events.data?.length === 0 && (
          <Card>
            <p className="text-slate-300">There is no event to sell tickets for yet.</p>
            <p className="mt-1 text-sm text-slate-400">An admin creates events on the Events page.</p>
          </Card>
        )}
        {current && (
          <>
            <div className="grid items-stretch gap-6 lg:grid-cols-[3fr_2fr]">
              <SellForm key={current.id} event={current} onSold={sold} />
              <SaleResult key={sale?.sale_id ?? 0} sale={sale} currency={current.ticket_types[0]?.currency} />
            </div>
            <TicketSearch key={current.id} eventId={current.id} salesMade={salesMade} />
          </>
        )}
      </div>
    </>
  )
}
