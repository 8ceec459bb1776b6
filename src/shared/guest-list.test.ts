import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { parseGuestListInSteps } from './guest-list'

describe('a guest list parsed in steps', () => {
  it('gives way between chunks and reads every row as one parse of the whole text would', () => {
    const lines = ['\uFEFFName;Note;Email']
    // Quoted cells with the delimiter and line breaks in them, across chunk boundaries.
    for (let i = 0; i < 5_000; i++) lines.push(`Guest ${i};"says ""hi"";\r\nthen ${i}";g${i}@example.com`)
    lines.push('', '')
    const text = lines.join('\r\n')
    const steps = parseGuestListInSteps(text)
    let yields = 0
    let step = steps.next()
    for (; !step.done; step = steps.next()) yields++
    const whole = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: 'greedy' }).data

    expect(yields).toBeGreaterThan(3)
    expect(step.value.delimiter).toBe(';')
    expect(step.value.headers).toEqual(['Name', 'Note', 'Email'])
    expect(step.value.rows).toHaveLength(5_000)
    expect(step.value.rows).toEqual(whole.slice(1))
    expect(step.value.rows[4_999]).toEqual(['Guest 4999', 'says "hi";\r\nthen 4999', 'g4999@example.com'])
  })
})
