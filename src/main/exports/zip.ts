// A ZIP file (the container of an XLSX) from entries written in pieces. Node's
// zlib deflates on libuv's threads and computes the CRC natively, so a 15 MB
// sheet is compressed beside the event loop, never on it, while the next page
// of rows is read. Plain ZIP: no data descriptors, no ZIP64 (an entry stays under 4 GB).
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

export interface ZipEntry {
  name: string
  crc: number
  size: number
  deflated: Buffer
}

/** How much text may wait for the compressor before the writer waits for it. */
const PENDING_BYTES = 8 * 1024 * 1024
const UTF8_NAMES = 0x0800
const DEFLATE = 8
const MAX_BYTES = 0xffffffff

/** An entry written a piece at a time; `end()` gives it once compressed. */
export function deflatingEntry(name: string) {
  // Big output chunks: each turn of the compressor then does milliseconds of work on its
  // thread instead of waking the event loop for every 16 KB.
  const deflate = createDeflateRaw({ chunkSize: 1024 * 1024, level: constants.Z_BEST_SPEED })
  const chunks: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = finished(deflate)
  done.catch(() => {}) // the error reaches the caller through end()
  let crc = 0
  let size = 0
  return {
    async write(text: string): Promise<void> {
      const bytes = Buffer.from(text, 'utf8')
      crc = crc32(bytes, crc)
      size += bytes.length
      deflate.write(bytes)
      if (deflate.writableLength > PENDING_BYTES) await once(deflate, 'drain')
    },
    async end(): Promise<ZipEntry> {
      deflate.end()
      await done
      return { name, crc, size, deflated: Buffer.concat(chunks) }
    },
  }
}

/** A small entry at once (a few kilobytes: deflated in microseconds). */
export function smallEntry(name: string, text: string): ZipEntry {
  const bytes = Buffer.from(text, 'utf8')
  return { name, crc: crc32(bytes), size: bytes.length, deflated: deflateRawSync(bytes) }
}

/** MS-DOS date and time, as ZIP keeps them (local fields, 2-second steps). */
function dosTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  }
}

/** The ZIP file of `entries`, in that order. */
export function zipFile(entries: ZipEntry[], at: Date): Buffer {
  const { time, date } = dosTime(at)
  const parts: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    if (entry.size > MAX_BYTES || entry.deflated.length > MAX_BYTES) {
      throw new Error(`${entry.name} is too large for a ZIP file without ZIP64.`)
    }
    const name = Buffer.from(entry.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed: deflate
    local.writeUInt16LE(UTF8_NAMES, 6)
    local.writeUInt16LE(DEFLATE, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(entry.crc, 14)
    local.writeUInt32LE(entry.deflated.length, 18)
    local.writeUInt32LE(entry.size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // made by: MS-DOS attributes, ZIP 2.0
    local.copy(central, 6, 4, 30) // version needed .. name length, as in the local header
    central.writeUInt16LE(0, 32) // no comment, disk 0, no attributes
    central.writeUInt32LE(offset, 42)
    directory.push(central, name)
    parts.push(local, name, entry.deflated)
    offset += local.length + name.length + entry.deflated.length
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, ...directory, end])
}
