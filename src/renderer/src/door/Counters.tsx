// The night at a glance: how many came, how many are expected, how many are inside.
import type { DoorTally } from './offline/doorCopy'

function Count({ label, value, testId }: { label: string; value: number | null; testId: string }) {
  return (
    <div className="min-w-0 rounded-2xl border border-edge bg-panel px-3 py-3 sm:px-4">
      <dt className="text-xs font-medium tracking-wide text-slate-400 uppercase sm:text-sm">{label}</dt>
      <dd data-testid={testId} className="text-4xl font-bold text-white tabular-nums sm:text-5xl">
        {value ?? '–'}
      </dd>
    </div>
  )
}

export function Counters({ totals }: { totals: DoorTally | null }) {
  return (
    <dl aria-label="Counters" className="grid grid-cols-3 gap-2 sm:gap-3">
      <Count label="Checked in" value={totals?.checked_in ?? null} testId="door-checked-in" />
      {/* Reconciliation's "assigned" counts every sold ticket, the checked-in ones included. */}
      <Count label="Expected" value={totals?.assigned ?? null} testId="door-expected" />
      <Count label="Inside now" value={totals?.inside_now ?? null} testId="door-inside" />
    </dl>
  )
}
