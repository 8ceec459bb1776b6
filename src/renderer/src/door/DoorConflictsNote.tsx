// For the admin at a door: how many tickets doors let in twice while they could
// not reach the host. Only a count; who and where is on the Reports page.
import { useSession } from '../session/store'

export function DoorConflictsNote({ count }: { count: number | undefined }) {
  const role = useSession((s) => s.who?.role)
  if (role !== 'admin' || !count) return null
  return (
    <p
      role="status"
      data-testid="door-conflicts"
      className="rounded-lg border border-amber-400/50 bg-amber-950/50 px-3 py-2 text-sm text-amber-100"
    >
      {count === 1 ? '1 ticket was' : `${count} tickets were`} let in twice by doors that could not reach the
      host: see Door conflicts in Reports.
    </p>
  )
}
