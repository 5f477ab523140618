/** Small statistics for the benchmarks: medians and 95th percentiles of repeated runs. */

export interface Summary {
  n: number
  p50: number
  p95: number
  min: number
  max: number
  mean: number
}

/** The q-quantile (0..1) by nearest rank on sorted samples. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number
}

/** Rounds to `digits` decimals (numbers in the report stay readable). */
export const round = (value: number, digits = 2): number => {
  if (!Number.isFinite(value)) return value
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export function summarize(samples: readonly number[], digits = 2): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = sorted.reduce((sum, x) => sum + x, 0) / (sorted.length || 1)
  return {
    n: sorted.length,
    p50: round(quantile(sorted, 0.5), digits),
    p95: round(quantile(sorted, 0.95), digits),
    min: round(sorted[0] ?? Number.NaN, digits),
    max: round(sorted[sorted.length - 1] ?? Number.NaN, digits),
    mean: round(mean, digits)
  }
}

export const median = (samples: readonly number[]): number =>
  quantile(
    [...samples].sort((a, b) => a - b),
    0.5
  )

/** A small seeded generator (mulberry32): the same samples give the same interval on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Bootstrap 95 % interval of median(with) ÷ median(without) over paired runs: the pairs are
 * resampled with replacement (a pair stays a pair: both ran under the same machine load).
 */
export function bootstrapRatioCi(
  pairs: readonly (readonly [number, number])[],
  resamples = 2000,
  seed = 15
): { low: number; high: number } {
  if (pairs.length === 0) return { low: Number.NaN, high: Number.NaN }
  const random = seeded(seed)
  const ratios: number[] = []
  const a: number[] = new Array(pairs.length)
  const b: number[] = new Array(pairs.length)
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[Math.floor(random() * pairs.length)] as readonly [number, number]
      a[i] = pair[0]
      b[i] = pair[1]
    }
    ratios.push(median(a) / (median(b) || 1))
  }
  ratios.sort((x, y) => x - y)
  return { low: quantile(ratios, 0.025), high: quantile(ratios, 0.975) }
}
