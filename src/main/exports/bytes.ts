// An export's bytes, encoded a step at a time. A CSV of 100,000 rows is 10 MB
// of text, and its byte order mark makes it two-byte: turned into UTF-8 at once
// (as a reply or a file write does) it holds the event loop for 50 ms or more.
import type { ExportFile } from '../../shared/views'
import type { BuiltExport } from './build'
import { TextInPieces } from './text-in-pieces'

/**
 * The file's bytes in pieces, the event loop served between them; an XLSX's base64 is one
 * piece. The file as the host holds it, or whole as the contract writes it (a host over HTTP).
 */
export async function* exportBytes(
  file: Pick<BuiltExport | ExportFile, 'content' | 'encoding'>,
  stepChars?: number,
): AsyncGenerator<Buffer> {
  const encoding = file.encoding === 'base64' ? 'base64' : 'utf8'
  const text = typeof file.content === 'string' ? new TextInPieces([file.content]) : file.content
  for await (const step of text.steps(stepChars)) yield Buffer.from(step, encoding)
}

/** All of the file's bytes, encoded in steps. */
export async function exportFileBytes(file: BuiltExport | ExportFile): Promise<Buffer> {
  const pieces: Buffer[] = []
  for await (const piece of exportBytes(file)) pieces.push(piece)
  return Buffer.concat(pieces)
}
