// The night's two charts, from one timeline: the door over the night, and sales per day.
import { useMemo } from 'react'
import type { Timeline } from '../../../shared/views'
import { useVenueFormat } from '../venue/format'
import { ChartCanvas } from './ChartCanvas'
import { doorChart, salesChart } from './nightCharts'

export function DoorChart({
  timeline,
  fontSize,
  className,
}: {
  timeline: Timeline
  fontSize?: number
  className?: string
}) {
  const venue = useVenueFormat()
  const config = useMemo(() => doorChart(timeline, venue.time, fontSize), [timeline, venue.time, fontSize])
  const arrivals = timeline.door.reduce((sum, slot) => sum + slot.arrivals, 0)
  return (
    <ChartCanvas
      config={config}
      className={className}
      label={`Arrivals per ${timeline.slot_minutes} minutes and guests inside: ${arrivals} arrivals, ${timeline.door.at(-1)?.inside ?? 0} inside now`}
    />
  )
}

export function SalesChart({
  timeline,
  fontSize,
  className,
}: {
  timeline: Timeline
  fontSize?: number
  className?: string
}) {
  const venue = useVenueFormat()
  const config = useMemo(() => salesChart(timeline, venue.day, fontSize), [timeline, venue.day, fontSize])
  const sold = timeline.sales.reduce((sum, day) => sum + day.total, 0)
  if (timeline.sales.length === 0) return <p className="text-slate-400">No tickets sold yet.</p>
  return (
    <ChartCanvas
      config={config}
      className={className}
      label={`Tickets sold per day by ticket type: ${sold} over ${timeline.sales.length} days`}
    />
  )
}
