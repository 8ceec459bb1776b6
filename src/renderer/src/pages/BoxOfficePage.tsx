// The counter: sell tickets to a customer, show the codes, find a sale again,
// and watch the emails that carry the codes.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import type { AssignResult, EventDetails } from '../../../shared/views'
import { useQuery } from '../api/hooks'
import { Card, ErrorNote, PageTitle } from '../components/ui'
import { useSession } from '../session/store'
import { EmailOutbox } from './box-office/EmailOutbox'
import { recentSale, useRecentSales } from './box-office/recentSales'
import { SaleResult } from './box-office/SaleResult'
import { SellForm } from './box-office/SellForm'
import { TicketSearch } from './box-office/TicketSearch'
import { EventChooser, useChosenEvent } from './events/EventChooser'
import { GuestImport } from './import/GuestImport'

const TABS = { sell: 'Sell', emails: 'Emails', import: 'Import guest list' } as const
type Tab = keyof typeof TABS

export function BoxOfficePage() {
  const events = useQuery('listEvents', {})
  const { event, choose } = useChosenEvent(events.data)
  const details = useQuery('getEvent', event ? { event_id: event.id } : null)
  const current = details.data?.id === event?.id ? details.data : null
  const [tab, setTab] = useTab()

  return (
    <>
      <PageTitle
        aside={
          events.data && (
            <EventChooser className="w-96" events={events.data} chosen={event} onChoose={choose} />
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
            <div role="tablist" aria-label="Box office" className="flex gap-2 border-b border-edge">
              {(Object.keys(TABS) as Tab[]).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={tab === t}
                  onClick={() => setTab(t)}
                  className="-mb-px border-b-2 border-transparent px-4 py-2 text-sm font-medium text-slate-400 hover:text-slate-100 aria-selected:border-accent aria-selected:text-slate-100"
                >
                  {TABS[t]}
                </button>
              ))}
            </div>
            {tab === 'sell' && <Counter key={current.id} event={current} />}
            {tab === 'emails' && <EmailOutbox key={current.id} eventId={current.id} />}
            {tab === 'import' && <GuestImport key={current.id} event={current} />}
          </>
        )}
      </div>
    </>
  )
}

/** The tab lives in the address beside the event, so a reload stays on it. */
function useTab(): [Tab, (tab: Tab) => void] {
  const [params, setParams] = useSearchParams()
  const asked = params.get('tab')
  const tab: Tab = asked === 'emails' || asked === 'import' ? asked : 'sell'
  return [
    tab,
    (next) =>
      setParams(
        (current) => {
          if (next === 'sell') current.delete('tab')
          else current.set('tab', next)
          return current
        },
        { replace: true },
      ),
  ]
}

function Counter({ event }: { event: EventDetails }) {
  const who = useSession((s) => s.who)
  const seller = who ? `${who.station} · ${who.operator}` : ''
  const recent = useRecentSales(seller, event.id)
  const [shownId, setShownId] = useState<number | null>(null)

  function sold(sale: AssignResult) {
    recent.remember(recentSale(seller, event.id, sale))
    setShownId(sale.sale_id)
  }

  return (
    <>
      <div className="grid items-stretch gap-6 lg:grid-cols-[3fr_2fr]">
        <SellForm event={event} onSold={sold} />
        <SaleResult
          sales={recent.sales}
          shownId={shownId}
          currency={event.ticket_types[0]?.currency}
          onShow={setShownId}
          onEmailed={recent.emailed}
        />
      </div>
      <TicketSearch eventId={event.id} />
    </>
  )
}
