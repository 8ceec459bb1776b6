// Pages render once the venue's format is known, so the first date on screen is
// already in the venue's locale and time zone. A host that cannot say (an older
// one, a blip) leaves this browser's own format, and the pages still open.
import { useEffect, type ReactNode } from 'react'
import { client } from '../api'
import { keepBrowserFormat, setVenueFormat, useVenueFormatStore } from './format'

export function VenueFormatGate({ children }: { children: ReactNode }) {
  const loaded = useVenueFormatStore((s) => s.loaded)
  useEffect(() => {
    client.call('getVenueSettings', {}).then(setVenueFormat, keepBrowserFormat)
  }, [])
  if (!loaded) return <p className="p-8 text-slate-400">Starting Ticketi…</p>
  return children
}
