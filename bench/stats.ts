/**
 * The summary statistics the benches report, one definition for all: the median (the upper middle of an even count,
 * as the figures in docs/benchmarks.md have always been taken) and nearest-rank percentiles. NaN for no values, which
 * the tables print as n/a.
 */
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

export const median = (values: readonly number[]): number => sorted(values)[Math.floor(values.length / 2)] ?? NaN;

/** Nearest rank: the smallest value with at least `p` per cent of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  const ordered = sorted(values);
  return ordered[Math.min(ordered.length - 1, Math.max(0, Math.ceil((p / 100) * ordered.length) - 1))] ?? NaN;
}

export const p90 = (values: readonly number[]): number => percentile(values, 90);
