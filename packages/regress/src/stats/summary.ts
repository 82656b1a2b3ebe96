import { quantile as sortedQuantile } from '@frozen-duckdb/bench';

/** Arithmetic mean; NaN for no values. */
export function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Sample variance (n - 1 denominator); 0 for fewer than two values. */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return ss / (xs.length - 1);
}

/** Quantile q in [0, 1] of unsorted values, interpolated as the bench package does. */
export function quantile(xs: readonly number[], q: number): number {
  return sortedQuantile([...xs].sort((a, b) => a - b), q);
}

/** Median. */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Median absolute deviation, scaled to estimate the standard deviation of normal data. */
export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return 1.4826 * median(xs.map((x) => Math.abs(x - m)));
}

/** Geometric mean of positive values (the suite-level summary of ratios). */
export function geometricMean(xs: readonly number[]): number {
  return Math.exp(mean(xs.map(Math.log)));
}

/** Relative spread: (p90 - p10) / median. */
export function relativeSpread(xs: readonly number[]): number {
  return (quantile(xs, 0.9) - quantile(xs, 0.1)) / median(xs);
}
