// One Chart.js chart on a canvas, made once and updated in place when its data
// changes (a live change at the door), so it never flickers or resets.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartData,
} from 'chart.js'
import { useEffect, useRef } from 'react'

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
)

export type BarOrLine = ChartConfiguration<'bar' | 'line'>

export function ChartCanvas({
  config,
  label,
  className = 'h-64',
}: {
  config: BarOrLine
  /** What the chart shows, for assistive tech and tests: a canvas has no text of its own. */
  label: string
  className?: string
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const chart = useRef<Chart<'bar' | 'line'> | null>(null)

  // Made at the first config, then updated in place with each new one.
  useEffect(() => {
    const current = chart.current
    if (!current) {
      chart.current = new Chart(canvas.current!, config)
      return
    }
    current.data = config.data as ChartData<'bar' | 'line'>
    if (config.options) current.options = config.options
    current.update('none')
  }, [config])

  useEffect(
    () => () => {
      chart.current?.destroy()
      chart.current = null
    },
    [],
  )

  return (
    <div className={`relative ${className}`}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  )
}
