import type { BenchResults } from '../results.js';

/** Bencher Metric Format (--bmf): `{ id: { latency: { value, lower_value, upper_value } } }` in nanoseconds; failed benchmarks left out. */
export function bmfReport(results: BenchResults): string {
  const doc: Record<string, { latency: { value: number; lower_value: number; upper_value: number } }> = {};
  for (const r of results.benchmarks) {
    if (r.status !== 'ok' || !r.wall) continue;
    doc[r.id] = { latency: { value: r.wall.median * 1e6, lower_value: r.wall.p25 * 1e6, upper_value: r.wall.p75 * 1e6 } };
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}
