// A guest list as Excel and Sheets write it: its encoding, its columns and which
// of our fields each column holds. The renderer uses this for the preview and
// the host for the import itself, so both read a file the same way.
import Papa from 'papaparse'

/** Stated limits: a bigger list is refused before anything is read. */
export const MAX_IMPORT_ROWS = 20_000
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

/** Our fields a column can fill, in the order the mapping shows them. */
export const GUEST_FIELDS = [
  'name',
  'email',
  'phone',
  'ticket_type',
  'quantity',
  'payment_method',
  'holder_name',
] as const
export type GuestField = (typeof GUEST_FIELDS)[number]
/** Which column (by its header, as written in the file) fills each field; a field left out stays empty. */
export type GuestMapping = Partial<Record<GuestField, string>>

export const GUEST_FIELD_LABELS: Record<GuestField, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  ticket_type: 'Ticket type',
  quantity: 'Quantity',
  payment_method: 'Payment method',
  holder_name: 'Ticket holder',
}

// Headers seen in the wild (English, Dutch, French, German, Spanish), lower case without punctuation.
const HEADER_WORDS: Record<GuestField, readonly string[]> = {
  name: [
    'name',
    'full name',
    'guest',
    'guest name',
    'customer',
    'buyer',
    'naam',
    'nom',
    'nom complet',
    'nombre',
  ],
  email: ['email', 'e mail', 'email address', 'mail', 'courriel', 'correo'],
  phone: ['phone', 'phone number', 'mobile', 'telephone', 'tel', 'telefoon', 'téléphone', 'telefon', 'cell'],
  ticket_type: ['ticket type', 'type', 'ticket', 'category', 'tier', 'tickettype', 'soort'],
  quantity: [
    'quantity',
    'qty',
    'tickets',
    'number',
    'count',
    'aantal',
    'nombre de billets',
    'anzahl',
    'seats',
  ],
  payment_method: ['payment', 'payment method', 'paid by', 'paid with', 'method', 'betaling', 'paiement'],
  holder_name: ['holder', 'holder name', 'ticket holder', 'attendee', 'plus one'],
}

function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/[_\-.:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A first guess of the mapping from the header row; the venue can change it before importing. */
export function guessMapping(headers: readonly string[]): GuestMapping {
  const mapping: GuestMapping = {}
  const taken = new Set<string>()
  for (const field of GUEST_FIELDS) {
    const words = HEADER_WORDS[field]
    const exact = headers.find((h) => !taken.has(h) && words.includes(headerKey(h)))
    const loose = headers.find(
      (h) => !taken.has(h) && words.some((w) => w.length > 3 && headerKey(h).includes(w)),
    )
    const found = exact ?? loose
    if (found !== undefined) {
      mapping[field] = found
      taken.add(found)
    }
  }
  return mapping
}

/**
 * The text of a file's bytes: UTF-8 (with or without a BOM) when the bytes are
 * valid UTF-8, otherwise Windows-1252, which is what Excel on Windows saves as
 * "CSV" and which any byte sequence decodes as.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Excel writes ";" where the decimal mark is a comma, Sheets may write tabs: the header row says which. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const end = text.search(/\r?\n/)
  const first = end === -1 ? text : text.slice(0, end)
  const count = (c: string) => first.split(c).length - 1
  const candidates = [',', ';', '\t'] as const
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',')
}

export interface ParsedGuestList {
  headers: string[]
  /** The data rows, each as many cells as the header (missing cells are empty). */
  rows: string[][]
  delimiter: string
}

/** Text parsed between two yields of parseGuestListInSteps: a few milliseconds. */
const PARSE_CHUNK_BYTES = 64 * 1024

/**
 * Parses the text PARSE_CHUNK_BYTES at a time, yielding after each chunk, so the
 * host can answer others in between; the renderer parses files in chunks too.
 */
export function* parseGuestListInSteps(text: string): Generator<void, ParsedGuestList> {
  const body = stripBom(text)
  const delimiter = detectDelimiter(body)
  const all: string[][] = []
  let parser: Papa.Parser | null = null
  let finished = false
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: 'greedy',
    chunkSize: PARSE_CHUNK_BYTES,
    chunk(results: Papa.ParseResult<string[]>, chunkParser: Papa.Parser) {
      for (const row of results.data) all.push(row)
      parser = chunkParser
      chunkParser.pause()
    },
    complete: () => void (finished = true),
  })
  while (!finished && parser) {
    yield
    ;(parser as Papa.Parser).resume()
  }
  const [headerRow = [], ...rows] = all
  return { headers: headerRow.map((h) => h.trim()), rows, delimiter }
}

/** Parses the whole text at once. */
export function parseGuestList(text: string): ParsedGuestList {
  const steps = parseGuestListInSteps(text)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}
