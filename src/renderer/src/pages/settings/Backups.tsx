// Copies of the database: the list, "Back up now", and a restore that takes
// place at the next start of Ticketi (never under the open database), with the
// database in use then kept aside.
import { useState, type FormEvent } from 'react'
import type { BackupView } from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import { errorMessage } from '../../api/client'
import { useSession } from '../../session/store'
import { Badge, Button, Card, ErrorNote, Notice } from '../../components/ui'
import { Dialog } from '../../door/Dialog'
import { useVenueFormat } from '../../venue/format'

const KIND_LABELS: Record<string, string> = {
  manual: 'made here',
  auto: 'automatic',
  'before-restore': 'kept aside at a restore',
  'before-upgrade': 'before an update',
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function Backups() {
  const list = useQuery('listBackups', {})
  const backUp = useAction('createBackup')
  const cancel = useAction('cancelRestore')
  const [made, setMade] = useState<string | null>(null)
  const [restoring, setRestoring] = useState<BackupView | null>(null)
  const venue = useVenueFormat()
  const data = list.data
  // The desktop app can start itself again; `npm run serve` is restarted where it runs.
  const desktop = useSession((s) => s.desktop)
  const [restart, setRestart] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  })

  async function restartNow() {
    setRestart({ busy: true, error: null })
    try {
      await useSession.getState().restartApp()
    } catch (error) {
      setRestart({ busy: false, error: errorMessage(error) })
    }
  }

  return (
    <Card
      title="Backups"
      aside={
        <Button
          onClick={async () => {
            setMade(null)
            const copy = await backUp.run({})
            if (copy) setMade(copy.name)
          }}
          disabled={backUp.busy}
        >
          {backUp.busy ? 'Backing up…' : 'Back up now'}
        </Button>
      }
    >
      <p className="mb-4 text-sm text-slate-400">
        Each copy is checked before it is kept. While an event is on, Ticketi also backs up by itself every{' '}
        {data?.automatic.every_minutes ?? 10} minutes and keeps the newest {data?.automatic.keep ?? 12} of
        those. Copies are in the <code>backups</code> folder beside the database.
      </p>
      <ErrorNote>{list.error ?? backUp.error ?? cancel.error ?? restart.error}</ErrorNote>
      {made && (
        <p role="status" className="mb-3 text-sm text-emerald-300">
          Backed up and checked: {made}
        </p>
      )}
      {data?.pending_restore && (
        <Notice>
          <span data-testid="pending-restore">
            {restart.busy
              ? `Ticketi is restarting to put back ${data.pending_restore}…`
              : `${data.pending_restore} will be put back when Ticketi next starts. Restart Ticketi to restore it.`}
          </span>{' '}
          {desktop && (
            <Button className="ml-2 py-1 text-xs" disabled={restart.busy} onClick={() => void restartNow()}>
              Restart now
            </Button>
          )}
          <Button
            tone="secondary"
            className="ml-2 py-1 text-xs"
            disabled={restart.busy}
            onClick={() => void cancel.run({})}
          >
            Call off
          </Button>
        </Notice>
      )}
      {data?.backups.length === 0 && <p className="text-sm text-slate-400">No backups yet.</p>}
      <ul className="max-h-96 divide-y divide-edge overflow-y-auto" aria-label="Backups">
        {data?.backups.map((backup) => (
          <li key={backup.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
            <span className="font-medium tabular-nums">{venue.dateTime(backup.created_at)}</span>
            <span className="text-slate-400">{KIND_LABELS[backup.kind] ?? backup.kind}</span>
            <span className="text-slate-400 tabular-nums">{size(backup.size_bytes)}</span>
            {backup.verified && <Badge tone="good">checked</Badge>}
            <Button
              tone="secondary"
              className="ml-auto py-1 text-xs"
              onClick={() => setRestoring(backup)}
              aria-label={`Restore ${backup.name}`}
            >
              Restore…
            </Button>
          </li>
        ))}
      </ul>
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </Card>
  )
}

function RestoreDialog({ backup, onClose }: { backup: BackupView; onClose(): void }) {
  const restore = useAction('restoreBackup')
  const venue = useVenueFormat()
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (await restore.run({ name: backup.name })) onClose()
  }
  return (
    <Dialog title="Restore this backup?" onClose={onClose} onSubmit={(e) => void submit(e)}>
      <p className="text-sm text-slate-300">
        The database goes back to how it was at <strong>{venue.dateTime(backup.created_at)}</strong>. Sales
        and check-ins made since then will not be in it.
      </p>
      <p className="text-sm text-slate-400">
        It happens when Ticketi next starts. The database in use now is not deleted: it is kept aside in the
        backups folder, so nothing is lost.
      </p>
      <ErrorNote>{restore.error}</ErrorNote>
      <div className="flex justify-end gap-3">
        <Button tone="secondary" onClick={onClose}>
          Don’t restore
        </Button>
        <Button tone="danger" type="submit" disabled={restore.busy}>
          Restore at next start
        </Button>
      </div>
    </Dialog>
  )
}
