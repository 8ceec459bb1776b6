// The night at a glance: how many came, how many are expected, how many are inside.
import type { DoorCountsTotals } from '../../../shared/views'

function Count({ label, value, testId }: { label: string; value: number | null; testId: string }) {
  return (
    <div className="rounded-2xl border border-edge bg-panel px-4 py-3">
      <dt className="text-sm font-medium tracking-wide text-slate-400 uppercase">{label}</dt>
      <dd data-testid={testId} className="text-5xl font-bold text-white tabular-nums">
        {value ?? '–'}
      </dd>
    </div>
  )
}

export function Counters({ totals }: { totals: DoorCountsTotals | null }) {
  return (
    <dl aria-label="Counters" className="grid grid-cols-3 gap-3">
      <Count label="Checked in" value={totals?.checked_in ?? null} testId="door-checked-in" />
      {/* Reconciliation's "assigned" counts every sold ticket, the checked-in ones included. */}
      <Count label="Expected" value={totals?.assigned ?? null} testId="door-expected" />
      <Count label="Inside now" value={totals?.inside_now ?? null} testId="door-inside" />
    </dl>
  )
}
