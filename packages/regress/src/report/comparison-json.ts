import type { CompareResult } from '../ab/compare.js';
import { gateOutcome } from '../ab/outcome.js';

export const COMPARISON_SCHEMA = 'frozen-duckdb/comparison';

/** A comparison as versioned JSON, rounds included, for tools and later analysis. */
export function comparisonJson(result: CompareResult): string {
  const { outcome, summary } = gateOutcome(result);
  return `${JSON.stringify({ schema: COMPARISON_SCHEMA, version: 1, outcome, summary, ...result }, null, 2)}\n`;
}
