import type { BenchResults } from '@frozen-duckdb/bench';
import { suiteMeanThreshold, thresholdFor, type ThresholdPolicy } from '../gate/threshold.js';
import { median } from '@frozen-duckdb/bench';
import { machineOf } from './from-results.js';
import { sameMachine, type Baseline } from './schema.js';

export type ScreenStatus = 'ok' | 'faster' | 'suspect' | 'new' | 'missing' | 'failed';

export interface ScreenedBenchmark {
  id: string;
  status: ScreenStatus;
  /** Current median over the baseline median, after normalization when machines differ. */
  ratio: number | undefined;
  baselineMs: number | undefined;
  currentMs: number | undefined;
  threshold: number;
}

export interface Screening {
  benchmarks: ScreenedBenchmark[];
  sameMachine: boolean;
  /** The whole run's shift against the baseline (median ratio over benchmarks), divided out of every ratio. */
  normalization: number;
  /**
   * When the whole run is slower than the baseline by more than half a threshold, a few typical
   * benchmarks to confirm side by side: one run cannot tell a slower machine from a change that
   * slowed everything, a side-by-side comparison can.
   */
  sentinels: string[];
}

/** How many typical benchmarks stand for a whole-run shift. */
const SENTINELS = 5;

/**
 * First look at a run against the baseline. Absolute times are never a verdict: anything past
 * its threshold is only a `suspect`, to be confirmed side by side. Each ratio is divided by the
 * median ratio over all benchmarks first: on this kind of machine a whole run drifts by 20% and
 * more between runs (and another machine differs by its speed), which would make most benchmarks
 * suspect. A whole-run shift is instead checked through a few sentinels (see `Screening`).
 */
export function screen(results: BenchResults, baseline: Baseline, policy: Pick<ThresholdPolicy, 'flag'> = {}): Screening {
  const thresholds = { flag: policy.flag, recorded: baseline.benchmarks };
  const same = sameMachine(machineOf(results), baseline.machine);
  const current = new Map(results.benchmarks.map((b) => [b.id, b]));
  const raw = new Map<string, number>();
  for (const b of results.benchmarks) {
    const entry = baseline.benchmarks[b.id];
    if (entry && b.status === 'ok' && b.wall && entry.median > 0) raw.set(b.id, b.wall.median / entry.median);
  }
  const normalization = raw.size === 0 ? 1 : median([...raw.values()]);
  const out: ScreenedBenchmark[] = [];
  for (const b of results.benchmarks) {
    const entry = baseline.benchmarks[b.id];
    const threshold = thresholdFor(b.id, b.threshold, thresholds).value;
    const currentMs = b.wall?.median;
    if (b.status !== 'ok') {
      out.push({ id: b.id, status: 'failed', ratio: undefined, baselineMs: entry?.median, currentMs, threshold });
      continue;
    }
    if (!entry) {
      out.push({ id: b.id, status: 'new', ratio: undefined, baselineMs: undefined, currentMs, threshold });
      continue;
    }
    const ratio = (raw.get(b.id) ?? NaN) / normalization;
    const status: ScreenStatus = ratio > 1 + threshold ? 'suspect' : ratio < 1 - threshold ? 'faster' : 'ok';
    out.push({ id: b.id, status, ratio, baselineMs: entry.median, currentMs, threshold });
  }
  for (const [id, entry] of Object.entries(baseline.benchmarks)) {
    if (!current.has(id)) out.push({ id, status: 'missing', ratio: undefined, baselineMs: entry.median, currentMs: undefined, threshold: thresholdFor(id, undefined, thresholds).value });
  }
  let sentinels: string[] = [];
  if (normalization > 1 + suiteMeanThreshold(out.map((b) => b.threshold), thresholds) / 2) {
    sentinels = out
      .filter((b) => b.status === 'ok' && b.ratio !== undefined)
      .sort((a, b) => Math.abs(Math.log(a.ratio as number)) - Math.abs(Math.log(b.ratio as number)))
      .slice(0, SENTINELS)
      .map((b) => b.id);
  }
  return { benchmarks: out, sameMachine: same, normalization, sentinels };
}
