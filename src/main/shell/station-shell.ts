// The window's session on a station: there are no PINs here (the host's
// pairing decided who this laptop is), operations go to the host, and the
// window learns the link's state (connected, reconnecting, unreachable since).
import { z } from 'zod'
import { TicketiError, type Outcome } from '../../shared/errors'
import type { ShellState } from '../../shared/ipc'
import type { Principal } from '../../shared/principal'
import type { StationLink } from './station'

type Kiosk = ShellState['kiosk']

const shellRequest = z.object({ action: z.string().max(40) }).passthrough()

/** Whoever the host paired; the kiosk is the door whatever role the laptop was paired with. */
export function stationPrincipal(link: StationLink, kiosk: Kiosk): Principal | null {
  const joined = link.joined()
  if (!joined) return null
  const { name, role } = joined.station
  return { role: kiosk.on ? 'door' : role, station: name, operator: name }
}

export interface StationShell {
  state(): ShellState
  answer(request: unknown): Promise<Outcome<ShellState>>
  principal(): Principal | null
  inKiosk(): boolean
  /** `--kiosk --event ID` on a station: the event is checked with the host when the door opens it. */
  startKiosk(eventId: number): void
  onKioskChange(listener: (kiosk: Kiosk) => void): void
}

export function createStationShell(link: StationLink): StationShell {
  let kiosk: Kiosk = { on: false, event_id: null }
  const listeners: Array<(kiosk: Kiosk) => void> = []

  function state(): ShellState {
    const joined = link.joined()
    const who = stationPrincipal(link, kiosk)
    return {
      // Revoked: back to the first-run choice of holding the database or joining a host.
      needs_setup: joined === null,
      operator: who && { name: who.operator, role: who.role },
      kiosk: { ...kiosk },
      station: joined && { host: joined.host, name: joined.station.name, role: joined.station.role },
      connection: link.connection(),
    }
  }

  function setKiosk(next: Kiosk) {
    kiosk = next
    for (const listener of listeners) listener({ ...kiosk })
  }

  async function run(request: { action: string; event_id?: unknown }): Promise<void> {
    switch (request.action) {
      case 'state':
        return
      case 'enterKiosk': {
        if (link.joined()?.station.role !== 'admin') {
          throw new TicketiError('FORBIDDEN', 'Only a station paired as Admin can turn on kiosk mode.')
        }
        const eventId = z.number().int().positive().safeParse(request.event_id)
        if (!eventId.success)
          throw new TicketiError('VALIDATION', 'The kiosk event must be an event number like 3.')
        const found = await link.call('getEvent', { event_id: eventId.data })
        if (!found.ok) throw TicketiError.fromEnvelope(found.error)
        setKiosk({ on: true, event_id: eventId.data })
        return
      }
      case 'leaveKiosk':
      case 'confirmAdmin':
        // The PINs live on the host, which does not check them for other laptops.
        throw new TicketiError(
          'FORBIDDEN',
          'This laptop is a station: its kiosk mode ends when it is restarted without --kiosk.',
        )
      case 'restart':
        throw new TicketiError(
          'FORBIDDEN',
          'This laptop is a station: backups are restored on the host laptop, by restarting Ticketi there.',
        )
      case 'signOut':
        throw new TicketiError(
          'FORBIDDEN',
          'This laptop stays joined to its host; an admin there can revoke it under LAN stations.',
        )
      default:
        throw new TicketiError(
          'FORBIDDEN',
          `This laptop is a station of ${link.joined()?.host ?? 'a host'}: PINs are set on the host.`,
        )
    }
  }

  return {
    state,
    async answer(request) {
      const parsed = shellRequest.safeParse(request)
      if (!parsed.success) {
        return {
          ok: false,
          error: new TicketiError('VALIDATION', 'Not a request this window can make.').toEnvelope(),
        }
      }
      try {
        await run(parsed.data as { action: string; event_id?: unknown })
        return { ok: true, value: state() }
      } catch (error) {
        if (error instanceof TicketiError) return { ok: false, error: error.toEnvelope() }
        throw error
      }
    },
    principal: () => stationPrincipal(link, kiosk),
    inKiosk: () => kiosk.on,
    startKiosk(eventId) {
      setKiosk({ on: true, event_id: eventId })
    },
    onKioskChange: (listener) => void listeners.push(listener),
  }
}
