import type { BenchResults } from '@frozen-duckdb/bench';
import { suiteMeanThreshold, thresholdFor, type ThresholdPolicy } from '../gate/threshold.js';
import { median } from '@frozen-duckdb/bench';
import { machineOf } from './from-results.js';
import { sameMachine, type Baseline } from './schema.js';

export type ScreenStatus = 'ok' | 'faster' | 'suspect' | 'new' | 'missing' | 'failed';

export interface ScreenedBenchmark {
  id: string;
  suite: string;
  status: ScreenStatus;
  /** Current median over the baseline median, divided by its suite's shift (see `SuiteShift`). */
  ratio: number | undefined;
  baselineMs: number | undefined;
  currentMs: number | undefined;
  threshold: number;
}

/** How much a suite as a whole moved against the baseline in this run, divided out of each of its ratios. */
export interface SuiteShift {
  /** Median raw ratio (current / baseline) of the suite's benchmarks, or of the whole run (`scope: 'run'`). */
  shift: number;
  /** `suite`: the suite has enough benchmarks for its own median; `run`: too few, the run's median stands in. */
  scope: 'suite' | 'run';
  /** Benchmarks of the suite with a ratio. */
  benchmarks: number;
}

export interface Screening {
  benchmarks: ScreenedBenchmark[];
  sameMachine: boolean;
  /**
   * The whole run's shift against the baseline: the median of the suites' median raw ratios, one
   * vote per suite, so a large suite that another machine runs faster does not set it alone.
   */
  normalization: number;
  /** Each suite's shift, by suite name: what was divided out of its benchmarks' ratios. */
  suites: Record<string, SuiteShift>;
  /**
   * Typical benchmarks to confirm side by side, for each shift (a suite's or the run's) slower
   * than half a threshold: one run cannot tell a slower machine from a change that slowed
   * everything, a side-by-side comparison can.
   */
  sentinels: string[];
}

/** A suite needs this many benchmarks for its own shift; with fewer, one regression would move its median. */
const OWN_SHIFT_AT = 4;
/** Sentinels per slower suite, and for the benchmarks measured against the run's shift. */
const SENTINELS_PER_SUITE = 2;
const SENTINELS_FOR_RUN = 5;

/**
 * First look at a run against the baseline. Absolute times are never a verdict: anything past
 * its threshold is only a `suspect`, to be confirmed side by side. Each ratio is divided by its
 * suite's median ratio first (the run's, for a suite of fewer than four benchmarks): a whole run
 * drifts by 20% and more between runs here, and another machine differs by workload (TPC-H
 * 15-38% faster, others not), which would make many benchmarks suspect. A suite-wide shift is
 * instead checked through a few sentinels of that suite (see `Screening`).
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
  const { suites, normalization } = suiteShifts(results, raw);
  const out: ScreenedBenchmark[] = [];
  for (const b of results.benchmarks) {
    const entry = baseline.benchmarks[b.id];
    const threshold = thresholdFor(b.id, b.threshold, thresholds).value;
    const row = { id: b.id, suite: b.suite, baselineMs: entry?.median, currentMs: b.wall?.median, threshold };
    if (b.status !== 'ok') {
      out.push({ ...row, status: 'failed', ratio: undefined });
      continue;
    }
    if (!entry) {
      out.push({ ...row, status: 'new', ratio: undefined });
      continue;
    }
    const ratio = (raw.get(b.id) ?? NaN) / (suites[b.suite]?.shift ?? normalization);
    const status: ScreenStatus = ratio > 1 + threshold ? 'suspect' : ratio < 1 - threshold ? 'faster' : 'ok';
    out.push({ ...row, status, ratio });
  }
  for (const [id, entry] of Object.entries(baseline.benchmarks)) {
    if (current.has(id)) continue;
    const suite = id.split('/')[0] ?? id;
    out.push({
      id,
      suite,
      status: 'missing',
      ratio: undefined,
      baselineMs: entry.median,
      currentMs: undefined,
      threshold: thresholdFor(id, undefined, thresholds).value,
    });
  }
  return { benchmarks: out, sameMachine: same, normalization, suites, sentinels: sentinelsFor(out, suites, raw, thresholds) };
}

function suiteShifts(results: BenchResults, raw: Map<string, number>): { suites: Record<string, SuiteShift>; normalization: number } {
  const bySuite = new Map<string, number[]>();
  for (const b of results.benchmarks) {
    const ratio = raw.get(b.id);
    if (ratio !== undefined) bySuite.set(b.suite, [...(bySuite.get(b.suite) ?? []), ratio]);
  }
  const runShift = bySuite.size === 0 ? 1 : median([...bySuite.values()].map((ratios) => median(ratios)));
  const shifts: Record<string, SuiteShift> = {};
  for (const [suite, ratios] of bySuite) {
    shifts[suite] =
      ratios.length >= OWN_SHIFT_AT
        ? { shift: median(ratios), scope: 'suite', benchmarks: ratios.length }
        : { shift: runShift, scope: 'run', benchmarks: ratios.length };
  }
  return { suites: shifts, normalization: runShift };
}

/**
 * For every shift slower than half its threshold, the benchmarks closest to it (typical of it,
 * not outliers) that screened ok: confirming them side by side tells a slower machine (they
 * pass) from a change that slowed the whole suite (they fail).
 */
function sentinelsFor(out: ScreenedBenchmark[], suites: Record<string, SuiteShift>, raw: Map<string, number>, thresholds: ThresholdPolicy): string[] {
  const groups = new Map<string, { shift: number; candidates: ScreenedBenchmark[] }>();
  for (const b of out) {
    const s = suites[b.suite];
    if (!s || b.status !== 'ok' || !raw.has(b.id)) continue;
    const key = s.scope === 'suite' ? `suite:${b.suite}` : 'run';
    const group = groups.get(key) ?? { shift: s.shift, candidates: [] };
    group.candidates.push(b);
    groups.set(key, group);
  }
  const sentinels: string[] = [];
  for (const [key, group] of groups) {
    if (
      group.shift <=
      1 +
        suiteMeanThreshold(
          group.candidates.map((b) => b.threshold),
          thresholds,
        ) /
          2
    )
      continue;
    const typical = (b: ScreenedBenchmark) => Math.abs(Math.log(b.ratio as number));
    sentinels.push(
      ...group.candidates
        .sort((a, b) => typical(a) - typical(b))
        .slice(0, key === 'run' ? SENTINELS_FOR_RUN : SENTINELS_PER_SUITE)
        .map((b) => b.id),
    );
  }
  return sentinels;
}
