import type { BenchResults } from '@frozen-duckdb/bench';
import { median } from '../stats/summary.js';
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
  /** Machine speed factor divided out when the baseline came from another machine (1 otherwise). */
  normalization: number;
}

/**
 * First look at a run against the baseline. Absolute times are never a verdict: anything past
 * its threshold is only a `suspect`, to be confirmed side by side. When the baseline came from
 * another machine, each ratio is divided by the median ratio over all benchmarks first, so a
 * uniformly faster or slower runner does not make everything suspect.
 */
export function screen(results: BenchResults, baseline: Baseline, defaultThreshold: number): Screening {
  const same = sameMachine(machineOf(results), baseline.machine);
  const current = new Map(results.benchmarks.map((b) => [b.id, b]));
  const raw = new Map<string, number>();
  for (const b of results.benchmarks) {
    const entry = baseline.benchmarks[b.id];
    if (entry && b.status === 'ok' && b.wall && entry.median > 0) raw.set(b.id, b.wall.median / entry.median);
  }
  const normalization = same || raw.size === 0 ? 1 : median([...raw.values()]);
  const out: ScreenedBenchmark[] = [];
  for (const b of results.benchmarks) {
    const entry = baseline.benchmarks[b.id];
    const threshold = b.threshold ?? entry?.threshold ?? defaultThreshold;
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
    if (!current.has(id)) out.push({ id, status: 'missing', ratio: undefined, baselineMs: entry.median, currentMs: undefined, threshold: entry.threshold });
  }
  return { benchmarks: out, sameMachine: same, normalization };
}
