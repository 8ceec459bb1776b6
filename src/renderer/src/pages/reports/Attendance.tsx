// The night at a glance: how full it is, who came, and whether everyone got their codes.
import type { ReconciliationCounts } from '../../../../shared/views'
import { ShareBar } from '../../components/ShareBar'

function Bar({ label, part, whole, tone }: { label: string; part: number; whole: number; tone: string }) {
  const share = whole > 0 ? part / whole : 0
  return (
    <div>
      <div className="mb-1 flex justify-between text-sm">
        <span className="text-slate-300">{label}</span>
        <span className="text-slate-400 tabular-nums">
          {part.toLocaleString()} of {whole.toLocaleString()} · {Math.round(share * 100)}%
        </span>
      </div>
      <div className="h-2 overflow-hidden rounded-full bg-ink">
        <ShareBar share={share} fill={tone} className="h-full" />
      </div>
    </div>
  )
}

/** "12 delivered · 3 sales had no email": why delivered can stay short of sold. */
export function deliveredSummary(delivered: number, salesWithoutEmail: number): string {
  const sales = salesWithoutEmail === 1 ? '1 sale' : `${salesWithoutEmail.toLocaleString()} sales`
  return `${delivered.toLocaleString()} delivered · ${sales} had no email`
}

export function Attendance({
  totals,
  salesWithoutEmail,
}: {
  totals: ReconciliationCounts
  salesWithoutEmail: number
}) {
  const unsent = totals.email_pending + totals.email_failed
  return (
    <div className="space-y-4">
      <Bar label="Sold of capacity" part={totals.assigned} whole={totals.capacity ?? 0} tone="fill-accent" />
      <Bar
        label="Checked in of sold"
        part={totals.checked_in}
        whole={totals.assigned}
        tone="fill-emerald-400"
      />
      <Bar label="Inside now of sold" part={totals.inside_now} whole={totals.assigned} tone="fill-sky-400" />
      <Bar
        label="Codes emails delivered"
        part={totals.delivered}
        whole={totals.assigned}
        tone="fill-violet-400"
      />
      <p className="text-sm text-slate-400" data-testid="delivered-summary">
        {deliveredSummary(totals.delivered, salesWithoutEmail)}
      </p>
      {unsent > 0 && (
        <p className="text-sm text-amber-200">
          {totals.email_pending.toLocaleString()} codes emails still waiting,{' '}
          {totals.email_failed.toLocaleString()} failed: see the box office to resend.
        </p>
      )}
    </div>
  )
}
