import { useEffect, useState } from 'react'

type Health = 'checking' | 'ok' | 'unreachable'

/** A placeholder until the box office and door screens arrive: shows the core is reachable. */
export function App() {
  const inElectron = window.ticketi !== undefined
  const [health, setHealth] = useState<Health>(inElectron ? 'ok' : 'checking')

  useEffect(() => {
    if (inElectron) return
    fetch('/api/v1/health')
      .then((response) =>
        response.ok ? response.json() : Promise.reject(new Error(String(response.status))),
      )
      .then((body: { status?: string }) => setHealth(body.status === 'ok' ? 'ok' : 'unreachable'))
      .catch(() => setHealth('unreachable'))
  }, [inElectron])

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '3rem', maxWidth: '40rem' }}>
      <h1>Ticketi</h1>
      <p>Ticketing and door check-in for your venue.</p>
      <p data-testid="core-status">
        {health === 'checking' && 'Connecting to the Ticketi host…'}
        {health === 'ok' && `Connected to the Ticketi ${inElectron ? 'app' : 'host'}.`}
        {health === 'unreachable' && 'The Ticketi host cannot be reached.'}
      </p>
    </main>
  )
}
