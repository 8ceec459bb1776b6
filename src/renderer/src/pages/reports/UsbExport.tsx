// Export to USB drive (desktop app): the removable drives this laptop sees, the
// files to write, the progress, and "safe to remove" only once every file was
// written, synced and read back identical.
import { useEffect, useState } from 'react'
import {
  EXPORT_FORMATS,
  EXPORT_REPORTS,
  EXPORT_REPORT_NAMES,
  type ExportFormat,
  type ExportReport,
} from '../../../../shared/exports'
import type { RemovableDrive, UsbExportResult, UsbProgress, UsbRequest } from '../../../../shared/ipc'
import type { WrittenFile } from '../../../../shared/ipc'
import { ProgressBar } from '../../components/ProgressBar'
import { Button, Checkbox, ErrorNote } from '../../components/ui'

async function usb<T>(request: UsbRequest): Promise<T> {
  const outcome = await window.ticketi!.usb!(request)
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.error), { details: outcome.error.details })
  return outcome.value as T
}

function size(bytes: number | null): string {
  if (bytes === null) return ''
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`
}

export function UsbExport({ eventId, isAdmin }: { eventId: number; isAdmin: boolean }) {
  const [drives, setDrives] = useState<RemovableDrive[] | null>(null)
  const [drive, setDrive] = useState<string | null>(null)
  const [reports, setReports] = useState<ExportReport[]>([...EXPORT_REPORT_NAMES])
  const [formats, setFormats] = useState<ExportFormat[]>(['csv'])
  const [backup, setBackup] = useState(isAdmin)
  const [progress, setProgress] = useState<UsbProgress | null>(null)
  const [result, setResult] = useState<UsbExportResult | null>(null)
  const [failure, setFailure] = useState<{ message: string; written: WrittenFile[] } | null>(null)
  const busy = progress !== null

  function showDrives(found: RemovableDrive[]) {
    setDrives(found)
    setDrive((d) => (found.some((f) => f.path === d) ? d : (found[0]?.path ?? null)))
  }
  const showProblem = (error: unknown) => setFailure({ message: (error as Error).message, written: [] })

  function look() {
    setFailure(null)
    usb<RemovableDrive[]>({ action: 'drives' }).then(showDrives, showProblem)
  }

  useEffect(() => {
    usb<RemovableDrive[]>({ action: 'drives' }).then(showDrives, showProblem)
    return window.ticketi?.onUsbProgress?.(setProgress)
  }, [])

  async function write() {
    if (!drive) return
    setResult(null)
    setFailure(null)
    setProgress({ step: 'Starting', files_done: 0, files_total: 1, bytes_done: 0, bytes_total: 0 })
    try {
      setResult(
        await usb<UsbExportResult>({ action: 'export', drive, event_id: eventId, reports, formats, backup }),
      )
    } catch (error) {
      const details = (error as { details?: { written?: WrittenFile[] } }).details
      setFailure({ message: (error as Error).message, written: details?.written ?? [] })
    } finally {
      setProgress(null)
    }
  }

  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item)
  const fraction = progress
    ? (progress.files_done + (progress.bytes_total ? progress.bytes_done / progress.bytes_total : 0)) /
      Math.max(1, progress.files_total)
    : 0

  return (
    <section aria-label="Export to USB drive" className="mt-5 space-y-4 border-t border-edge pt-5">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">Export to USB drive</h3>
        <Button tone="secondary" onClick={look} disabled={busy}>
          Look for drives again
        </Button>
      </div>
      {drives?.length === 0 && (
        <p className="text-sm text-slate-300">
          No USB drive found. Put one in, wait until the computer shows it, and look again.
        </p>
      )}
      {drives && drives.length > 0 && (
        <div className="grid grid-cols-2 gap-3" role="radiogroup" aria-label="Drive">
          {drives.map((d) => (
            <button
              key={d.path}
              type="button"
              role="radio"
              aria-checked={drive === d.path}
              onClick={() => setDrive(d.path)}
              className="rounded-lg border border-edge bg-ink px-4 py-3 text-left aria-checked:border-accent"
            >
              <span className="block font-medium">{d.label}</span>
              <span className="block text-xs text-slate-400">
                {d.path} {size(d.size_bytes)}
              </span>
            </button>
          ))}
        </div>
      )}
      <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {EXPORT_REPORT_NAMES.map((r) => (
          <Checkbox
            key={r}
            label={EXPORT_REPORTS[r].title}
            checked={reports.includes(r)}
            onChange={(e) => setReports(toggle(reports, r, e.target.checked))}
          />
        ))}
        {EXPORT_FORMATS.map((f) => (
          <Checkbox
            key={f}
            label={f === 'csv' ? 'CSV' : 'Excel (XLSX)'}
            checked={formats.includes(f)}
            onChange={(e) => setFormats(toggle(formats, f, e.target.checked))}
          />
        ))}
        {isAdmin && (
          <Checkbox label="Database backup" checked={backup} onChange={(e) => setBackup(e.target.checked)} />
        )}
      </div>
      <Button
        onClick={() => void write()}
        disabled={busy || !drive || formats.length === 0 || (reports.length === 0 && !backup)}
      >
        {busy ? 'Writing…' : 'Write to the drive'}
      </Button>
      {progress && <ProgressBar label={progress.step} fraction={fraction} />}
      {failure && (
        <div className="space-y-2">
          <ErrorNote>{failure.message}</ErrorNote>
          {failure.written.length > 0 && (
            <p className="text-sm text-slate-300">
              Complete on the drive: {failure.written.map((f) => f.name).join(', ')}. Every other file is not.
            </p>
          )}
        </div>
      )}
      {result && (
        <div
          role="status"
          className="rounded-lg border border-emerald-500/50 bg-emerald-950/50 px-4 py-3 text-sm text-emerald-100"
        >
          <p className="font-semibold">Safe to remove the drive.</p>
          <p className="mt-1">
            {result.files.length} files written and checked in {result.folder}:
          </p>
          <ul className="mt-1 list-inside list-disc">
            {result.files.map((f) => (
              <li key={f.name}>
                {f.name} ({size(f.bytes)})
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
