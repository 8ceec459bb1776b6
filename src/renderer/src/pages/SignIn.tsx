// Signing in: a browser on the LAN joins with the pairing code the host shows
// (or a station token, kept for this page only); an operator's PIN in the
// desktop app; and on the desktop app's first run, choosing the three PINs.
import { useState, type FormEvent } from 'react'
import type { Role } from '../../../shared/views'
import { errorMessage } from '../api/client'
import { Button, ErrorNote, Field } from '../components/ui'
import { useSession } from '../session/store'

export function Panel({
  title,
  intro,
  children,
}: {
  title: string
  intro: string
  children: React.ReactNode
}) {
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-md rounded-2xl border border-edge bg-panel p-8 shadow-2xl">
        <p className="mb-6 text-3xl font-black tracking-tight text-accent">Ticketi</p>
        <h1 className="mb-2 text-xl font-semibold">{title}</h1>
        <p className="mb-6 text-sm text-slate-400">{intro}</p>
        {children}
      </div>
    </main>
  )
}

/** Runs a sign-in step, keeping its error on screen until the next try. */
export function useSubmit(step: () => Promise<void>) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await step()
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  return { error, busy, submit }
}

/** What a person types as a pairing code: the digits, whatever spaces or dashes came along. */
export const digitsOf = (typed: string) => typed.replace(/\D/g, '').slice(0, 8)

export function JoinHost() {
  const joinCode = useSession((s) => s.joinCode)
  // Keyed by the link's code: a join link opened in a tab that already shows this screen fills it in too.
  return <JoinForm key={joinCode ?? ''} joinCode={joinCode} />
}

function JoinForm({ joinCode }: { joinCode: string | null }) {
  const pair = useSession((s) => s.pair)
  const [code, setCode] = useState(digitsOf(joinCode ?? ''))
  const { error, busy, submit } = useSubmit(() => pair(code))
  return (
    <Panel
      title="Join this Ticketi host"
      intro="On the host, an admin opens Settings → Stations and adds this station. Type the 8-digit pairing code it shows, or scan its QR code."
    >
      <form onSubmit={submit} className="space-y-4">
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-300">Pairing code</span>
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            placeholder="12345678"
            className="h-16 w-full rounded-lg border border-edge bg-ink px-3 text-center font-mono text-4xl tracking-[0.25em] text-slate-100 placeholder:text-slate-600 focus:border-accent focus:outline-none"
            value={code}
            onChange={(e) => setCode(digitsOf(e.target.value))}
          />
        </label>
        <ErrorNote>{error}</ErrorNote>
        <Button type="submit" className="w-full py-3 text-lg" disabled={busy || code.length !== 8}>
          {busy ? 'Joining…' : 'Join'}
        </Button>
      </form>
      <TokenSignIn />
    </Panel>
  )
}

/** For the admin token and tokens made for automation: good until this page is closed. */
function TokenSignIn() {
  const signIn = useSession((s) => s.signInWithToken)
  const [token, setToken] = useState('')
  const { error, busy, submit } = useSubmit(() => signIn(token.trim()))
  return (
    <details className="mt-6 border-t border-edge pt-4 text-sm">
      <summary className="cursor-pointer text-slate-400 hover:text-slate-200">
        Sign in with a token instead
      </summary>
      <form onSubmit={submit} className="mt-4 space-y-4">
        <p className="text-slate-400">
          The admin token, or a station token made for automation. This page forgets it when it is closed or
          reloaded.
        </p>
        <Field
          label="Station token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <ErrorNote>{error}</ErrorNote>
        <Button type="submit" tone="secondary" className="w-full" disabled={busy || token.trim() === ''}>
          Sign in
        </Button>
      </form>
    </details>
  )
}

const OPERATORS: ReadonlyArray<{ role: Role; label: string }> = [
  { role: 'admin', label: 'Admin' },
  { role: 'boxoffice', label: 'Box office' },
  { role: 'door', label: 'Door' },
]

const pinProps = {
  type: 'password',
  inputMode: 'numeric',
  autoComplete: 'off',
  pattern: '[0-9]*',
  maxLength: 8,
} as const

export function PinSignIn() {
  const signIn = useSession((s) => s.signInWithPin)
  const [role, setRole] = useState<Role>('boxoffice')
  const [pin, setPin] = useState('')
  const { error, busy, submit } = useSubmit(async () => {
    try {
      await signIn(role, pin)
    } finally {
      setPin('')
    }
  })
  return (
    <Panel title="Who is at this laptop?" intro="Choose your role and type your PIN.">
      <form onSubmit={submit} className="space-y-4">
        <div className="grid grid-cols-3 gap-2" role="radiogroup" aria-label="Operator">
          {OPERATORS.map((o) => (
            <button
              key={o.role}
              type="button"
              role="radio"
              aria-checked={role === o.role}
              onClick={() => setRole(o.role)}
              className={`rounded-lg border px-3 py-4 font-semibold ${role === o.role ? 'border-accent bg-accent text-ink' : 'border-edge hover:border-accent'}`}
            >
              {o.label}
            </button>
          ))}
        </div>
        <Field label="PIN" autoFocus value={pin} onChange={(e) => setPin(e.target.value)} {...pinProps} />
        <ErrorNote>{error}</ErrorNote>
        <Button type="submit" className="w-full" disabled={busy || pin === ''}>
          Sign in
        </Button>
      </form>
    </Panel>
  )
}

export function FirstRunSetup() {
  const setUp = useSession((s) => s.setUp)
  const [pins, setPins] = useState<Record<Role, string>>({ admin: '', boxoffice: '', door: '' })
  const { error, busy, submit } = useSubmit(() => setUp(pins))
  return (
    <Panel
      title="Welcome to Ticketi"
      intro="Choose a PIN of 4 to 8 digits for each operator. The admin PIN also unlocks a door kiosk: keep it to the organizer."
    >
      <form onSubmit={submit} className="space-y-4">
        {OPERATORS.map((o) => (
          <Field
            key={o.role}
            label={`${o.label} PIN`}
            value={pins[o.role]}
            onChange={(e) => setPins({ ...pins, [o.role]: e.target.value })}
            {...pinProps}
          />
        ))}
        <ErrorNote>{error}</ErrorNote>
        <Button type="submit" className="w-full" disabled={busy || Object.values(pins).some((p) => p === '')}>
          Create operators
        </Button>
      </form>
    </Panel>
  )
}
