// The session gate and the routes. Hash routes, so the same build works from
// file:// inside the desktop app and from the host's web server.
import { useEffect, useState } from 'react'
import { HashRouter, Navigate, Route, Routes } from 'react-router'
import { errorMessage } from './api/client'
import { ConnectionState } from './components/ConnectionState'
import { DiskFullBanner } from './components/DiskFullBanner'
import { Layout, PAGES, homeOf } from './components/Layout'
import { Button, ErrorNote } from './components/ui'
import { DoorPage } from './door/DoorPage'
import { BoxOfficePage } from './pages/BoxOfficePage'
import { EventsPage } from './pages/EventsPage'
import { NightPage } from './pages/NightPage'
import { ReportsPage } from './pages/ReportsPage'
import { SettingsPage } from './pages/SettingsPage'
import { FirstRunChoice } from './pages/StationJoin'
import { FirstRunSetup, JoinHost, PinSignIn } from './pages/SignIn'
import { useLiveChanges } from './live/useLiveChanges'
import { useSession } from './session/store'
import { VenueFormatGate } from './venue/VenueFormatGate'

const PAGE_ELEMENTS: Record<string, React.ReactElement> = {
  '/events': <EventsPage />,
  '/box-office': <BoxOfficePage />,
  '/door': <DoorPage />,
  '/reports': <ReportsPage />,
  '/night': <NightPage />,
  '/settings': <SettingsPage />,
}

export function App() {
  const { status, desktop, who, kiosk, start } = useSession()
  const [startError, setStartError] = useState<string | null>(null)
  useLiveChanges(status === 'signed-in' && who !== null)

  useEffect(() => {
    start().catch((error: unknown) => setStartError(errorMessage(error)))
  }, [start])

  if (startError) {
    return (
      <main className="flex min-h-full flex-col items-center justify-center gap-4 p-6">
        <ErrorNote>{startError}</ErrorNote>
        <Button onClick={() => window.location.reload()}>Try again</Button>
      </main>
    )
  }
  if (status === 'loading') return <p className="p-8 text-slate-400">Starting Ticketi…</p>
  if (status === 'needs-setup') return desktop ? <FirstRunChoice /> : <FirstRunSetup />
  if (status === 'signed-out' || !who) return desktop ? <PinSignIn /> : <JoinHost />

  // A kiosk shows the door and nothing else, whatever the address says.
  if (kiosk.on) {
    return (
      <VenueFormatGate>
        <DiskFullBanner />
        <HashRouter>
          <Routes>
            <Route path="*" element={<DoorPage />} />
          </Routes>
        </HashRouter>
        <ConnectionState />
      </VenueFormatGate>
    )
  }
  const home = homeOf(who.role)
  const pages = PAGES.filter((page) => page.roles.includes(who.role))
  return (
    <VenueFormatGate>
      <DiskFullBanner />
      <HashRouter>
        <Routes>
          {pages
            .filter((page) => page.bare)
            .map((page) => (
              <Route key={page.path} path={page.path} element={PAGE_ELEMENTS[page.path]} />
            ))}
          <Route element={<Layout />}>
            {pages
              .filter((page) => !page.bare)
              .map((page) => (
                <Route key={page.path} path={page.path} element={PAGE_ELEMENTS[page.path]} />
              ))}
            <Route path="*" element={<Navigate to={home} replace />} />
          </Route>
        </Routes>
      </HashRouter>
      <ConnectionState />
    </VenueFormatGate>
  )
}
