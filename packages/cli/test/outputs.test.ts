// Issue 16 through the CLI: an output that is an input (the baseline, the history) or another output is
// refused before anything runs; an unwritable $GITHUB_STEP_SUMMARY is a warning, the verdict stands;
// a flag value DuckDB would refuse in every worker is refused once, up front.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { History } from '@frozen-duckdb/history';
import { runCli } from '../../../tools/testing/run-cli.js';
import { commitAll, git, scratchProject } from '../../../tools/testing/scratch-project.js';

const STACK = /^\s+at /m;

const cli = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(args, { cwd, env: { GITHUB_STEP_SUMMARY: '', FROZEN_DUCKDB_HISTORY: '', ...env } });

let repo: string;
beforeAll(async () => {
  repo = scratchProject('cli-outputs-', {
    nx: true,
    ignore: ['.bench/', '*.lock', 'out/'],
    // Leaves a mark when set up: a refused run must not have measured anything.
    files: {
      'bench/demo.bench.ts':
        "import { writeFileSync } from 'node:fs';\nexport default { name: 'demo', setup: () => { if (process.env.MARK) writeFileSync(process.env.MARK, ''); }, benchmarks: { a: () => {} } };\n",
    },
  });
  mkdirSync(join(repo, 'out'));
  commitAll(repo, 'first');
  const record = await cli(repo, ['baseline', 'record', 'bench', '--no-history']);
  if (record.code !== 0) throw new Error(record.stderr);
  git(repo, 'add', '.performance_baseline');
  git(repo, 'commit', '-q', '-m', 'baseline');
}, 120_000);
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('an output that is an input or another output', () => {
  it('bench refuses --json naming the baseline, the history database, or the file of --markdown, before measuring', async () => {
    const baseline = readFileSync(join(repo, '.performance_baseline'));
    const history = join(repo, 'out', 'h.duckdb');
    writeFileSync(history, 'kept');
    const cases: [string[], string][] = [
      [['--json', '.performance_baseline'], `is the baseline (${join(repo, '.performance_baseline')}), which this command reads`],
      [['--json', 'bench/../.performance_baseline', '--no-baseline'], 'is the baseline'],
      [['--json', 'out/h.duckdb', '--history', 'out/h.duckdb'], 'is the history database'],
      [['--json', 'out/r.txt', '--markdown', './out/r.txt'], '--markdown'],
    ];
    const mark = join(repo, 'out', 'measured');
    for (const [args, words] of cases) {
      const run = await cli(repo, ['bench', 'bench', ...args], { MARK: mark });
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toContain(words);
      expect(run.stderr).toMatch(/^fix: give --\w+ a file of its own/m);
      expect(run.stderr).not.toMatch(STACK);
      expect(existsSync(mark)).toBe(false);
    }
    expect(readFileSync(join(repo, '.performance_baseline'))).toEqual(baseline);
    expect(readFileSync(history, 'utf8')).toBe('kept');
  });

  it('bench --threads beyond what DuckDB can start is refused up front, not in every suite', async () => {
    const run = await cli(repo, ['bench', 'bench', '--threads', '1e15', '--no-history']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--threads must be at most 1024; got "1e15"');
  });
});

describe('$GITHUB_STEP_SUMMARY that cannot be written', () => {
  // bench appends its gate to the summary through the same appendStepSummary.
  it('is a warning: compare keeps its verdict, and the run is still recorded', async () => {
    const history = join(repo, 'out', 'summary.duckdb');
    // A folder: appending to it fails (EISDIR), as an unwritable summary would.
    const env = { GITHUB_STEP_SUMMARY: join(repo, 'out') };
    const compare = await cli(
      repo,
      ['compare', '--base', 'HEAD', '--exact', 'bench', '--max-blocks', '2', '--rounds', '2', '--budget', '30', '--history', history],
      env,
    );
    expect(compare.stderr).toMatch(/^warning: the step summary was not written: cannot write .*\/out: it is a folder \(\$GITHUB_STEP_SUMMARY\)$/m);
    expect(compare.stderr).not.toMatch(STACK);
    // Identical code: no regression; two blocks may leave it undecided.
    expect([0, 3]).toContain(compare.code);
    const opened = await History.open(history, { readOnly: true });
    const kinds = await opened.sql.queryJson('SELECT kind FROM runs ORDER BY created_at');
    await opened.close();
    expect(kinds).toEqual([{ kind: 'compare' }]);
  }, 180_000);
});
