import { describe, expect, it } from 'vitest'
import { parsePrice } from './money'

describe('parsePrice', () => {
  it('reads currency units with a dot or a comma as cents', () => {
    expect(parsePrice('12.50')).toBe(1250)
    expect(parsePrice('12,5')).toBe(1250)
    expect(parsePrice(' 20 ')).toBe(2000)
    expect(parsePrice('0.29')).toBe(29)
  })

  it('refuses what is not an amount', () => {
    for (const text of ['', 'ten', '-5', '1.234', '1e3']) expect(parsePrice(text)).toBeNull()
  })
})
