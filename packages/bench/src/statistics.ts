/** Descriptive statistics over samples: pure functions, no I/O. */

export interface SampleStats {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  sd: number;
  /** Standard deviation over mean. */
  cv: number;
  p25: number;
  p75: number;
  p99: number;
  /** Median absolute deviation (unscaled). */
  mad: number;
  /** Sarle's bimodality coefficient of the samples inside Tukey's fences (outliers would read as a second mode); above 0.555 suggests two modes. */
  bimodality: number | undefined;
}

/** Arithmetic mean of any values; NaN for none. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample variance (n - 1 denominator) of any values; 0 for fewer than two. */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return ss / (values.length - 1);
}

/** The q-quantile (0..1) of values already sorted ascending, linearly interpolated; NaN for none. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** The q-quantile (0..1) of values in any order (sorts a copy), interpolated as `quantileSorted`. */
export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
}

/** The median of values in any order (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median of values in any order, unscaled. */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** Median absolute deviation scaled by 1.4826: estimates the standard deviation of normal data. */
export function madNormal(values: readonly number[]): number {
  return 1.4826 * mad(values);
}

/** Geometric mean of positive values (the suite-level summary of ratios). */
export function geometricMean(values: readonly number[]): number {
  return Math.exp(mean(values.map(Math.log)));
}

/** Sarle's bimodality coefficient from sample skewness and excess kurtosis; undefined below 4 samples. */
export function bimodalityCoefficient(values: readonly number[]): number | undefined {
  const n = values.length;
  if (n < 4) return undefined;
  const m = mean(values);
  let m2 = 0,
    m3 = 0,
    m4 = 0;
  for (const v of values) {
    const d = v - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) return undefined;
  const g = (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
  const k = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * (m4 / (m2 * m2) - 3) + 6);
  return (g * g + 1) / (k + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** The sorted samples within Tukey's fences (1.5 IQR beyond the quartiles). */
export function withinFences(sorted: readonly number[]): number[] {
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const reach = 1.5 * (q3 - q1);
  return sorted.filter((v) => v >= q1 - reach && v <= q3 + reach);
}

/** Summary statistics of samples; all NaN for none. */
export function summarize(samples: readonly number[]): SampleStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const average = mean(sorted);
  const sd = Math.sqrt(variance(sorted));
  return {
    n,
    mean: average,
    median: quantileSorted(sorted, 0.5),
    min: n ? (sorted[0] as number) : NaN,
    max: n ? (sorted[n - 1] as number) : NaN,
    sd,
    cv: average ? sd / average : 0,
    p25: quantileSorted(sorted, 0.25),
    p75: quantileSorted(sorted, 0.75),
    p99: quantileSorted(sorted, 0.99),
    mad: mad(sorted),
    bimodality: bimodalityCoefficient(withinFences(sorted)),
  };
}

/**
 * Smallest and largest value (NaN ignored; Infinity and -Infinity for none), in a loop:
 * spreading them into Math.min passes every value as an argument and overflows the stack past about 100,000.
 */
export function extent(values: Iterable<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Largest over smallest of positive values (1 when equal); undefined for fewer than two. */
export function spreadRatio(values: readonly number[]): number | undefined {
  const positive = values.filter((v) => v > 0);
  if (positive.length < 2) return undefined;
  const { min, max } = extent(positive);
  return max / min;
}
