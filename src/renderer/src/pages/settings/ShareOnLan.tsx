// "Share on the LAN" (desktop app, admin): this laptop becomes the host that the
// door laptop, a tablet or a phone joins. Off until an admin turns it on; the
// address and port are remembered across restarts.
import QRCode from 'qrcode'
import { useEffect, useState, type FormEvent } from 'react'
import { TicketiError } from '../../../../shared/errors'
import type { SharingRequest, SharingState } from '../../../../shared/ipc'
import { errorMessage } from '../../api/client'
import { Badge, Button, Card, CopyButton, ErrorNote, Field, Select } from '../../components/ui'

async function sharing(request: SharingRequest): Promise<SharingState> {
  const outcome = await window.ticketi!.sharing!(request)
  if (!outcome.ok) throw TicketiError.fromEnvelope(outcome.error)
  return outcome.value
}

function useQr(text: string | null): string | null {
  const [qr, setQr] = useState<{ text: string; image: string } | null>(null)
  useEffect(() => {
    if (!text) return
    let current = true
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) =>
        current && setQr({ text, image: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
      () => current && setQr(null),
    )
    return () => {
      current = false
    }
  }, [text])
  // A QR of an address no longer shared is never shown.
  return qr && qr.text === text ? qr.image : null
}

export function ShareOnLan() {
  const [state, setState] = useState<SharingState | null>(null)
  const [address, setAddress] = useState('')
  const [port, setPort] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  function show(next: SharingState) {
    setState(next)
    setAddress(next.address)
    setPort(String(next.port))
  }

  const [station, setStation] = useState(false)

  useEffect(() => {
    sharing({ action: 'get' }).then(show, (failure) => {
      // A station's window: the host it joined holds the database, so there is nothing to share.
      if (failure instanceof TicketiError && failure.code === 'FORBIDDEN') setStation(true)
      else setError(errorMessage(failure))
    })
  }, [])

  const portNumber = /^\d{1,5}$/.test(port) ? Number(port) : NaN
  const portError =
    port !== '' && !(portNumber >= 1024 && portNumber <= 65535) ? 'A port from 1024 to 65535.' : null

  async function change(on: boolean) {
    setBusy(true)
    setError(null)
    try {
      show(await sharing({ action: 'set', on, address, port: portNumber }))
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault()
    if (!portError) void change(true)
  }

  const joinScreen = state?.on && state.station_urls[0] ? `${state.station_urls[0]}/#/join` : null
  const qr = useQr(joinScreen)
  if (station) return null

  return (
    <Card
      title="Share on the LAN"
      aside={state && <Badge tone={state.on ? 'good' : 'neutral'}>{state.on ? 'Sharing' : 'Off'}</Badge>}
    >
      <p className="mb-4 text-sm text-slate-400">
        Lets the door laptop, a tablet or a phone on the venue&apos;s network use this laptop&apos;s database.
        They join with a pairing code from LAN stations. Off, nothing but this window can reach it.
      </p>
      {state && (
        <form onSubmit={submit} className="mb-4 grid grid-cols-[1fr_8rem] items-start gap-3">
          <Select label="Address" value={address} onChange={(e) => setAddress(e.target.value)}>
            {state.choices.map((choice) => (
              <option key={choice.address} value={choice.address}>
                {choice.address} — {choice.label}
              </option>
            ))}
          </Select>
          <Field
            label="Port"
            inputMode="numeric"
            required
            value={port}
            error={portError}
            onChange={(e) => setPort(e.target.value.trim())}
          />
          <div className="col-span-2 flex gap-3">
            <Button type="submit" disabled={busy || !!portError || port === ''}>
              {busy ? 'Working…' : state.on ? 'Share on this address' : 'Start sharing'}
            </Button>
            {state.on && (
              <Button tone="secondary" disabled={busy} onClick={() => void change(false)}>
                Stop sharing
              </Button>
            )}
          </div>
        </form>
      )}
      <ErrorNote>{error ?? state?.problem}</ErrorNote>
      {state?.on && (
        <div className="mt-4 flex items-center gap-5 rounded-lg border border-accent/60 bg-ink p-4">
          {qr && (
            <img
              src={qr}
              alt="QR code of this host's join screen"
              className="h-36 w-36 shrink-0 rounded bg-white p-1"
            />
          )}
          <div className="min-w-0 flex-1 space-y-2 text-sm">
            <p className="text-slate-300">
              A station opens one of these addresses, then types its pairing code:
            </p>
            <ul className="space-y-1" aria-label="Addresses for stations">
              {state.station_urls.map((url) => (
                <li key={url} className="flex items-center gap-3">
                  <code className="min-w-0 break-all text-accent">{url}</code>
                  <CopyButton text={url} what="address" />
                </li>
              ))}
            </ul>
            {state.address === '127.0.0.1' && (
              <p className="text-slate-400">
                127.0.0.1 is this laptop only: choose a network to let others in.
              </p>
            )}
          </div>
        </div>
      )}
    </Card>
  )
}
