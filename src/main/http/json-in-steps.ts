// An answer holding a whole file (an export's 10 MB of CSV) as JSON, written a
// piece at a time: JSON.stringify of the whole answer at once would hold the
// event loop, and every door waiting on it, for 50 to 100 ms.
import { Readable } from 'node:stream'

/** How many characters of a long text one step turns into JSON. */
const STEP_CHARS = 256 * 1024

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

async function* pieces(value: object, stepChars: number): AsyncGenerator<string> {
  let comma = ''
  yield '{'
  for (const [key, field] of Object.entries(value) as Array<[string, unknown]>) {
    if (field === undefined) continue
    const head = `${comma}${JSON.stringify(key)}:`
    comma = ','
    if (typeof field !== 'string' || field.length <= stepChars) {
      yield head + JSON.stringify(field)
      continue
    }
    yield `${head}"`
    for (let at = 0; at < field.length;) {
      let end = Math.min(at + stepChars, field.length)
      // A character beyond U+FFFF is two code units: both go in the same piece.
      if (end < field.length && isHighSurrogate(field.charCodeAt(end - 1))) end--
      yield JSON.stringify(field.slice(at, end)).slice(1, -1)
      at = end
      await nextTurn()
    }
    yield '"'
  }
  yield '}'
}

/** The JSON of `value`, the same text JSON.stringify makes, as a stream written in steps. */
export function jsonInSteps(value: object, stepChars = STEP_CHARS): Readable {
  return Readable.from(pieces(value, stepChars), { objectMode: false })
}
