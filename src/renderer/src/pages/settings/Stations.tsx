// LAN stations: another laptop or browser joins this host with a one-use pairing
// code (typed, or its QR scanned), and can be renamed or revoked here if a
// laptop goes missing.
import QRCode from 'qrcode'
import { useEffect, useState, type FormEvent } from 'react'
import { ROLES, type PairingView, type Role, type StationView } from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import {
  Badge,
  Button,
  Card,
  CopyButton,
  ErrorNote,
  Field,
  Select,
  formatDateTime,
} from '../../components/ui'

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', boxoffice: 'Box office', door: 'Door' }

export function Stations() {
  const stations = useQuery('listStations', {})
  const create = useAction('createPairing')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('door')
  const [made, setMade] = useState<PairingView | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setMade(null)
    const pairing = await create.run({ name, role })
    if (!pairing) return
    setMade(pairing)
    setName('')
  }

  return (
    <Card title="LAN stations">
      <p className="mb-4 text-sm text-slate-400">
        Another laptop, tablet or phone on the venue&apos;s network joins this host with a pairing code. Add
        the station here, then type the code on it or scan the QR code with it.
      </p>
      <form onSubmit={submit} className="mb-4 grid grid-cols-[1fr_10rem_auto] items-end gap-3">
        <Field
          label="Station name"
          placeholder="Door 2"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Select label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
        <Button type="submit" disabled={create.busy}>
          {create.busy ? 'Adding…' : 'Add station'}
        </Button>
      </form>
      <ErrorNote>{create.error}</ErrorNote>
      {made && <PairingCode pairing={made} onDone={() => setMade(null)} onJoined={stations.refresh} />}
      <ErrorNote>{stations.error}</ErrorNote>
      {stations.data && <StationTable stations={stations.data} />}
    </Card>
  )
}

/** "12345678" as "1234 5678": easier to read out across a counter. */
const spaced = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`

function useSecondsLeft(until: string): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return Math.max(0, Math.round((Date.parse(until) - now) / 1000))
}

function PairingCode({
  pairing,
  onDone,
  onJoined,
}: {
  pairing: PairingView
  onDone(): void
  onJoined(): void
}) {
  const [qr, setQr] = useState<string | null>(null)
  const left = useSecondsLeft(pairing.expires_at)
  useEffect(() => {
    if (!pairing.join_url) return
    let current = true
    QRCode.toString(pairing.join_url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => current && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => current && setQr(null),
    )
    return () => {
      current = false
    }
  }, [pairing.join_url])
  // The list shows the station once it has joined.
  useEffect(() => {
    const timer = setInterval(onJoined, 3000)
    return () => clearInterval(timer)
  }, [onJoined])

  const expired = left === 0
  return (
    <div
      className="mb-4 rounded-lg border border-accent/60 bg-ink p-5"
      role="status"
      aria-label="Pairing code"
    >
      <p className="text-sm text-slate-300">
        On <strong>{pairing.name}</strong> ({ROLE_LABELS[pairing.role]}), open this host in a browser and
        type:
      </p>
      <p
        className={`my-3 text-center font-mono text-6xl font-black tracking-widest whitespace-nowrap ${expired ? 'text-slate-500 line-through' : 'text-accent'}`}
        data-testid="pairing-code"
        data-code={pairing.pairing_code}
      >
        {spaced(pairing.pairing_code)}
      </p>
      <div className="flex items-center gap-5">
        {qr && !expired && (
          <img
            src={qr}
            alt={`QR code of the join link for ${pairing.name}`}
            className="h-40 w-40 shrink-0 rounded bg-white p-1"
          />
        )}
        <div className="min-w-0 flex-1 space-y-3 text-sm">
          <p className="text-slate-400">
            {expired
              ? 'This code has expired. Add the station again for a new one.'
              : `Works once, for ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} more. Or scan the QR code with the station's camera.`}
          </p>
          {pairing.join_url && !expired && (
            <p className="flex items-center gap-3">
              <code className="min-w-0 break-all text-slate-300" data-testid="join-url">
                {pairing.join_url}
              </code>
              <CopyButton text={pairing.join_url} what="join link" />
            </p>
          )}
          <Button tone="secondary" className="py-1 text-xs" onClick={onDone}>
            Done
          </Button>
        </div>
      </div>
    </div>
  )
}

function StationTable({ stations }: { stations: StationView[] }) {
  if (stations.length === 0) return <p className="text-sm text-slate-400">No stations yet.</p>
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="text-left text-xs tracking-wide text-slate-400 uppercase">
          <th className="pb-2 font-medium">Station</th>
          <th className="pb-2 font-medium">Role</th>
          <th className="pb-2 font-medium">Last seen</th>
          <th className="pb-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-edge">
        {stations.map((s) => (
          <StationRow key={s.id} station={s} />
        ))}
      </tbody>
    </table>
  )
}

function StationRow({ station }: { station: StationView }) {
  const revoke = useAction('revokeStation')
  const rename = useAction('renameStation')
  // Revoking locks a laptop out mid-shift, so it takes a second click.
  const [confirming, setConfirming] = useState(false)
  const [newName, setNewName] = useState<string | null>(null)
  async function revokeNow() {
    await revoke.run({ station_id: station.id })
    setConfirming(false)
  }
  async function renameNow(e: FormEvent) {
    e.preventDefault()
    if (newName === null) return
    if (await rename.run({ station_id: station.id, name: newName })) {
      setNewName(null)
    }
  }
  const error = revoke.error ?? rename.error
  return (
    <tr>
      <td className="py-2.5">
        {newName === null ? (
          station.name
        ) : (
          <form onSubmit={renameNow} className="flex items-end gap-2">
            <Field
              label={`New name for ${station.name}`}
              autoFocus
              required
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setNewName(null)}
            />
            <Button type="submit" className="py-1 text-xs" disabled={rename.busy}>
              Save
            </Button>
          </form>
        )}
      </td>
      <td className="py-2.5">{ROLE_LABELS[station.role]}</td>
      <td className="py-2.5 text-slate-300">
        {station.last_seen_at ? formatDateTime(station.last_seen_at) : 'Never'}
      </td>
      <td className="py-2.5 text-right">
        {station.revoked_at ? (
          <Badge tone="bad">revoked</Badge>
        ) : confirming ? (
          <span className="inline-flex gap-2">
            <Button
              tone="danger"
              className="py-1 text-xs"
              disabled={revoke.busy}
              onClick={() => void revokeNow()}
            >
              Revoke {station.name}
            </Button>
            <Button tone="secondary" className="py-1 text-xs" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </span>
        ) : (
          <span className="inline-flex gap-2">
            {newName === null && (
              <Button tone="secondary" className="py-1 text-xs" onClick={() => setNewName(station.name)}>
                Rename
              </Button>
            )}
            <Button tone="secondary" className="py-1 text-xs" onClick={() => setConfirming(true)}>
              Revoke
            </Button>
          </span>
        )}
        {error && <span className="mt-1 block text-xs text-red-300">{error}</span>}
      </td>
    </tr>
  )
}
