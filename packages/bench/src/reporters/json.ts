import type { BenchResults } from '../results.js';

/** The results document itself, as written by --json. */
export function jsonReport(results: BenchResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
