/** "12.50", "12,50" or "12" in currency units → 1250 cents; null when it is not an amount. */
export function parsePrice(text: string): number | null {
  const normalized = text.trim().replace(',', '.')
  if (!/^\d+(\.\d{1,2})?$/.test(normalized)) return null
  return Math.round(Number(normalized) * 100)
}
