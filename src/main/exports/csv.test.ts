import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { Cell } from '../operations/reconciliation'
import { csvLines } from './csv'

/** papaparse's unparse, with a cell judged a formula by its first character only. */
const papaparse = (rows: Cell[][]) =>
  rows.length === 0 ? '' : Papa.unparse(rows, { newline: '\r\n', escapeFormulae: /^[=+\-@\t\r]/ }) + '\r\n'

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
    expect(csvLines(AWKWARD)).toBe(papaparse(AWKWARD))
    for (const row of AWKWARD) expect(csvLines([row])).toBe(papaparse([row]))
    expect(csvLines([])).toBe('')
  })

  it('neutralise a cell that starts a formula and leave numbers as numbers', () => {
    expect(csvLines([['=1+1', -3, '-3']])).toBe(`"'=1+1",-3,"'-3"\r\n`)
  })

  it('neutralise a formula that goes on over several lines, which papaparse lets through', () => {
    expect(csvLines([['=1\n2', '@SUM(A1)\r\nx']])).toBe(`"'=1\n2","'@SUM(A1)\r\nx"\r\n`)
    expect(Papa.unparse([['=1\n2']], { escapeFormulae: true })).toBe('"=1\n2"')
  })
})
