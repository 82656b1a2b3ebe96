import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../tools/testing/run-cli.js';
import { commitAll, git, scratchProject } from '../../../tools/testing/scratch-project.js';

const cli = (cwd: string, ...args: string[]) => runCli(args, { cwd, env: { GITHUB_STEP_SUMMARY: '' } });

// Spinning for a set wall time: a known truth even on a busy machine.
const suite = (changedMs: number) => `
const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };
export default { name: 'demo', benchmarks: { steady: () => spin(1), changed: () => spin(${changedMs}) } };
`;

let repo: string;
beforeAll(() => {
  repo = scratchProject('cli-bench-gate-', { nx: true, ignore: ['.performance_baseline.lock'], files: { 'bench/demo.bench.ts': suite(2) } });
  commitAll(repo, 'first');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('bench against a recorded baseline', () => {
  it('records a baseline naming the commit, then passes the same code', async () => {
    const record = await cli(repo, 'baseline', 'record', 'bench');
    expect(record.stderr).not.toContain('error');
    expect(record.code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(repo, '.performance_baseline'), 'utf8'));
    expect(baseline.commit).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(Object.keys(baseline.benchmarks).sort()).toEqual(['demo/changed', 'demo/steady']);
    git(repo, 'add', '.performance_baseline');
    git(repo, 'commit', '-q', '-m', 'baseline');

    const run = await cli(repo, 'bench', 'bench');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no regression against the baseline');
  });

  it('confirms a slowdown side by side against the baseline commit and exits 1', async () => {
    writeFileSync(join(repo, 'bench', 'demo.bench.ts'), suite(4));
    try {
      const run = await cli(repo, 'bench', 'bench', '--budget', '120');
      expect(run.stdout).toMatch(/regressed\s+demo\/changed: \+\d+\.\d% \[.*\] side by side/);
      expect(run.stdout).not.toMatch(/regressed\s+demo\/steady/);
      // The confirmed regression is diagnosed: it runs no statement, and the suite's own code (the spin, or the
      // benchmark V8 inlined it into) is among the functions whose own time grew.
      expect(run.stdout).toContain('why demo/changed is slower (each side profiled once more):');
      expect(run.stdout).toContain('DuckDB 0.00 ms in 0 statements');
      expect(run.stdout).toMatch(/js [123]\. (spin|changed) \S+ \S+ -> \S+ \S+ per call \(demo\.bench\.ts:\d+\)/);
      expect(run.stdout).not.toContain('why demo/steady');
      expect(run.code).toBe(1);
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    } finally {
      git(repo, 'checkout', '--', 'bench/demo.bench.ts');
    }
  });

  it('stops at once on a damaged baseline, exit 2, and leaves it byte for byte', async () => {
    const path = join(repo, '.performance_baseline');
    const damaged = readFileSync(path, 'utf8').slice(0, 100);
    writeFileSync(path, damaged);
    try {
      const run = await cli(repo, 'bench', 'bench');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('.performance_baseline');
      expect(run.stderr).toMatch(/git checkout -- \.performance_baseline|bench-record/);
      expect(run.stdout).not.toContain('changed');
      expect(readFileSync(path, 'utf8')).toBe(damaged);
    } finally {
      git(repo, 'checkout', '--', '.performance_baseline');
    }
  });
});
