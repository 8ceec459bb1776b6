// The header's word on this station's link to its host: shown in a browser
// station, where the screen is only as current as its live stream.
import { useLiveConnection } from '../live/connection'
import { useVenueFormat } from '../venue/format'

export function LiveBadge() {
  const state = useLiveConnection((s) => s.state)
  const { time } = useVenueFormat()
  if (state.status === 'off') return null
  const [tone, text] =
    state.status === 'connected'
      ? ['border-emerald-500/40 bg-emerald-500/10 text-emerald-300', 'Live']
      : state.status === 'unreachable'
        ? [
            'border-red-500/60 bg-red-500/15 text-red-200',
            `Host unreachable since ${time(new Date(state.since).toISOString())}`,
          ]
        : [
            'border-amber-500/50 bg-amber-500/10 text-amber-200',
            state.status === 'connecting' ? 'Connecting…' : 'Reconnecting…',
          ]
  const dot =
    state.status === 'connected'
      ? 'bg-emerald-400'
      : state.status === 'unreachable'
        ? 'bg-red-400'
        : 'bg-amber-400'
  return (
    <span
      role="status"
      data-testid="live-status"
      data-status={state.status}
      title={
        state.status === 'connected'
          ? 'Changes made at other stations show here at once.'
          : 'Changes made at other stations do not show here until the host answers again.'
      }
      className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-xs font-medium ${tone}`}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      {text}
    </span>
  )
}
