import { describe, expect, it } from 'vitest'
import { TextInPieces } from '../exports/text-in-pieces'
import { jsonInSteps } from './json-in-steps'

async function collect(value: object, stepChars: number) {
  const pieces: string[] = []
  for await (const piece of jsonInSteps(value, stepChars)) pieces.push(String(piece))
  return pieces.join('')
}

describe('JSON written in steps', () => {
  it('is the text JSON.stringify makes of the whole text, whatever it holds and however it is cut', async () => {
    const line = '\uFEFFcode,"He said ""hi"""\r\nZoë,😀😀😀,\\back\u2028\u0001\ttab\r\n'
    const whole = { filename: 'attendees.csv', encoding: 'utf-8', content: line.repeat(50), rows: 100 }
    // A step of 7 characters splits every kind of character somewhere, emoji included.
    for (const step of [7, 8, 64, 100_000]) {
      for (const pieces of [[whole.content], Array<string>(50).fill(line)]) {
        const file = { ...whole, content: new TextInPieces(pieces), skipped: undefined }
        const text = await collect(file, step)
        expect(text).toBe(JSON.stringify(whole))
        expect(JSON.parse(text)).toEqual(whole)
      }
    }
  })

  it('lets other work in while a long text is written, before the answer is done', async () => {
    const order: string[] = []
    const written = (async () => {
      for await (const piece of jsonInSteps({ content: new TextInPieces(['x'.repeat(10_000)]) }, 1_000))
        void piece
      order.push('answer written')
    })()
    setImmediate(() => order.push('a check-in'))
    await written
    expect(order).toEqual(['a check-in', 'answer written'])
  })
})
