// Reads a guest list the venue chose: its bytes decoded the way the host would
// (UTF-8 with or without BOM, else Windows-1252), then parsed by papaparse in
// chunks that give the page its turn between them, so the progress bar moves.
import Papa from 'papaparse'
import { MAX_IMPORT_BYTES, decodeCsvBytes, detectDelimiter, stripBom } from '../../../../shared/guest-list'

export interface GuestFile {
  name: string
  /** The decoded text, as the host receives it. */
  text: string
  encoding: string
  headers: string[]
  /** Rows with anything in them, with their spreadsheet row number (the header is row 1). */
  rows: Array<{ row: number; cells: string[] }>
}

const CHUNK_BYTES = 256 * 1024

export async function readGuestFile(file: File, onProgress: (fraction: number) => void): Promise<GuestFile> {
  if (file.size > MAX_IMPORT_BYTES) {
    throw new Error(
      `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a guest list can be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
    )
  }
  const { text: decoded, encoding } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()))
  const text = stripBom(decoded)
  const all: string[][] = []
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text, {
      delimiter: detectDelimiter(text),
      chunkSize: CHUNK_BYTES,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        all.push(...results.data)
        onProgress(Math.min(1, results.meta.cursor / Math.max(1, text.length)))
        // Let the page paint the bar before the next chunk.
        parser.pause()
        setTimeout(() => parser.resume(), 0)
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    })
  })
  onProgress(1)
  const [header = [], ...body] = all
  const rows = body
    .map((cells, index) => ({ row: index + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
  if (header.length === 0) throw new Error(`${file.name} is empty.`)
  return { name: file.name, text, encoding, headers: header.map((h) => h.trim()), rows }
}
