// The last guest let in, with the way to take it back: it stays after the
// answer screen has gone, until the next admission replaces it.
import { Button } from '../components/ui'
import type { Admission } from './UndoDialog'

export function LastAdmission({ admission, onUndo }: { admission: Admission | null; onUndo(): void }) {
  if (!admission) return null
  return (
    <section
      aria-label="Last admission"
      className="flex items-center gap-4 rounded-2xl border border-green-600/60 bg-green-950/40 px-4 py-3"
    >
      <div className="min-w-0 flex-1">
        <p className="text-xs font-medium tracking-wide text-green-300 uppercase">Last let in</p>
        <p className="truncate text-xl font-semibold text-white">{admission.holder}</p>
      </div>
      <Button tone="secondary" onMouseDown={(e) => e.preventDefault()} onClick={onUndo}>
        Undo last admission
      </Button>
    </section>
  )
}
