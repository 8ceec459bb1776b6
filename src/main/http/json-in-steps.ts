// An answer holding a whole file (an export's 10 MB of CSV, kept in pieces) as
// JSON, written a step at a time: JSON.stringify of the whole answer at once
// would hold the event loop, and every door waiting on it, for 50 to 100 ms.
import { Readable } from 'node:stream'
import { TextInPieces } from '../exports/text-in-pieces'

async function* pieces(value: object, stepChars: number | undefined): AsyncGenerator<string> {
  let comma = ''
  yield '{'
  for (const [key, field] of Object.entries(value) as Array<[string, unknown]>) {
    if (field === undefined) continue
    const head = `${comma}${JSON.stringify(key)}:`
    comma = ','
    if (!(field instanceof TextInPieces)) {
      yield head + JSON.stringify(field)
      continue
    }
    yield `${head}"`
    for await (const step of field.steps(stepChars)) yield JSON.stringify(step).slice(1, -1)
    yield '"'
  }
  yield '}'
}

/**
 * The JSON of `value`, the same text JSON.stringify makes of it with its texts in
 * pieces made whole, as a stream written in steps.
 */
export function jsonInSteps(value: object, stepChars?: number): Readable {
  return Readable.from(pieces(value, stepChars), { objectMode: false })
}
