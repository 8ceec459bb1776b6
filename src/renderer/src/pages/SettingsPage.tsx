// The admin's settings: who may join over the LAN, operators' PINs, the door
// kiosk (desktop app only), email delivery, and how dates and prices read.
import { PageTitle } from '../components/ui'
import { useSession } from '../session/store'
import { Kiosk } from './settings/Kiosk'
import { MailSettings } from './settings/MailSettings'
import { Operators } from './settings/Operators'
import { Stations } from './settings/Stations'
import { VenueFormat } from './settings/VenueFormat'

export function SettingsPage() {
  const desktop = useSession((s) => s.desktop)
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <Stations />
          <MailSettings />
        </div>
        <div className="space-y-6">
          <Operators />
          <VenueFormat />
          {desktop && <Kiosk />}
        </div>
      </div>
    </>
  )
}
