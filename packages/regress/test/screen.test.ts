import type { BenchResults } from '@frozen-duckdb/bench';
import { screen } from '../src/baseline/screen.js';
import type { Baseline } from '../src/baseline/schema.js';

const machine = { cpuModel: 'cpu', cores: 2, memoryBytes: 1, os: 'linux-x64', node: 'v20', duckdb: 'v1.5.6' };
const ids = Array.from({ length: 20 }, (_, i) => `suite/b${i}`);

function baseline(): Baseline {
  const entry = (median: number) => ({ median, mean: median, p10: median, p90: median, spread: 1, samples: 10, processes: 1, threshold: 0.1 });
  return {
    schema: 'frozen-duckdb/baseline', version: 1, commit: 'a'.repeat(40), recordedAt: '', machine, settings: {},
    benchmarks: Object.fromEntries(ids.map((id, i) => [id, entry(10 + i)])),
  };
}

/** A run where every benchmark is `shift` times its baseline, and the named ones `extra` times more. */
function run(shift: number, extra: Record<string, number> = {}): BenchResults {
  const benchmarks = ids.map((id, i) => ({
    id, suite: 'suite', name: id.slice(6), file: 'x.bench.ts', status: 'ok', processes: [], warnings: [],
    // A little spread, as real runs have, so the median ratio is not every ratio.
    wall: { median: (10 + i) * shift * (extra[id] ?? 1) * (1 + ((i % 5) - 2) * 0.01) },
  }));
  return {
    fingerprint: { cpuModel: 'cpu', cores: 2, memoryBytes: 1, os: { platform: 'linux', arch: 'x64' }, node: 'v20', duckdb: 'v1.5.6' },
    benchmarks,
  } as unknown as BenchResults;
}

describe('screening against the baseline', () => {
  it('flags a benchmark that stands out of its run, and no sentinels when the run as a whole is steady', () => {
    const s = screen(run(1.0, { 'suite/b3': 1.3 }), baseline(), {});
    expect(s.benchmarks.filter((b) => b.status === 'suspect').map((b) => b.id)).toEqual(['suite/b3']);
    expect(s.sentinels).toEqual([]);
  });

  it('divides out a whole run 25% slower, and names five typical benchmarks to check that shift side by side', () => {
    const s = screen(run(1.25, { 'suite/b3': 1.3 }), baseline(), {});
    expect(s.normalization).toBeCloseTo(1.25, 1);
    // Without the division, every benchmark would be a suspect.
    expect(s.benchmarks.filter((b) => b.status === 'suspect').map((b) => b.id)).toEqual(['suite/b3']);
    expect(s.sentinels).toHaveLength(5);
    expect(s.sentinels).not.toContain('suite/b3');
    for (const id of s.sentinels) expect(s.benchmarks.find((b) => b.id === id)?.status).toBe('ok');
  });

  it('needs no sentinels for a whole run that is faster', () => {
    expect(screen(run(0.7), baseline(), {}).sentinels).toEqual([]);
  });
});
