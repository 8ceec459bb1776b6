import { PassThrough } from 'node:stream'
import { inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Cell } from '../operations/reconciliation'
import { xlsxWorkbook } from './xlsx'

const ROWS: Cell[][] = [
  ['code', 'holder', 'amount', 'note'],
  ['007', '=1+1', 12.5, null],
  [null, ' lead <b> & "q" \'x\' \u0001\u007f', 3, null],
  [null, null, null, null],
  ['', 'two\r\nlines\tand a tab', -0, 1e21],
  ['Zoë', '😀 “curly”', 0.1 + 0.2, -12],
  ['=HYPERLINK("http://x")', '+31 6 1234 5678', '-5', '@home'],
]

/** The same rows as exceljs's streaming writer wrote them before: the reference. */
async function exceljsFile(rows: Cell[][], sheetName: string): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  })
  const sheet = workbook.addWorksheet(sheetName)
  for (const row of rows) sheet.addRow(row).commit()
  sheet.commit()
  await workbook.commit()
  return Buffer.concat(chunks)
}

async function ticketiFile(rows: Cell[][], sheetName: string, pageRows = 2): Promise<Buffer> {
  const workbook = xlsxWorkbook(sheetName, new Date('2026-12-01T23:00:00.000Z'))
  for (let at = 0; at < rows.length; at += pageRows) await workbook.addRows(rows.slice(at, at + pageRows))
  return workbook.file()
}

/** The files inside a ZIP, read from its central directory. */
function unzip(zip: Buffer): Map<string, string> {
  const files = new Map<string, string>()
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let at = zip.readUInt32LE(end + 16)
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const size = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength).replace(/^\//, '')
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    files.set(name, inflateRawSync(zip.subarray(data, data + size)).toString('utf8'))
    at += 46 + skip
  }
  return files
}

async function readBack(file: Buffer) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.length) as ArrayBuffer)
  return book.worksheets[0]!
}

describe('an XLSX workbook written page by page', () => {
  it('holds the same sheet, byte for byte, as exceljs writes, and the same other parts', async () => {
    const ours = unzip(await ticketiFile(ROWS, 'Attendee list'))
    const theirs = unzip(await exceljsFile(ROWS, 'Attendee list'))
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort())
    for (const [name, text] of theirs) {
      // Only who made it and when differ.
      if (name === 'docProps/core.xml') continue
      expect(ours.get(name), name).toBe(text)
    }
    expect(ours.get('docProps/core.xml')).toContain('2026-12-01T23:00:00Z')
  })

  it('reads back in exceljs with the same cells, text kept as text: "=1+1" is no formula', async () => {
    const ours = await readBack(await ticketiFile(ROWS, 'Attendee list'))
    const theirs = await readBack(await exceljsFile(ROWS, 'Attendee list'))
    expect(ours.name).toBe('Attendee list')
    expect(ours.rowCount).toBe(theirs.rowCount)
    for (let r = 1; r <= theirs.rowCount; r++) {
      for (let c = 1; c <= 4; c++) {
        const [mine, reference] = [ours.getRow(r).getCell(c), theirs.getRow(r).getCell(c)]
        expect({ value: mine.value, type: mine.type }, `row ${r} column ${c}`).toEqual({
          value: reference.value,
          type: reference.type,
        })
      }
    }
    const formulaLike = ours.getRow(2).getCell(2)
    expect(formulaLike.value).toBe('=1+1')
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String)
    expect(formulaLike.formula).toBeUndefined()
    expect(ours.getRow(2).getCell(1).value).toBe('007')
    expect(ours.getRow(2).getCell(3).value).toBe(12.5)
  })

  it('is a valid workbook with its header alone when there are no rows', async () => {
    const sheet = await readBack(await ticketiFile([['code', 'holder']], 'Payments'))
    expect(sheet.rowCount).toBe(1)
    expect(sheet.getRow(1).values).toEqual([undefined, 'code', 'holder'])
  })
})
