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
