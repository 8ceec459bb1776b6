// Timing, percentiles and the result table. No library: the benchmark should
// measure Ticketi, and a few lines of arithmetic are easy to check by eye.

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6
}

export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint()
  fn()
  return elapsedMs(start)
}

export interface Summary {
  n: number
  mean: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Nearest-rank percentile: always a value that was actually measured. */
function rank(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]!
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length
  return {
    n: sorted.length,
    mean,
    p50: rank(sorted, 50),
    p95: rank(sorted, 95),
    p99: rank(sorted, 99),
    max: sorted[sorted.length - 1]!,
  }
}

export function median(samples: number[]): number {
  return summarize(samples).p50
}

/** A small seeded PRNG (mulberry32), so every run replays the same mix of codes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

export interface Row {
  figure: string
  value: number
  unit: 'ms' | 'req/s' | 'msg/s'
  /** Measured in the same run, on the same machine state: the noise cancels out in the ratio. */
  baseline?: number
  /** The SPEC §6 bar, in ms: the value must stay below it. */
  goalBelow?: number
  /** A bar on the ratio to the baseline: at least this (a throughput) ... */
  ratioAtLeast?: number
  /** ... or at most this (a latency). */
  ratioAtMost?: number
}

function goalOf(r: Row): { text: string; met: boolean } | null {
  const ratio = r.baseline === undefined ? NaN : r.value / r.baseline
  if (r.goalBelow !== undefined) return { text: `< ${format(r.goalBelow, 'ms')}`, met: r.value < r.goalBelow }
  if (r.ratioAtLeast !== undefined) return { text: `>= ${r.ratioAtLeast}x`, met: ratio >= r.ratioAtLeast }
  if (r.ratioAtMost !== undefined) return { text: `<= ${r.ratioAtMost}x`, met: ratio <= r.ratioAtMost }
  return null
}

function format(value: number, unit: Row['unit']): string {
  if (unit !== 'ms') return `${Math.round(value)} ${unit}`
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 3
  return `${value.toFixed(digits)} ms`
}

export function printTable(rows: Row[]): void {
  const lines = rows.map((r) => [
    r.figure,
    format(r.value, r.unit),
    r.baseline === undefined ? '-' : format(r.baseline, r.unit),
    r.baseline === undefined ? '-' : `${(r.value / r.baseline).toFixed(2)}x`,
    goalOf(r)?.text ?? '-',
    goalOf(r) === null ? '-' : goalOf(r)!.met ? 'yes' : 'NO',
  ])
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal', 'met']
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const show = (cells: string[]) =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |'
  console.log(show(header))
  console.log(
    '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|',
  )
  for (const line of lines) console.log(show(line))
}
