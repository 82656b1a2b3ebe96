/**
 * The one place that decides which threshold a benchmark is judged against. Screening,
 * confirmation, `compare`, `baseline record` and every reporter take it from here.
 */

/** Fail past a 10% slowdown unless something more specific says otherwise. */
export const DEFAULT_THRESHOLD = 0.1;

/** Where a benchmark's threshold came from, most specific first. */
export type ThresholdSource = 'suite' | 'flag' | 'baseline' | 'default';

export interface ThresholdChoice {
  /** As a fraction: 0.10 is 10%. */
  value: number;
  source: ThresholdSource;
}

/** What a run knows besides the suite: the `--threshold` flag (or Nx option) and a recorded baseline. */
export interface ThresholdPolicy {
  /** Given explicitly for this run; undefined when the user gave none. */
  flag?: number | undefined;
  /** Thresholds a baseline recorded, by benchmark id. */
  recorded?: Readonly<Record<string, { threshold: number }>> | undefined;
}

/**
 * A benchmark's threshold, in this order: the suite's own (`thresholds` in defineSuite), the one
 * given for this run, the one the baseline recorded, the default. Screening and side-by-side
 * confirmation both call this, so a run judges each benchmark against one number throughout.
 */
export function thresholdFor(id: string, suiteValue: number | undefined, policy: ThresholdPolicy = {}): ThresholdChoice {
  if (suiteValue !== undefined) return { value: suiteValue, source: 'suite' };
  if (policy.flag !== undefined) return { value: policy.flag, source: 'flag' };
  const recorded = policy.recorded?.[id]?.threshold;
  if (recorded !== undefined) return { value: recorded, source: 'baseline' };
  return { value: DEFAULT_THRESHOLD, source: 'default' };
}

/**
 * The threshold for a suite's geometric mean: the run's flag when given, else the threshold most
 * of its benchmarks were judged against (the smaller on a tie), else the default.
 */
export function suiteMeanThreshold(benchmarkThresholds: readonly number[], policy: ThresholdPolicy = {}): number {
  if (policy.flag !== undefined) return policy.flag;
  const counts = new Map<number, number>();
  for (const t of benchmarkThresholds) counts.set(t, (counts.get(t) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return top?.[0] ?? DEFAULT_THRESHOLD;
}
