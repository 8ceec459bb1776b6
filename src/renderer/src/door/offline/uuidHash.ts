// The door recognises a scanned QR (the ticket uuid) by its SHA-256, so its copy
// of the list never holds the uuid itself. A JS hash: a door on plain http is not
// a secure context, and crypto.subtle is missing there.
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isTicketUuid(code: string): boolean {
  return UUID.test(code)
}

export function uuidHash(uuid: string): string {
  return bytesToHex(sha256(utf8ToBytes(uuid.toLowerCase())))
}
