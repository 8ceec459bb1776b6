// DNS rebinding: a page on a stranger's site can point its own host name at this
// laptop and then call the API from the victim's browser. Its requests still
// carry the stranger's name in the Host header, so only our own names are taken.
import { hostname, networkInterfaces } from 'node:os'

/** The host name of a Host header, without the port or IPv6 brackets, in lower case. */
export function hostNameOf(header: string): string | null {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/i.exec(header.trim())
  if (!match) return null
  return (match[1] ?? match[2]!).toLowerCase().replace(/\.$/, '')
}

function ownNames(listeningAddress: string | null): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1'])
  if (listeningAddress) names.add(listeningAddress.toLowerCase())
  for (const addresses of Object.values(networkInterfaces())) {
    for (const { address } of addresses ?? []) names.add(address.toLowerCase().replace(/%.*$/, ''))
  }
  // The laptop's own name, as the LAN's mDNS answers it.
  const own = hostname().toLowerCase()
  names.add(own)
  names.add(own.endsWith('.local') ? own : `${own}.local`)
  return names
}

/** Whether a Host header names this host; interfaces are looked at again when a name is not known. */
export function createHostCheck(
  listeningAddress: () => string | null,
): (header: string | undefined) => boolean {
  let names = ownNames(listeningAddress())
  let lookedAt = 0
  /** The last header taken: every request of a station names the host the same way. */
  let lastTaken: string | null = null
  return (header) => {
    if (header !== undefined && header === lastTaken) return true
    const name = header === undefined ? null : hostNameOf(header)
    if (name === null) return false
    if (names.has(name)) {
      lastTaken = header!
      return true
    }
    // Wi-Fi may have handed out a new address since the last look (at most once a second: a
    // flood of made-up names must not turn into a flood of system calls).
    if (Date.now() - lookedAt < 1000) return false
    names = ownNames(listeningAddress())
    lookedAt = Date.now()
    lastTaken = null
    return names.has(name)
  }
}
