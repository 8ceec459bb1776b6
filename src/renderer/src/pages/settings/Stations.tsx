// LAN stations: each other laptop or browser joins the host with its own
// token, which is shown once here and can be revoked if a laptop goes missing.
import { useState, type FormEvent } from 'react'
import { ROLES, type NewStation, type Role, type StationView } from '../../../../shared/views'
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
  const create = useAction('createStation')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('door')
  const [created, setCreated] = useState<NewStation | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setCreated(null)
    const station = await create.run({ name, role })
    if (!station) return
    setCreated(station)
    setName('')
    stations.refresh()
  }

  return (
    <Card title="LAN stations">
      <p className="mb-4 text-sm text-slate-400">
        Another laptop or a browser on the venue&apos;s network joins this host with a station token.
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
          {create.busy ? 'Creating…' : 'Create station'}
        </Button>
      </form>
      <ErrorNote>{create.error}</ErrorNote>
      {created && <NewToken station={created} />}
      <ErrorNote>{stations.error}</ErrorNote>
      {stations.data && <StationTable stations={stations.data} onRevoked={stations.refresh} />}
    </Card>
  )
}

function NewToken({ station }: { station: NewStation }) {
  return (
    <div className="mb-4 rounded-lg border border-accent/60 bg-ink p-4" role="status">
      <p className="text-sm text-slate-300">
        Token for <strong>{station.name}</strong>. Type it into that station now: it is shown only this once.
      </p>
      <div className="mt-3 flex items-center gap-3">
        <code
          className="flex-1 font-mono text-lg break-all text-accent select-all"
          data-testid="station-token"
        >
          {station.token}
        </code>
        <CopyButton text={station.token} what="station token" />
      </div>
    </div>
  )
}

function StationTable({ stations, onRevoked }: { stations: StationView[]; onRevoked(): void }) {
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
          <StationRow key={s.id} station={s} onRevoked={onRevoked} />
        ))}
      </tbody>
    </table>
  )
}

function StationRow({ station, onRevoked }: { station: StationView; onRevoked(): void }) {
  const revoke = useAction('revokeStation')
  // Revoking locks a laptop out mid-shift, so it takes a second click.
  const [confirming, setConfirming] = useState(false)
  async function revokeNow() {
    if (await revoke.run({ station_id: station.id })) onRevoked()
    setConfirming(false)
  }
  return (
    <tr>
      <td className="py-2.5">{station.name}</td>
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
          <Button tone="secondary" className="py-1 text-xs" onClick={() => setConfirming(true)}>
            Revoke
          </Button>
        )}
        {revoke.error && <span className="mt-1 block text-xs text-red-300">{revoke.error}</span>}
      </td>
    </tr>
  )
}
