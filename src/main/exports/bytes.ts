// An export's bytes, encoded a piece at a time. The CSV is one string of 10 MB,
// and its byte order mark makes it a two-byte string: turned into UTF-8 at once
// (as a reply or a file write does) it holds the event loop for 50 ms or more.
import type { ExportFile } from '../../shared/views'

/** How many characters one step encodes; a multiple of 4, so base64 splits cleanly. */
const STEP_CHARS = 256 * 1024

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** The file's bytes in pieces, the event loop served between them. */
export async function* exportBytes(file: ExportFile, stepChars = STEP_CHARS): AsyncGenerator<Buffer> {
  const { content, encoding } = file
  for (let at = 0; at < content.length;) {
    let end = Math.min(at + stepChars, content.length)
    // A character beyond U+FFFF is two code units: both go in the same piece.
    if (encoding === 'utf-8' && end < content.length && isHighSurrogate(content.charCodeAt(end - 1))) end--
    yield Buffer.from(content.slice(at, end), encoding === 'base64' ? 'base64' : 'utf8')
    at = end
    if (at < content.length) await nextTurn()
  }
}

/** All of the file's bytes, encoded in steps. */
export async function exportFileBytes(file: ExportFile): Promise<Buffer> {
  const pieces: Buffer[] = []
  for await (const piece of exportBytes(file)) pieces.push(piece)
  return Buffer.concat(pieces)
}
