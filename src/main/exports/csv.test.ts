import { describe, expect, it } from 'vitest'
import { spreadsheetCsvLines, type Cell } from '../operations/reconciliation'
import { csvLines } from './csv'

// Every kind of cell papaparse treats in its own way.
const AWKWARD: Cell[][] = [
  ['=HYPERLINK("http://x")', '+31 6 1234 5678', '-5', '@home', '\tTab', '\rReturn', '=1\n2'],
  ['He said "hi"', 'a,b', 'two\r\nlines', 'one\nline', '\uFEFFbom', ' lead', 'trail ', ' '],
  ['', null, 0, -0, -12.5, 1e21, 0.1 + 0.2, 'plain'],
  ['Zoë', '😀 emoji', '“curly”', "O'Brien", 'back\\slash', '\u2028', "'quoted", '=""'],
  [],
  [null, null],
]

describe('export CSV lines', () => {
  it('are the same text papaparse writes, formulas neutralised and cells quoted alike', () => {
    expect(csvLines(AWKWARD)).toBe(spreadsheetCsvLines(AWKWARD))
    for (const row of AWKWARD) expect(csvLines([row])).toBe(spreadsheetCsvLines([row]))
    expect(csvLines([])).toBe('')
  })

  it('neutralise a cell that starts a formula and leave numbers as numbers', () => {
    expect(csvLines([['=1+1', -3, '-3']])).toBe(`"'=1+1",-3,"'-3"\r\n`)
  })
})
