import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResults } from '@frozen-duckdb/bench';
import { commitAll, git, scratchProject } from '../../../tools/testing/scratch-project.js';
import { compare, gateAgainstBaseline, gateOutcome, type Baseline, type CompareOptions } from '../src/index.js';

// A suite that spins the CPU for a set time per iteration: a known truth on a noisy machine.
const suite = (steadyMs: number, changedMs: number) => `
const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };
export default {
  name: 'demo',
  benchmarks: {
    steady: () => spin(${steadyMs}),
    changed: () => spin(${changedMs}),
  },
};
`;

let repo: string;
let baseCommit: string;

beforeAll(() => {
  // The project's installed tooling linked, as `npm install @frozen-duckdb/bench` would leave it.
  repo = scratchProject('regress-compare-', {
    files: {
      'bench/demo.bench.ts': suite(2, 2),
      // A suite that cannot run on this machine (as the llm suite without a server): skipped, never a failure.
      'bench/needs-server.bench.ts':
        "export default { name: 'needs-server', setup(ctx: { skip(reason: string): never }) { ctx.skip('no server on this machine'); }, benchmarks: { call: () => 1 } };\n",
    },
  });
  baseCommit = commitAll(repo, 'base');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const options = (extra: Partial<CompareOptions> = {}): CompareOptions => ({
  projectDir: join(repo, 'bench'),
  base: 'main',
  useMergeBase: false,
  profile: 'quick',
  settings: { threads: '1' },
  thresholds: { flag: 0.1 },
  roundsPerBlock: 5,
  maxBlocks: 10,
  budgetMs: 90_000,
  targetBatchMs: 20,
  timeoutMs: 30_000,
  ...extra,
});

describe('side-by-side comparison on a real repository', () => {
  it('never fails identical code, and leaves no worktree behind', async () => {
    const result = await compare(options());
    expect(result.baseCommit).toBe(baseCommit);
    expect(result.prepare.install).toBe('linked');
    // On a loaded machine a benchmark may stay undecided (exit 3), but identical code never fails.
    const skipped = result.benchmarks.find((b) => b.id === 'needs-server/call');
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.message).toContain('no server on this machine');
    for (const b of result.benchmarks.filter((x) => x !== skipped)) {
      expect(['ok', 'inconclusive']).toContain(b.status);
      expect(Math.abs((b.estimate?.ratio ?? 0) - 1)).toBeLessThan(b.threshold);
    }
    expect(gateOutcome(result).outcome).not.toBe('fail');
    // Rounds alternate which side goes first, and say so, so the estimate can balance the orders.
    for (const block of result.benchmarks.flatMap((b) => b.blocks)) {
      expect(block.filter((r) => r.baseFirst === true).length).toBeGreaterThan(0);
      expect(block.filter((r) => r.baseFirst === false).length).toBeGreaterThan(0);
    }
    expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    // Each side's shared setups went with the comparison.
    expect(readdirSync(tmpdir()).filter((d) => d.startsWith(`frozen-duckdb-setup-${process.pid}-`))).toEqual([]);
  }, 150_000);

  it('confirms a 50% slowdown in the working tree, and names new and missing benchmarks', async () => {
    writeFileSync(join(repo, 'bench', 'demo.bench.ts'), suite(2, 3).replace('steady:', 'renamed:'));
    try {
      const result = await compare(options());
      const changed = result.benchmarks.find((b) => b.name === 'changed');
      expect(changed?.status).toBe('regressed');
      expect(changed?.estimate?.ratio).toBeGreaterThan(1.3);
      expect(changed?.estimate?.ratio).toBeLessThan(1.7);
      expect(result.candidateDirty).toBe(true);
      expect(result.added.map((b) => b.id)).toEqual(['demo/renamed']);
      expect(result.removed.map((b) => b.id)).toEqual(['demo/steady']);
      expect(gateOutcome(result).outcome).toBe('fail');
    } finally {
      git(repo, 'checkout', '--', 'bench/demo.bench.ts');
    }
  }, 150_000);

  it('screens and confirms against the threshold the baseline recorded (15%), not the default', async () => {
    const entry = { median: 2, mean: 2, p10: 2, p90: 2, spread: 0.1, samples: 10, processes: 1, threshold: 0.15 };
    const others = ['demo/a', 'demo/b', 'demo/c'];
    const machine = { cpuModel: 'cpu', cores: 2, memoryBytes: 1, os: 'linux-x64', node: 'v20', duckdb: 'v1.5.6' };
    const baseline: Baseline = {
      schema: 'frozen-duckdb/baseline',
      version: 1,
      commit: baseCommit,
      recordedAt: '',
      machine,
      settings: {},
      benchmarks: { 'demo/steady': entry, 'demo/changed': entry, ...Object.fromEntries(others.map((id) => [id, entry])) },
    };
    // One run in which 'changed' screens 30% slower and the rest as recorded (a few more so the run's median is 1): a suspect at 15%, confirmed side by side.
    const ran = (id: string, median: number) => ({
      id,
      suite: 'demo',
      name: id.slice(5),
      file: 'demo.bench.ts',
      status: 'ok',
      processes: [],
      warnings: [],
      wall: { median },
    });
    const results = {
      fingerprint: { cpuModel: 'cpu', cores: 2, memoryBytes: 1, os: { platform: 'linux', arch: 'x64' }, node: 'v20', duckdb: 'v1.5.6' },
      benchmarks: [ran('demo/steady', 2), ran('demo/changed', 2.6), ...others.map((id) => ran(id, 2))],
    } as unknown as BenchResults;
    writeFileSync(join(repo, 'bench', 'demo.bench.ts'), suite(2, 2.05));
    try {
      const { base: _b, useMergeBase: _m, ...confirm } = options({ maxBlocks: 3, budgetMs: 30_000, thresholds: {} });
      const gate = await gateAgainstBaseline(results, baseline, confirm);
      const changed = gate.rows.find((r) => r.id === 'demo/changed');
      expect(changed?.screened).toBe('suspect');
      expect(gate.screening.benchmarks.find((b) => b.id === 'demo/changed')?.threshold).toBe(0.15);
      expect(changed?.confirmed?.threshold).toBe(0.15);
      expect(changed?.confirmed?.thresholdSource).toBe('baseline');
    } finally {
      git(repo, 'checkout', '--', 'bench/demo.bench.ts');
    }
  }, 150_000);

  it('refuses a base that does not exist, before starting anything', async () => {
    await expect(compare(options({ base: 'no-such-branch' }))).rejects.toThrow(/'no-such-branch' does not exist/);
    expect(existsSync(join(repo, 'bench'))).toBe(true);
  });
});
