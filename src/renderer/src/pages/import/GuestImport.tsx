// Box office → Import guest list: choose a file, check which column is which,
// see the first guests, check the whole list, then import it all at once (the
// host sells it in steps; their progress fills the bar).
import { useState } from 'react'
import {
  GUEST_FIELDS,
  GUEST_FIELD_LABELS,
  guessMapping,
  type GuestField,
  type GuestMapping,
} from '../../../../shared/guest-list'
import {
  PAYMENT_METHODS,
  type EventDetails,
  type ImportResult,
  type PaymentMethod,
} from '../../../../shared/views'
import { client } from '../../api'
import { useAction } from '../../api/hooks'
import { ProgressBar } from '../../components/ProgressBar'
import { Button, Card, ErrorNote, Select } from '../../components/ui'
import { readGuestFile, type GuestFile } from './readGuestFile'

const PREVIEW_ROWS = 5
const PAYMENT_LABELS: Record<PaymentMethod, string> = {
  comp: 'Comps (free)',
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
}

type Stage = { label: string; fraction: number | null } | null

const POLL_MS = 250

function progressId(): string {
  return `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

export function GuestImport({ event }: { event: EventDetails }) {
  const [file, setFile] = useState<GuestFile | null>(null)
  const [mapping, setMapping] = useState<GuestMapping>({})
  const [payment, setPayment] = useState<PaymentMethod>('comp')
  const [stage, setStage] = useState<Stage>(null)
  const [readError, setReadError] = useState<string | null>(null)
  const [checked, setChecked] = useState<ImportResult | null>(null)
  const [imported, setImported] = useState<ImportResult | null>(null)
  const importList = useAction('importGuestList')

  async function choose(chosen: File | undefined) {
    setFile(null)
    setChecked(null)
    setImported(null)
    setReadError(null)
    if (!chosen) return
    try {
      setStage({ label: `Reading ${chosen.name}`, fraction: 0 })
      const read = await readGuestFile(chosen, (fraction) =>
        setStage({ label: `Reading ${chosen.name}`, fraction }),
      )
      setFile(read)
      setMapping(guessMapping(read.headers))
    } catch (error) {
      setReadError(error instanceof Error ? error.message : String(error))
    } finally {
      setStage(null)
    }
  }

  function remap(field: GuestField, column: string) {
    setMapping((m) => ({ ...m, [field]: column || undefined }))
    setChecked(null)
  }

  async function send(dryRun: boolean) {
    if (!file) return
    const label = dryRun
      ? `Checking ${file.rows.length.toLocaleString()} guests`
      : `Importing ${file.rows.length.toLocaleString()} guests`
    setStage({ label, fraction: null })
    const clean = Object.fromEntries(Object.entries(mapping).filter(([, c]) => c)) as GuestMapping
    const id = progressId()
    const timer = dryRun
      ? null
      : setInterval(() => {
          client
            .call('importProgress', { progress_id: id })
            .then(
              (p) =>
                p.stage === 'selling' &&
                p.guests_total > 0 &&
                setStage({ label, fraction: p.guests_done / p.guests_total }),
            )
            .catch(() => {})
        }, POLL_MS)
    const result = await importList
      .run({
        event_id: event.id,
        csv: file.text,
        mapping: clean,
        dry_run: dryRun,
        payment_method: payment,
        progress_id: dryRun ? undefined : id,
      })
      .finally(() => timer && clearInterval(timer))
    setStage(result ? { label, fraction: 1 } : null)
    setTimeout(() => setStage(null), 300)
    if (!result) return
    if (dryRun) setChecked(result)
    else if (result.errors.length > 0) setChecked(result)
    else {
      setImported(result)
      setFile(null)
      setChecked(null)
    }
  }

  const column = (field: GuestField) => (mapping[field] && file ? file.headers.indexOf(mapping[field]) : -1)
  const shownFields = GUEST_FIELDS.filter((f) => column(f) !== -1)
  const ready = checked !== null && checked.errors.length === 0

  return (
    <div className="space-y-6">
      <Card title="Import a guest list">
        <p className="mb-4 text-sm text-slate-400">
          A CSV file from Excel or Google Sheets (comma, semicolon or tab separated), with a header row. Every
          guest gets their codes by email when the list has an email column. Nothing is imported while any row
          has a problem.
        </p>
        <div className="flex flex-wrap items-end gap-4">
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-300">Guest list file</span>
            <input
              type="file"
              accept=".csv,.tsv,.txt,text/csv"
              aria-label="Guest list file"
              onChange={(e) => void choose(e.target.files?.[0])}
              className="block text-sm text-slate-300 file:mr-3 file:rounded-lg file:border file:border-edge file:bg-panel file:px-4 file:py-2 file:text-slate-100 hover:file:border-accent"
            />
          </label>
          <Select
            label="Payment, where the file says none"
            value={payment}
            onChange={(e) => {
              setPayment(e.target.value as PaymentMethod)
              setChecked(null)
            }}
            className="w-80"
          >
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {PAYMENT_LABELS[m]}
              </option>
            ))}
          </Select>
        </div>
        <div className="mt-4 space-y-3">
          {stage && <ProgressBar label={stage.label} fraction={stage.fraction} />}
          <ErrorNote>{readError ?? importList.error}</ErrorNote>
          {imported && (
            <p
              role="status"
              className="rounded-lg border border-emerald-500/50 bg-emerald-950/50 px-3 py-2 text-sm text-emerald-100"
            >
              Imported {imported.guests.toLocaleString()} guests with {imported.created.toLocaleString()}{' '}
              tickets;{' '}
              {imported.emails_queued === 1
                ? '1 codes email is on its way.'
                : `${imported.emails_queued.toLocaleString()} codes emails are on their way.`}
            </p>
          )}
        </div>
      </Card>

      {file && (
        <>
          <Card title={`Columns of ${file.name}`}>
            <p className="mb-4 text-sm text-slate-400">
              {file.rows.length.toLocaleString()} guests, read as{' '}
              {file.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252 (Excel)'}. Check which column holds what;
              only the name is needed.
            </p>
            <div className="grid grid-cols-4 gap-4">
              {GUEST_FIELDS.map((field) => (
                <Select
                  key={field}
                  label={GUEST_FIELD_LABELS[field]}
                  value={mapping[field] ?? ''}
                  onChange={(e) => remap(field, e.target.value)}
                >
                  <option value="">Not in the file</option>
                  {file.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </Select>
              ))}
            </div>
          </Card>

          <Card title={`First ${Math.min(PREVIEW_ROWS, file.rows.length)} guests`}>
            <table className="w-full text-left text-sm">
              <thead className="text-xs tracking-wide text-slate-400 uppercase">
                <tr>
                  <th className="py-2 pr-4">Row</th>
                  {shownFields.map((f) => (
                    <th key={f} className="py-2 pr-4">
                      {GUEST_FIELD_LABELS[f]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {file.rows.slice(0, PREVIEW_ROWS).map(({ row, cells }) => (
                  <tr key={row} className="border-t border-edge">
                    <td className="py-2 pr-4 text-slate-400 tabular-nums">{row}</td>
                    {shownFields.map((f) => (
                      <td key={f} className="py-2 pr-4">
                        {cells[column(f)] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="mt-5 flex items-center gap-3">
              <Button
                tone="secondary"
                onClick={() => void send(true)}
                disabled={importList.busy || !mapping.name}
              >
                Check the list
              </Button>
              <Button onClick={() => void send(false)} disabled={importList.busy || !ready}>
                Import {file.rows.length.toLocaleString()} guests
              </Button>
              {!mapping.name && (
                <span className="text-sm text-amber-200">Choose the column with the guests’ names.</span>
              )}
              {ready && (
                <span className="text-sm text-emerald-200">
                  All {checked.rows.toLocaleString()} guests are fine.
                </span>
              )}
            </div>
          </Card>

          {checked && checked.errors.length > 0 && <ImportProblems result={checked} />}
        </>
      )}
    </div>
  )
}

function ImportProblems({ result }: { result: ImportResult }) {
  const rows = new Set(result.errors.map((e) => e.row)).size
  return (
    <Card title={`${rows.toLocaleString()} of ${result.rows.toLocaleString()} guests need fixing`}>
      <p className="mb-4 text-sm text-slate-400">
        Nothing was imported. Fix these rows in the spreadsheet, save it as CSV and choose the file again.
      </p>
      <div className="max-h-96 overflow-auto">
        <table className="w-full text-left text-sm" aria-label="Problems in the guest list">
          <thead className="sticky top-0 bg-panel text-xs tracking-wide text-slate-400 uppercase">
            <tr>
              <th className="py-2 pr-4">Row</th>
              <th className="py-2 pr-4">Column</th>
              <th className="py-2">What to do</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e, i) => (
              <tr key={i} className="border-t border-edge align-top">
                <td className="py-2 pr-4 tabular-nums">{e.row}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{e.column}</td>
                <td className="py-2 text-red-200">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  )
}
