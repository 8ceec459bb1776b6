// A ticket's uuid: the secret its QR code carries. Version 7 (RFC 9562): the
// millisecond it was made, then 74 random bits. 2^74 is out of reach of anyone
// scanning made-up codes at a door (a scanned uuid is never slowed down), and new
// tickets' uuids sort after every older one, so a seed appends to the uuid index
// instead of changing a page at a random place of it for every ticket: beside
// 300,000 tickets that wrote the WAL a page per ticket, 31 µs each.
import { randomFillSync } from 'node:crypto'

const BYTES = 16

/** `count` fresh ticket uuids made at `now`, in increasing order. */
export function ticketUuids(count: number, now = Date.now()): string[] {
  const random = randomFillSync(Buffer.alloc(BYTES * count))
  const uuids: string[] = []
  for (let i = 0; i < count; i++) {
    const bytes = random.subarray(i * BYTES, (i + 1) * BYTES)
    bytes.writeUIntBE(now, 0, 6)
    bytes[6] = (bytes[6]! & 0x0f) | 0x70 // version 7
    bytes[8] = (bytes[8]! & 0x3f) | 0x80 // the RFC's variant
    const hex = bytes.toString('hex')
    uuids.push(
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    )
  }
  return uuids.sort()
}

export function ticketUuid(now = Date.now()): string {
  return ticketUuids(1, now)[0]!
}
