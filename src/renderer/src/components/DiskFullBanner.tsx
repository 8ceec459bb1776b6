// On every screen while the host's disk is full: nothing new can be saved, and
// the venue must hear it before the next sale or check-in fails.
import { useQuery } from '../api/hooks'

/** How often a screen looks again by itself; a refused write looks at once (api/index.ts). */
const EVERY_MS = 15_000

export function DiskFullBanner() {
  const health = useQuery('health', {}, { refreshEveryMs: EVERY_MS })
  if (health.data?.status !== 'disk_full') return null
  return (
    <div
      role="alert"
      data-testid="disk-full"
      className="sticky top-0 z-40 border-b-2 border-red-400 bg-red-700 px-4 py-3 text-center text-base font-semibold text-white"
    >
      The disk is full: nothing new can be saved (sales, check-ins, emails). Everything saved so far is kept.
      <span className="block text-sm font-normal text-red-100">
        Free some space on the laptop that holds the database; Ticketi carries on by itself.
      </span>
    </div>
  )
}
