import { describe, expect, it } from 'vitest'
import { jsonInSteps } from './json-in-steps'

async function collect(value: object, stepChars: number) {
  const pieces: string[] = []
  for await (const piece of jsonInSteps(value, stepChars)) pieces.push(String(piece))
  return pieces.join('')
}

describe('JSON written in steps', () => {
  it('is the text JSON.stringify makes, whatever the long text holds', async () => {
    const content = '\uFEFFcode,"He said ""hi"""\r\nZoë,😀😀😀,\\back\u2028\u0001\ttab\r\n'.repeat(50)
    const file = { filename: 'attendees.csv', encoding: 'utf-8', content, rows: 100, skipped: undefined }
    // A step of 7 characters splits every kind of character somewhere, emoji included.
    for (const step of [7, 8, 64, 100_000]) {
      const text = await collect(file, step)
      expect(text).toBe(JSON.stringify(file))
      expect(JSON.parse(text)).toEqual({ ...file, skipped: undefined })
    }
  })

  it('lets other work in while a long text is written, before the answer is done', async () => {
    const order: string[] = []
    const written = (async () => {
      for await (const piece of jsonInSteps({ content: 'x'.repeat(10_000) }, 1_000)) void piece
      order.push('answer written')
    })()
    setImmediate(() => order.push('a check-in'))
    await written
    expect(order).toEqual(['a check-in', 'answer written'])
  })
})
