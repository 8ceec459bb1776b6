// The frame around every page but the door kiosk: the pages this role may use, and who is signed in.
import { useState } from 'react'
import { NavLink, Outlet } from 'react-router'
import { isBuiltInStation } from '../../../shared/stations'
import type { Role } from '../../../shared/views'
import { AdminCheck } from '../door/AdminCheck'
import { useDoorQueue } from '../door/offline/useOfflineDoor'
import { useSession } from '../session/store'
import { LiveBadge } from './LiveBadge'
import { Button } from './ui'

export const PAGES: ReadonlyArray<{
  path: string
  label: string
  roles: readonly Role[]
  /** Shown without this frame: the Night screen fills a projector. */
  bare?: boolean
}> = [
  { path: '/events', label: 'Events', roles: ['admin'] },
  { path: '/box-office', label: 'Box office', roles: ['admin', 'boxoffice'] },
  { path: '/door', label: 'Door', roles: ['admin', 'door'] },
  // Reports carry the money: a door station sees its counters on the Door page instead.
  { path: '/reports', label: 'Reports', roles: ['admin', 'boxoffice'] },
  // Counts and charts of the night, no money: for a big screen in the room.
  { path: '/night', label: 'Night', roles: ['admin', 'boxoffice'], bare: true },
  { path: '/settings', label: 'Settings', roles: ['admin'] },
]

/** The first page a role lands on after signing in. */
export function homeOf(role: Role): string {
  return PAGES.find((page) => page.roles.includes(role))!.path
}

export function Layout() {
  const who = useSession((s) => s.who)
  const signOut = useSession((s) => s.signOut)
  const [askingAdmin, setAskingAdmin] = useState(false)
  const waiting = useDoorQueue((s) => s.waiting)
  if (!who) return null
  // Sent first if the host answers; else kept on this browser for this station's next sign-in.
  const waitingNote =
    waiting > 0 ? (
      <p data-testid="signout-waiting" className="font-semibold text-amber-300">
        {waiting === 1 ? '1 check-in waits' : `${waiting} check-ins wait`} for the host. They are sent first
        if the host answers, else kept on this browser and sent when this station signs in again.
      </p>
    ) : null
  return (
    <div className="flex min-h-full flex-col">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-edge bg-panel px-3 py-3 sm:px-6">
        <span className="text-xl font-black tracking-tight text-accent">Ticketi</span>
        <nav className="flex gap-1" aria-label="Pages">
          {PAGES.filter((page) => page.roles.includes(who.role)).map((page) => (
            <NavLink
              key={page.path}
              to={page.path}
              className={({ isActive }) =>
                `rounded-lg px-3 py-2 text-sm font-medium ${isActive ? 'bg-accent text-ink' : 'text-slate-300 hover:bg-edge'}`
              }
            >
              {page.label}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-400">
          <LiveBadge />
          {waiting > 0 && (
            <span data-testid="header-waiting" className="font-semibold text-amber-300">
              {waiting} waiting
            </span>
          )}
          <span data-testid="signed-in-as">
            {/* The host's own identities ("admin token", "this laptop") are no name for a person. */}
            {who.operator === who.station || isBuiltInStation(who.station)
              ? who.operator
              : `${who.operator} · ${who.station}`}
          </span>
          <Button
            tone="secondary"
            className="py-1 text-sm"
            // A volunteer at the door cannot leave it signed out by accident.
            onClick={() => (who.role === 'door' ? setAskingAdmin(true) : void signOut())}
          >
            Sign out
          </Button>
        </div>
      </header>
      {askingAdmin && (
        <AdminCheck
          title="Sign out the door"
          action="Sign out"
          note={waitingNote}
          onConfirmed={(admin) => signOut(admin)}
          onClose={() => setAskingAdmin(false)}
        />
      )}
      <main className="mx-auto w-full max-w-6xl flex-1 px-3 py-4 sm:px-6 sm:py-8">
        <Outlet />
      </main>
    </div>
  )
}
