import type { CompareResult } from '../ab/compare.js';
import { gateOutcome } from '../ab/outcome.js';

export const COMPARISON_SCHEMA = 'frozen-duckdb/comparison';
/** 2: verdicts are values (decision, basis, threshold, precision) instead of sentences. */
export const COMPARISON_VERSION = 2;

/** A comparison as versioned JSON, rounds included, for tools and later analysis. */
export function comparisonJson(result: CompareResult): string {
  const { outcome, summary } = gateOutcome(result);
  return `${JSON.stringify({ schema: COMPARISON_SCHEMA, version: COMPARISON_VERSION, outcome, summary, ...result }, null, 2)}\n`;
}

/**
 * A version 1 comparison's benchmarks in version 2's shape: version 1 wrote each verdict as a
 * sentence (`reason`), which becomes the benchmark's message, with no verdict value.
 */
export function benchmarksFromVersion1<T extends { reason?: unknown; why?: unknown }>(
  benchmarks: readonly T[],
): (Omit<T, 'reason' | 'why'> & { verdict: undefined; message: string | undefined })[] {
  return benchmarks.map(({ reason, why: _why, ...rest }) => ({ ...rest, verdict: undefined, message: typeof reason === 'string' ? reason : undefined }));
}
