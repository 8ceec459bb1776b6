import { describe, expect, it } from 'vitest'
import type { BuiltExport } from './build'
import { exportBytes, exportFileBytes } from './bytes'
import { TextInPieces } from './text-in-pieces'

/** A file of one piece, or of one piece a line, as an export's pages are. */
const file = (content: string, encoding: BuiltExport['encoding'], byLine = false): BuiltExport => ({
  filename: 'attendees.csv',
  content_type: 'text/csv; charset=utf-8',
  encoding,
  content: new TextInPieces(byLine ? content.split(/(?<=\r\n)/) : [content]),
  rows: 1,
})

describe("an export's bytes", () => {
  it('are the file as UTF-8 or decoded from base64, whatever piece ends where', async () => {
    const csv = '\uFEFFcode,holder\r\n001,Zoë 😀😀 “x”\r\n'.repeat(40)
    const xlsx = Buffer.from(csv.repeat(3)).toString('base64')
    for (const step of [4, 8, 12, 1024]) {
      const pieces: Buffer[] = []
      for await (const piece of exportBytes(file(csv, 'utf-8'), step)) pieces.push(piece)
      expect(Buffer.concat(pieces).equals(Buffer.from(csv, 'utf8'))).toBe(true)
      const byLine: Buffer[] = []
      for await (const piece of exportBytes(file(csv, 'utf-8', true), step)) byLine.push(piece)
      expect(byLine.length).toBeGreaterThan(pieces.length)
      expect(Buffer.concat(byLine).equals(Buffer.from(csv, 'utf8'))).toBe(true)
      const decoded: Buffer[] = []
      for await (const piece of exportBytes(file(xlsx, 'base64'), step)) decoded.push(piece)
      expect(Buffer.concat(decoded).equals(Buffer.from(xlsx, 'base64'))).toBe(true)
    }
    expect((await exportFileBytes(file(csv, 'utf-8'))).toString('utf8')).toBe(csv)
    // Whole, as a host answers it over HTTP: the same bytes.
    const whole = { ...file(csv, 'utf-8'), content: csv }
    expect((await exportFileBytes(whole)).equals(Buffer.from(csv, 'utf8'))).toBe(true)
  })

  it('let other work in between pieces, before the last one is encoded', async () => {
    const order: string[] = []
    const encoded = (async () => {
      for await (const piece of exportBytes(file('x'.repeat(10_000), 'utf-8'), 1_000)) void piece
      order.push('encoded')
    })()
    setImmediate(() => order.push('a check-in'))
    await encoded
    expect(order).toEqual(['a check-in', 'encoded'])
  })
})
