// What the charts draw from a Timeline: the door's slots and the sales per day,
// in the page's one dark theme, with type large enough for a projector.
import type { ChartData, ChartOptions } from 'chart.js'
import type { Timeline } from '../../../shared/views'
import type { BarOrLine } from './ChartCanvas'

const TEXT = '#cbd5e1'
const GRID = '#2a3352'
const TYPE_COLOURS = ['#7c9cff', '#34d399', '#fbbf24', '#f472b6', '#38bdf8', '#a78bfa']

function baseOptions(fontSize: number): ChartOptions<'bar' | 'line'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    color: TEXT,
    font: { size: fontSize },
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { labels: { color: TEXT, font: { size: fontSize } } } },
    scales: {
      x: {
        ticks: { color: TEXT, font: { size: fontSize }, maxRotation: 0, autoSkip: true },
        grid: { color: GRID },
      },
      y: {
        beginAtZero: true,
        ticks: { color: TEXT, font: { size: fontSize }, precision: 0 },
        grid: { color: GRID },
      },
    },
  }
}

/** Arrivals per slot as bars, inside at each slot's end as a line. */
export function doorChart(timeline: Timeline, time: (iso: string) => string, fontSize = 12): BarOrLine {
  const data: ChartData<'bar' | 'line'> = {
    labels: timeline.door.map((slot) => time(slot.at)),
    datasets: [
      {
        type: 'bar',
        label: `Arrivals per ${timeline.slot_minutes} minutes`,
        data: timeline.door.map((slot) => slot.arrivals),
        backgroundColor: '#7c9cff',
        borderRadius: 3,
        order: 2,
      },
      {
        type: 'line',
        label: 'Inside',
        data: timeline.door.map((slot) => slot.inside),
        borderColor: '#34d399',
        backgroundColor: 'rgba(52, 211, 153, 0.15)',
        fill: true,
        tension: 0.25,
        pointRadius: 0,
        borderWidth: 3,
        order: 1,
      },
    ],
  }
  return { type: 'bar', data, options: baseOptions(fontSize) }
}

/** Tickets sold per day, one stacked colour per ticket type. */
export function salesChart(timeline: Timeline, day: (iso: string) => string, fontSize = 12): BarOrLine {
  const options = baseOptions(fontSize)
  const data: ChartData<'bar'> = {
    labels: timeline.sales.map((entry) => day(`${entry.day}T12:00:00Z`)),
    datasets: timeline.ticket_types.map((type, i) => ({
      label: type.name,
      data: timeline.sales.map((entry) => entry.by_type[type.id === null ? 'none' : String(type.id)] ?? 0),
      backgroundColor: TYPE_COLOURS[i % TYPE_COLOURS.length],
      borderRadius: 2,
    })),
  }
  return {
    type: 'bar',
    data,
    options: {
      ...options,
      scales: { x: { ...options.scales!.x, stacked: true }, y: { ...options.scales!.y, stacked: true } },
    },
  }
}
