// The night's reconciliation: what was seeded, sold, emailed and let in, per
// ticket type and in total, what came in by payment method, and the CSV for the books.
import type { ReconciliationCounts } from '../../../shared/views'
import { Link } from 'react-router'
import { useAction, useQuery } from '../api/hooks'
import { DoorChart, SalesChart } from '../charts/TimelineCharts'
import { Button, Card, ErrorNote, PageTitle } from '../components/ui'
import { GuessingWarning } from '../door/GuessingWarning'
import { useVenueFormat } from '../venue/format'
import { EventChooser, useChosenEvent } from './events/EventChooser'
import { Attendance } from './reports/Attendance'
import { CashUp } from './reports/CashUp'
import { CountsTable } from './reports/CountsTable'
import { DoorConflicts } from './reports/DoorConflicts'
import { saveCsv } from './reports/download'
import { Exports } from './reports/Exports'
import { RevenueTable } from './reports/RevenueTable'
import { useSession } from '../session/store'

const HEADLINES: ReadonlyArray<{ key: keyof ReconciliationCounts; label: string }> = [
  { key: 'assigned', label: 'Sold' },
  { key: 'checked_in', label: 'Checked in' },
  { key: 'inside_now', label: 'Inside now' },
  { key: 'no_show', label: 'No-show' },
  { key: 'available', label: 'Still available' },
]

export function ReportsPage() {
  const events = useQuery('listEvents', {})
  const { event, choose } = useChosenEvent(events.data)
  const report = useQuery('reconciliation', event ? { event_id: event.id } : null)
  const timeline = useQuery('timeline', event ? { event_id: event.id } : null)
  const night = timeline.data?.event_id === event?.id ? timeline.data : null
  const csv = useAction('reconciliationCsv')
  const data = report.data?.event.id === event?.id ? report.data : null
  const venue = useVenueFormat()
  const who = useSession((s) => s.who)

  async function download() {
    if (!event) return
    const file = await csv.run({ event_id: event.id })
    if (file) saveCsv(file)
  }

  return (
    <>
      <PageTitle
        aside={
          <div className="flex items-end gap-3">
            {events.data && (
              <EventChooser className="w-96" events={events.data} chosen={event} onChoose={choose} />
            )}
            <Button tone="secondary" onClick={report.refresh} disabled={!event || report.loading}>
              {report.loading ? 'Refreshing…' : 'Refresh'}
            </Button>
            <Button onClick={() => void download()} disabled={!event || csv.busy}>
              {csv.busy ? 'Preparing…' : 'Download CSV'}
            </Button>
          </div>
        }
      >
        Reports
      </PageTitle>
      <div className="space-y-6">
        <ErrorNote>{events.error ?? report.error ?? csv.error}</ErrorNote>
        {events.data?.length === 0 && (
          <Card>
            <p className="text-slate-300">No events yet, so nothing to report.</p>
          </Card>
        )}
        {data && (
          <>
            <GuessingWarning
              warnings={data.guessing}
              advice="The host is slowing that station down. If nobody there is having a bad minute with typos, revoke the station in Settings."
            />
            <dl className="grid grid-cols-6 gap-4">
              {HEADLINES.map((h) => (
                <div key={h.key} className="rounded-xl border border-edge bg-panel px-4 py-3">
                  <dt className="text-xs tracking-wide text-slate-400 uppercase">{h.label}</dt>
                  <dd className="mt-1 text-3xl font-semibold tabular-nums" data-testid={`headline-${h.key}`}>
                    {data.totals[h.key]?.toLocaleString()}
                  </dd>
                </div>
              ))}
              <div className="rounded-xl border border-edge bg-panel px-4 py-3">
                <dt className="text-xs tracking-wide text-slate-400 uppercase">Revenue</dt>
                <dd className="mt-1 text-3xl font-semibold tabular-nums" data-testid="headline-revenue">
                  {venue.money(data.totals.revenue_cents, data.currency)}
                </dd>
              </div>
            </dl>
            <Card title="By ticket type">
              <CountsTable report={data} />
              <p className="mt-4 text-xs text-slate-400">
                Assigned counts every ticket sold, checked in or not. Delivered means the mail server accepted
                the codes email. Updated {venue.time(data.generated_at)}; changes show as they happen.
              </p>
            </Card>
            {night && (
              <div className="grid items-start gap-6 lg:grid-cols-2">
                <Card
                  title="The door over the night"
                  aside={
                    <Link
                      to={`/night?event=${data.event.id}`}
                      className="text-sm text-accent hover:underline"
                    >
                      Open on a big screen
                    </Link>
                  }
                >
                  <DoorChart timeline={night} />
                </Card>
                <Card title="Tickets sold per day">
                  <SalesChart timeline={night} />
                </Card>
              </div>
            )}
            <div className="grid items-start gap-6 lg:grid-cols-2">
              <Card title="Revenue by payment method">
                <RevenueTable report={data} />
              </Card>
              <Card title="Attendance">
                <Attendance totals={data.totals} salesWithoutEmail={data.sales_without_email} />
              </Card>
            </div>
            <CashUp eventId={data.event.id} eventName={data.event.name} />
            <DoorConflicts eventId={data.event.id} />
            <Exports eventId={data.event.id} isAdmin={who?.role === 'admin'} />
          </>
        )}
      </div>
    </>
  )
}
