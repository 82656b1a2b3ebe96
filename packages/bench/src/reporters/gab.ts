import type { BenchResults } from '../results.js';

/** github-action-benchmark's `customSmallerIsBetter` (--gab): `[{ name, unit, value, range, extra }]`, median in ms; failed benchmarks left out. */
export function gabReport(results: BenchResults): string {
  const entries = results.benchmarks
    .filter((r) => r.status === 'ok' && r.wall)
    .map((r) => {
      const w = r.wall!;
      return {
        name: r.id,
        unit: 'ms',
        value: Number(w.median.toPrecision(6)),
        range: `± ${Number(((w.p75 - w.p25) / 2).toPrecision(4))}`,
        extra: `${w.n} samples in ${r.processes.length} process(es); cpu ${r.cpuMs?.toPrecision(4)} ms/iter`,
      };
    });
  return `${JSON.stringify(entries, null, 2)}\n`;
}
