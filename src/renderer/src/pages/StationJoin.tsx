// The desktop app's first run: this laptop either holds the database (and gets
// the operators' PINs) or joins a host that does, with the host's address and a
// pairing code (or a join link pasted whole). The main process pairs and keeps
// the session; this window then works on the host's database.
import { useState } from 'react'
import { TicketiError } from '../../../shared/errors'
import { Button, ErrorNote, Field } from '../components/ui'
import { useSession } from '../session/store'
import { digitsOf, FirstRunSetup, Panel, useSubmit } from './SignIn'

export function FirstRunChoice() {
  const [choice, setChoice] = useState<'hold' | 'join' | null>(null)
  if (choice === 'hold') return <FirstRunSetup />
  if (choice === 'join') return <JoinAHost onBack={() => setChoice(null)} />
  return (
    <Panel
      title="Welcome to Ticketi"
      intro="One laptop holds the venue's database (usually the box office). Every other laptop joins it over the venue's network."
    >
      <div className="space-y-3">
        <ChoiceButton
          title="This laptop holds the database"
          detail="Sales, check-ins and reports are kept here. You choose the operators' PINs next."
          onClick={() => setChoice('hold')}
        />
        <ChoiceButton
          title="Join a host"
          detail="Another Ticketi holds the database. You need its address and a pairing code from its admin."
          onClick={() => setChoice('join')}
        />
      </div>
    </Panel>
  )
}

function ChoiceButton({ title, detail, onClick }: { title: string; detail: string; onClick(): void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="block w-full rounded-xl border border-edge bg-ink p-4 text-left transition-colors hover:border-accent focus:border-accent focus:outline-none"
    >
      <span className="block text-base font-semibold text-slate-100">{title}</span>
      <span className="mt-1 block text-sm text-slate-400">{detail}</span>
    </button>
  )
}

/** A pasted join link carries the code: it fills the code field too. */
const codeInLink = (typed: string) => /[?&]code=(\d{8})\b/.exec(typed)?.[1] ?? null

function JoinAHost({ onBack }: { onBack(): void }) {
  const start = useSession((s) => s.start)
  const [address, setAddress] = useState('')
  const [code, setCode] = useState('')
  const { error, busy, submit } = useSubmit(async () => {
    const outcome = await window.ticketi!.shell({ action: 'joinHost', address: address.trim(), code })
    if (!outcome.ok) throw TicketiError.fromEnvelope(outcome.error)
    await start()
  })
  return (
    <Panel
      title="Join a Ticketi host"
      intro="On the host, an admin turns on Settings → Share on the LAN, then adds this laptop under LAN stations. Type the address and the 8-digit code it shows, or paste its join link."
    >
      <form onSubmit={submit} className="space-y-4">
        <Field
          label="Host address"
          placeholder="192.168.1.20:8080"
          autoFocus
          required
          value={address}
          onChange={(e) => {
            setAddress(e.target.value)
            const linked = codeInLink(e.target.value)
            if (linked) setCode(linked)
          }}
        />
        <Field
          label="Pairing code"
          placeholder="1234 5678"
          inputMode="numeric"
          autoComplete="off"
          required
          value={code}
          onChange={(e) => setCode(digitsOf(e.target.value))}
        />
        <ErrorNote>{error}</ErrorNote>
        <div className="flex gap-3">
          <Button tone="secondary" onClick={onBack} disabled={busy}>
            Back
          </Button>
          <Button
            type="submit"
            className="flex-1"
            disabled={busy || address.trim() === '' || code.length !== 8}
          >
            {busy ? 'Joining…' : 'Join'}
          </Button>
        </div>
      </form>
    </Panel>
  )
}
