// A long text, such as an export's 10 MB of CSV, kept as the pieces it was built
// in. Joining them into one string takes a single turn of 25 to 70 ms on this
// kind of machine, one-byte text or not, and every door waits that long; the
// HTTP answers and the USB drive's copy encode the pieces a step at a time.
import { stepTurn } from '../step-turns'

/** How many characters one step of encoding takes; a multiple of 4, so base64 splits cleanly. */
const STEP_CHARS = 256 * 1024

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

export class TextInPieces {
  constructor(readonly pieces: readonly string[]) {}

  /** The whole text at once, for the one caller that cannot take pieces: the desktop window's IPC. */
  joined(): string {
    return this.pieces.join('')
  }

  /**
   * The text in steps of at most `stepChars` characters, the event loop served
   * between them. A piece ends on a whole character (an export's are a page each).
   */
  async *steps(stepChars = STEP_CHARS): AsyncGenerator<string> {
    let first = true
    for (const piece of this.pieces) {
      for (let at = 0; at < piece.length;) {
        if (!first) await stepTurn()
        first = false
        let end = Math.min(at + stepChars, piece.length)
        // A character beyond U+FFFF is two code units: both go in the same step.
        if (end < piece.length && isHighSurrogate(piece.charCodeAt(end - 1))) end--
        yield piece.slice(at, end)
        at = end
      }
    }
  }
}

/** The value with every text in pieces made whole: what the contract promises its callers. */
export function withWholeTexts(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const fields = Object.entries(value)
  if (!fields.some(([, field]) => field instanceof TextInPieces)) return value
  return Object.fromEntries(
    fields.map(([key, field]) => [key, field instanceof TextInPieces ? field.joined() : field]),
  )
}

/** A file answer (an ExportFile, a CsvFile) as the host holds it: its content in pieces. */
export type InPieces<File extends { content: string }> = Omit<File, 'content'> & { content: TextInPieces }
