import { median } from '@frozen-duckdb/bench';
import { formatPercent } from '@frozen-duckdb/core';
import type { BenchmarkComparison } from '../ab/paired-run.js';
import { DEFAULT_THRESHOLD } from '../gate/threshold.js';
import { pairedEstimate } from '../stats/paired.js';

/** How close a single comparison's estimate must come to the pooled one to count as accurate: 3 points. */
export const ACCURACY = 0.03;

/** One comparison of the calibration: the slowdown injected into the candidate and what the gate said. */
export interface CalibrationTrial {
  /** Injected slowdown as a fraction (0 = identical code on both sides). */
  injected: number;
  benchmarks: BenchmarkComparison[];
  elapsedMs: number;
}

export interface LevelSummary {
  injected: number;
  trials: number;
  /** Median measured ratio: the slowdown the injection really caused here. */
  realized: number | undefined;
  /**
   * The ratio from every block of every trial at this level pooled: the best available measure of
   * the slowdown the injection really caused, which the nominal size is not.
   */
  pooled: number | undefined;
  /** Share of trials whose estimate is within ACCURACY of the pooled ratio. */
  accurateRate: number | undefined;
  /** Median distance of a trial's estimate from the pooled ratio, in ratio units (0.014 = 1.4 points). */
  medianError: number | undefined;
  /** Share of trials that failed the benchmark. */
  failRate: number;
  inconclusiveRate: number;
  /** Share of trials where a single run against a stored number (another trial's base) is past the threshold. */
  naiveFailRate: number | undefined;
}

export interface BenchmarkCalibration {
  id: string;
  threshold: number;
  levels: LevelSummary[];
  /** The smallest injected slowdown failed in at least 95% of its trials. */
  smallestReliable: number | undefined;
  /** Too noisy to gate: identical code failed, or +20% went uncaught too often. */
  quarantine: string | undefined;
}

/** Turns calibration trials into per-benchmark false-alarm and detection rates. */
export function summarizeCalibration(trials: readonly CalibrationTrial[]): BenchmarkCalibration[] {
  const ids = [...new Set(trials.flatMap((t) => t.benchmarks.map((b) => b.id)))];
  return ids.map((id) => {
    const levels = [...new Set(trials.map((t) => t.injected))]
      .sort((a, b) => a - b)
      .map((injected) => {
        const runs = trials.filter((t) => t.injected === injected).flatMap((t) => t.benchmarks.filter((b) => b.id === id));
        const share = (pred: (b: BenchmarkComparison) => boolean) => (runs.length ? runs.filter(pred).length / runs.length : 0);
        const ratios = runs.flatMap((b) => (b.estimate ? [b.estimate.ratio] : []));
        const blocks = runs.flatMap((b) => b.blocks).filter((block) => block.length > 0);
        const pooled = blocks.length ? pairedEstimate(blocks).ratio : undefined;
        return {
          injected,
          trials: runs.length,
          realized: ratios.length ? median(ratios) : undefined,
          pooled,
          accurateRate: pooled !== undefined && ratios.length ? ratios.filter((r) => Math.abs(r - pooled) <= ACCURACY).length / ratios.length : undefined,
          medianError: pooled !== undefined && ratios.length ? median(ratios.map((r) => Math.abs(r - pooled))) : undefined,
          failRate: share((b) => b.status === 'regressed'),
          inconclusiveRate: share((b) => b.status === 'inconclusive' || b.status === 'error'),
          naiveFailRate: naiveRate(runs),
        };
      });
    const threshold = trials.flatMap((t) => t.benchmarks).find((b) => b.id === id)?.threshold ?? DEFAULT_THRESHOLD;
    const smallestReliable = levels.find((l) => l.injected > 0 && l.failRate >= 0.95)?.injected;
    const aa = levels.find((l) => l.injected === 0);
    const big = levels.find((l) => l.injected >= 0.2);
    let quarantine: string | undefined;
    if (aa && aa.failRate > 0) quarantine = `identical code failed in ${formatPercent(aa.failRate)} of trials`;
    else if (big && big.failRate < 0.9) quarantine = `+${formatPercent(big.injected)} was caught in only ${formatPercent(big.failRate)} of trials`;
    return { id, threshold, levels, smallestReliable, quarantine };
  });
}

/**
 * The naive gate on the same data: the candidate's first-block median of one trial against the
 * base's first-block median of the previous trial, as if that had been stored as the baseline.
 */
function naiveRate(runs: readonly BenchmarkComparison[]): number | undefined {
  const firsts = runs.flatMap((b) => {
    const block = b.blocks[0];
    return block && block.length ? [{ base: median(block.map((r) => r.base)), candidate: median(block.map((r) => r.candidate)), threshold: b.threshold }] : [];
  });
  if (firsts.length < 2) return undefined;
  let fails = 0;
  for (let i = 1; i < firsts.length; i++) {
    const now = firsts[i] as (typeof firsts)[number];
    const stored = firsts[i - 1] as (typeof firsts)[number];
    if (now.candidate / stored.base > 1 + now.threshold) fails += 1;
  }
  return fails / (firsts.length - 1);
}
