// "Possible code guessing at Door 2": a station typing many codes that do not
// exist, more than it lets in. The host already slows it down; a person decides
// whether it is a guesser (revoke the station) or a door having a bad minute.
import type { GuessingWarning as Warning } from '../../../shared/views'
import { useVenueFormat } from '../venue/format'

export function GuessingWarning({ warnings, advice }: { warnings: Warning[] | undefined; advice: string }) {
  const venue = useVenueFormat()
  if (!warnings?.length) return null
  return (
    <div
      role="alert"
      data-testid="guessing-warning"
      className="rounded-lg border border-red-500/60 bg-red-950/60 px-3 py-2 text-sm text-red-100"
    >
      <p className="font-semibold">Possible code guessing at {warnings.map((w) => w.station).join(', ')}</p>
      <ul className="mt-1 space-y-0.5 text-red-200">
        {warnings.map((w) => (
          <li key={w.station}>
            {w.station}: {w.misses} unknown codes and {w.admissions} let in in the last 5 minutes, last at{' '}
            {venue.time(w.last_miss_at)}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-red-200">{advice}</p>
    </div>
  )
}
