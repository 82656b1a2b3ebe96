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

/** The q-quantile (0..1) of sorted values, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** The median of unsorted values. */
export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/** Sarle's bimodality coefficient from sample skewness and excess kurtosis; undefined below 4 samples. */
export function bimodalityCoefficient(values: readonly number[]): number | undefined {
  const n = values.length;
  if (n < 4) return undefined;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n; m3 /= n; m4 /= n;
  if (m2 === 0) return undefined;
  const g = (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
  const k = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * (m4 / (m2 * m2) - 3) + 6);
  return (g * g + 1) / (k + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** The sorted samples within Tukey's fences (1.5 IQR beyond the quartiles). */
export function withinFences(sorted: readonly number[]): number[] {
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const reach = 1.5 * (q3 - q1);
  return sorted.filter((v) => v >= q1 - reach && v <= q3 + reach);
}

/** Summary statistics of samples; all NaN for none. */
export function summarize(samples: readonly number[]): SampleStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n ? sorted.reduce((s, v) => s + v, 0) / n : NaN;
  const variance = n > 1 ? sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  const med = quantile(sorted, 0.5);
  return {
    n,
    mean,
    median: med,
    min: n ? (sorted[0] as number) : NaN,
    max: n ? (sorted[n - 1] as number) : NaN,
    sd,
    cv: mean ? sd / mean : 0,
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    p99: quantile(sorted, 0.99),
    mad: median(sorted.map((v) => Math.abs(v - med))),
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
