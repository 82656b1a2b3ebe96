import type { BenchResults } from '@frozen-duckdb/bench';
import { screen } from '../src/baseline/screen.js';
import { screenCounts } from '../src/baseline/screen-counts.js';
import type { Baseline } from '../src/baseline/schema.js';
import { isTimingNeutral } from '../src/gate/timing-neutral.js';

const machine = { cpuModel: 'cpu', cores: 2, memoryBytes: 1, os: 'linux-x64', node: 'v20', duckdb: 'v1.5.6' };
const ids = Array.from({ length: 20 }, (_, i) => `suite/b${i}`);

function baseline(): Baseline {
  const entry = (median: number) => ({ median, mean: median, p10: median, p90: median, spread: 1, samples: 10, processes: 1, threshold: 0.1 });
  return {
    schema: 'frozen-duckdb/baseline',
    version: 1,
    commit: 'a'.repeat(40),
    recordedAt: '',
    machine,
    settings: {},
    benchmarks: Object.fromEntries(ids.map((id, i) => [id, entry(10 + i)])),
  };
}

/** A run where every benchmark is `shift` times its baseline, and the named ones `extra` times more. */
function run(shift: number, extra: Record<string, number> = {}): BenchResults {
  const benchmarks = ids.map((id, i) => ({
    id,
    suite: 'suite',
    name: id.slice(6),
    file: 'x.bench.ts',
    status: 'ok',
    processes: [],
    warnings: [],
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

  it('divides out a whole suite 25% slower, and names two of its typical benchmarks to check that shift side by side', () => {
    const s = screen(run(1.25, { 'suite/b3': 1.3 }), baseline(), {});
    expect(s.normalization).toBeCloseTo(1.25, 1);
    // Without the division, every benchmark would be a suspect.
    expect(s.benchmarks.filter((b) => b.status === 'suspect').map((b) => b.id)).toEqual(['suite/b3']);
    expect(s.suites['suite']).toMatchObject({ scope: 'suite', benchmarks: 20 });
    expect(s.sentinels).toHaveLength(2);
    expect(s.sentinels).not.toContain('suite/b3');
    for (const id of s.sentinels) expect(s.benchmarks.find((b) => b.id === id)?.status).toBe('ok');
  });

  it('needs no sentinels for a whole run that is faster', () => {
    expect(screen(run(0.7), baseline(), {}).sentinels).toEqual([]);
  });
});

describe('screening against a baseline from another machine', () => {
  // Two suites as another machine sees them: one 30% faster as a whole (TPC-H here), one unchanged
  // but for a benchmark 30% slower; and a suite of two, too small for its own shift.
  const suites: Record<string, { n: number; shift: number }> = { fast: { n: 10, shift: 0.7 }, steady: { n: 8, shift: 1 }, small: { n: 2, shift: 1.02 } };
  const ids = Object.entries(suites).flatMap(([suite, { n }]) => Array.from({ length: n }, (_, i) => `${suite}/b${i}`));
  const entry = { median: 10, mean: 10, p10: 10, p90: 10, spread: 1, samples: 10, processes: 1, threshold: 0.1 };
  const baseline: Baseline = {
    schema: 'frozen-duckdb/baseline',
    version: 1,
    commit: 'a'.repeat(40),
    recordedAt: '',
    machine,
    settings: {},
    benchmarks: Object.fromEntries(ids.map((id) => [id, entry])),
  };
  const results = {
    fingerprint: { cpuModel: 'cpu', cores: 2, memoryBytes: 1, os: { platform: 'linux', arch: 'x64' }, node: 'v20', duckdb: 'v1.5.6' },
    benchmarks: ids.map((id, i) => {
      const suite = id.split('/')[0] as string;
      const slower = id === 'steady/b3' ? 1.3 : 1;
      return {
        id,
        suite,
        name: id,
        file: 'x',
        status: 'ok',
        processes: [],
        warnings: [],
        wall: { median: 10 * (suites[suite]?.shift ?? 1) * slower * (1 + ((i % 3) - 1) * 0.01) },
      };
    }),
  } as unknown as BenchResults;

  it('divides each suite by its own shift: the faster suite yields no false suspect, the slowed benchmark stands out of its own', () => {
    const s = screen(results, baseline, {});
    expect(s.suites['fast']).toMatchObject({ scope: 'suite', benchmarks: 10 });
    expect(s.suites['fast']?.shift).toBeCloseTo(0.7, 2);
    expect(s.suites['steady']?.shift).toBeCloseTo(1, 1);
    expect(s.benchmarks.filter((b) => b.status === 'suspect').map((b) => b.id)).toEqual(['steady/b3']);
    expect(s.benchmarks.filter((b) => b.status === 'faster')).toEqual([]);
    expect(s.sentinels).toEqual([]);
  });

  it("judges a suite of fewer than four benchmarks against the run's shift", () => {
    const s = screen(results, baseline, {});
    expect(s.suites['small']).toEqual({ scope: 'run', shift: s.normalization, benchmarks: 2 });
  });

  it('names sentinels of a suite that is slower as a whole, and only of that suite', () => {
    const slowed = {
      ...results,
      benchmarks: results.benchmarks.map((b) => (b.suite === 'steady' ? { ...b, wall: { ...b.wall!, median: b.wall!.median * 1.2 } } : b)),
    } as BenchResults;
    const s = screen(slowed, baseline, {});
    expect(s.sentinels).toHaveLength(2);
    for (const id of s.sentinels) expect(id.startsWith('steady/')).toBe(true);
  });
});

describe('files that cannot change a timing', () => {
  it('are the baseline, prose and CI configuration; code, suites and lockfiles are not', () => {
    for (const path of [
      '.performance_baseline',
      'benchmarks/.performance_baseline',
      'README.md',
      'docs/gate.md',
      'docs/img/x.png',
      '.github/workflows/bench.yml',
      'LICENSE',
    ]) {
      expect([path, isTimingNeutral(path)]).toEqual([path, true]);
    }
    for (const path of ['packages/core/src/connection.ts', 'benchmarks/src/tpch.bench.ts', 'package-lock.json', 'nx.json', 'src/docs/x.ts']) {
      expect([path, isTimingNeutral(path)]).toEqual([path, false]);
    }
  });
});

describe('screening instruction counts against the baseline', () => {
  const counted = (perIteration: number) => ({ perIteration, iterations: 2, calls: [perIteration, perIteration] });
  const recorded = (counts: Record<string, number>): Baseline => {
    const b = baseline();
    for (const [id, n] of Object.entries(counts)) b.benchmarks[id] = { ...(b.benchmarks[id] as Baseline['benchmarks'][string]), instructions: n };
    return b;
  };
  const withCounts = (counts: Record<string, unknown>): BenchResults => {
    const r = run(1.0);
    for (const b of r.benchmarks) if (b.id in counts) (b as { instructions?: unknown }).instructions = counts[b.id];
    return r;
  };

  it('makes a count past the limit a suspect, names fewer, and leaves out nothing it ran', () => {
    const s = screenCounts(
      withCounts({ 'suite/b0': counted(1_019_000), 'suite/b1': counted(1_021_000), 'suite/b2': counted(900_000), 'suite/b3': { uncounted: 'JS rows' } }),
      recorded({ 'suite/b0': 1_000_000, 'suite/b1': 1_000_000, 'suite/b2': 1_000_000, 'suite/b3': 5 }),
      0.02,
    );
    const by = Object.fromEntries(s.benchmarks.map((b) => [b.id, b]));
    expect(by['suite/b0']).toMatchObject({ status: 'ok', baseline: 1_000_000, current: 1_019_000 });
    expect(by['suite/b1']).toMatchObject({ status: 'suspect' });
    expect(by['suite/b1']?.ratio).toBeCloseTo(1.021, 6);
    expect(by['suite/b2']?.status).toBe('fewer');
    expect(by['suite/b3']).toMatchObject({ status: 'uncounted', reason: 'JS rows', baseline: 5 });
    // Benchmarks this run did not count (no --measure for them) are listed as such, never dropped.
    expect(by['suite/b4']).toMatchObject({ status: 'uncounted', reason: 'not counted' });
    expect(s.benchmarks).toHaveLength(ids.length);
    expect(s.recorded).toBe(4);
  });

  it("judges a benchmark with its own instructionThreshold against that, the others against the run's", () => {
    const results = withCounts({ 'suite/b0': counted(1_040_000), 'suite/b1': counted(1_040_000), 'suite/b2': counted(1_060_000) });
    for (const b of results.benchmarks) if (b.id !== 'suite/b1') (b as { instructionThreshold?: number }).instructionThreshold = 0.05;
    const s = screenCounts(results, recorded({ 'suite/b0': 1_000_000, 'suite/b1': 1_000_000, 'suite/b2': 1_000_000 }), 0.02);
    const status = (id: string) => s.benchmarks.find((b) => b.id === id)?.status;
    expect([status('suite/b0'), status('suite/b1'), status('suite/b2')]).toEqual(['ok', 'suspect', 'suspect']);
  });

  it('says when the baseline has no count for a benchmark, and how many it has', () => {
    const s = screenCounts(withCounts({ 'suite/b0': counted(10) }), baseline(), 0.02);
    expect(s.benchmarks.find((b) => b.id === 'suite/b0')).toMatchObject({ status: 'unrecorded', current: 10 });
    expect(s.recorded).toBe(0);
  });
});
