import { isCounted, type BenchResults } from '@frozen-duckdb/bench';
import { countDecision, instructionThresholdFor } from '../measures/instruction-verdict.js';
import type { Baseline } from './schema.js';

export type CountScreenStatus = 'ok' | 'suspect' | 'fewer' | 'unrecorded' | 'uncounted';

/** One benchmark's instruction count in this run against the baseline's. */
export interface ScreenedCount {
  id: string;
  status: CountScreenStatus;
  /** Instructions per call, recorded in the baseline and counted in this run. */
  baseline?: number;
  current?: number;
  /** current / baseline. */
  ratio?: number;
  /** Why this run has no count (declared uncounted, or what failed). */
  reason?: string;
}

export interface CountScreening {
  /** The run's limit; a benchmark may set its own (`instructionThreshold`). */
  threshold: number;
  /** Benchmarks with a count in the baseline: with none, nothing is gated on instructions. */
  recorded: number;
  benchmarks: ScreenedCount[];
}

/**
 * First look at this run's instruction counts against the baseline's. A count barely moves between
 * processes, but it does between machines (glibc picks its string functions by CPU) and DuckDB builds:
 * past the threshold is a suspect, confirmed by counting both commits side by side, as wall time is.
 */
export function screenCounts(results: BenchResults, baseline: Baseline, threshold: number): CountScreening {
  const benchmarks: ScreenedCount[] = [];
  for (const b of results.benchmarks) {
    if (b.status !== 'ok') continue;
    const recorded = baseline.benchmarks[b.id]?.instructions;
    const known = recorded === undefined ? {} : { baseline: recorded };
    if (!isCounted(b.instructions)) {
      const reason = b.instructions === undefined ? 'not counted' : 'uncounted' in b.instructions ? b.instructions.uncounted : b.instructions.error;
      benchmarks.push({ id: b.id, status: 'uncounted', ...known, reason });
      continue;
    }
    const current = b.instructions.perIteration;
    if (recorded === undefined) {
      benchmarks.push({ id: b.id, status: 'unrecorded', current });
      continue;
    }
    const ratio = current / recorded;
    const decision = countDecision(ratio, instructionThresholdFor(b, threshold));
    benchmarks.push({ id: b.id, status: decision === 'regressed' ? 'suspect' : decision, baseline: recorded, current, ratio });
  }
  const recorded = Object.values(baseline.benchmarks).filter((e) => e.instructions !== undefined).length;
  return { threshold, recorded, benchmarks };
}
