// Who is calling, as every part of the app sees it: the IPC session, the LAN
// host's tokens, the dispatcher, the audit log and the whoAmI answer.
import type { Role } from './views'

/** The station's role and name, and the operator signed in there. */
export interface Principal {
  role: Role
  station: string
  operator: string
}
