// The admin's settings: sharing this laptop on the LAN (desktop app only), who may join it, operators' PINs, the door
// kiosk (desktop app only), email delivery, how dates and prices read, and backups.
import { PageTitle } from '../components/ui'
import { useSession } from '../session/store'
import { Backups } from './settings/Backups'
import { Kiosk } from './settings/Kiosk'
import { MailSettings } from './settings/MailSettings'
import { Operators } from './settings/Operators'
import { ShareOnLan } from './settings/ShareOnLan'
import { Stations } from './settings/Stations'
import { VenueFormat } from './settings/VenueFormat'

export function SettingsPage() {
  const desktop = useSession((s) => s.desktop)
  // Only a window that can host offers it: the desktop app's, not a browser's or a station's.
  const canShare = desktop && typeof window.ticketi?.sharing === 'function'
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          {canShare && <ShareOnLan />}
          <Stations />
          <MailSettings />
        </div>
        <div className="space-y-6">
          <Operators />
          <VenueFormat />
          <Backups />
          {desktop && <Kiosk />}
        </div>
      </div>
    </>
  )
}
