// Reports → Exports: each report as CSV or XLSX, built by the host in steps
// (its progress shown while it takes long), and on the desktop app the same
// files and a database backup written to a USB drive.
import { useState } from 'react'
import {
  EXPORT_FORMATS,
  EXPORT_REPORTS,
  EXPORT_REPORT_NAMES,
  type ExportFormat,
  type ExportReport,
} from '../../../../shared/exports'
import { client } from '../../api'
import { errorMessage } from '../../api/client'
import { ProgressBar } from '../../components/ProgressBar'
import { Button, Card, ErrorNote } from '../../components/ui'
import { saveExport } from './download'
import { UsbExport } from './UsbExport'

const POLL_MS = 250

function progressId(): string {
  return `export-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

export function Exports({ eventId, isAdmin }: { eventId: number; isAdmin: boolean }) {
  const [building, setBuilding] = useState<{ label: string; fraction: number | null } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [usb, setUsb] = useState(false)
  const desktop = typeof window.ticketi?.usb === 'function'

  async function download(report: ExportReport, format: ExportFormat) {
    const label = `Building ${EXPORT_REPORTS[report].title} (${format.toUpperCase()})`
    const id = progressId()
    setError(null)
    setBuilding({ label, fraction: null })
    const timer = setInterval(() => {
      client
        .call('exportProgress', { progress_id: id })
        .then((p) => p.rows_total > 0 && setBuilding({ label, fraction: p.rows_done / p.rows_total }))
        .catch(() => {})
    }, POLL_MS)
    try {
      saveExport(await client.call('exportReport', { event_id: eventId, report, format, progress_id: id }))
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      clearInterval(timer)
      setBuilding(null)
    }
  }

  return (
    <Card
      title="Exports"
      aside={
        desktop && (
          <Button tone={usb ? 'primary' : 'secondary'} onClick={() => setUsb((u) => !u)}>
            Export to USB drive
          </Button>
        )
      }
    >
      <ul className="divide-y divide-edge">
        {EXPORT_REPORT_NAMES.map((report) => (
          <li key={report} className="flex items-center justify-between gap-4 py-3">
            <div>
              <p className="font-medium">{EXPORT_REPORTS[report].title}</p>
              <p className="text-sm text-slate-400">{EXPORT_REPORTS[report].about}</p>
            </div>
            <div className="flex shrink-0 gap-2">
              {EXPORT_FORMATS.map((format) => (
                <Button
                  key={format}
                  tone="secondary"
                  disabled={building !== null}
                  aria-label={`Download ${EXPORT_REPORTS[report].title} as ${format.toUpperCase()}`}
                  onClick={() => void download(report, format)}
                >
                  {format === 'csv' ? 'CSV' : 'Excel (XLSX)'}
                </Button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <div className="mt-3 space-y-3">
        {building && <ProgressBar label={building.label} fraction={building.fraction} />}
        <ErrorNote>{error}</ErrorNote>
        {!desktop && (
          <p className="text-xs text-slate-400">
            In a browser the files download to this computer; from there, copy them to a USB drive. The
            desktop app writes them to the drive itself.
          </p>
        )}
      </div>
      {desktop && usb && <UsbExport eventId={eventId} isAdmin={isAdmin} />}
    </Card>
  )
}
