// A station's link to its host, always on screen: connected, reconnecting, or
// unreachable since when. The main process keeps the link; this only asks it.
import { useEffect, useState } from 'react'
import type { Connection } from '../../../shared/ipc'
import { useSession } from '../session/store'

const EVERY_MS = 2000

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })

export function describeConnection(connection: Connection): { text: string; tone: string } {
  switch (connection.state) {
    case 'connected':
      return {
        text: 'Connected to the host',
        tone: 'border-emerald-500/50 bg-emerald-950/90 text-emerald-200',
      }
    case 'reconnecting':
      return { text: 'Reconnecting to the host…', tone: 'border-amber-500/60 bg-amber-950/90 text-amber-200' }
    case 'unreachable':
      return {
        text: `Host unreachable since ${connection.since ? clock(connection.since) : 'a moment ago'}`,
        tone: 'border-red-500/60 bg-red-950/90 text-red-200',
      }
    default:
      return { text: 'Not joined to a host', tone: 'border-edge bg-ink text-slate-300' }
  }
}

export function ConnectionState() {
  const desktop = useSession((s) => s.desktop)
  const start = useSession((s) => s.start)
  const [connection, setConnection] = useState<Connection | null>(null)

  useEffect(() => {
    if (!desktop) return
    let current = true
    async function look() {
      const outcome = await window.ticketi!.shell({ action: 'state' })
      if (!current || !outcome.ok) return
      setConnection(outcome.value.connection ?? null)
      // The host revoked this station: back to the first-run choice.
      if (outcome.value.needs_setup) void start()
      // The laptop that holds the database has no link to watch.
      if (!outcome.value.station) clearInterval(timer)
    }
    const timer = setInterval(() => void look(), EVERY_MS)
    void look()
    return () => {
      current = false
      clearInterval(timer)
    }
  }, [desktop, start])

  if (!connection || connection.state === 'not joined') return null
  const { text, tone } = describeConnection(connection)
  return (
    <div
      role="status"
      aria-label="Connection to the host"
      data-state={connection.state}
      className={`fixed right-3 bottom-3 z-50 rounded-full border px-4 py-1.5 text-sm font-semibold shadow-lg ${tone}`}
      title={connection.host ?? undefined}
    >
      {text}
    </div>
  )
}
