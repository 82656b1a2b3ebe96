import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, WORKSPACE } from '../../../tools/testing/run-cli.js';
import { parseResults } from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const cli = (args: string[]) => runCli(['bench', ...args], { cwd: WORKSPACE });

describe('frozen-duckdb bench', () => {
  it('exits 0, prints the table and writes every report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-cli-'));
    const files = ['r.json', 'r.md', 'r.bmf.json', 'r.gab.json'].map((f) => join(out, f));
    const run = await cli([
      fixtures,
      '--no-baseline',
      '--filter',
      '^basic/count',
      '--threads',
      '1',
      '--memory-limit',
      '512MB',
      '--json',
      files[0]!,
      '--markdown',
      files[1]!,
      '--bmf',
      files[2]!,
      '--gab',
      files[3]!,
    ]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/count rows\s+\d/);
    expect(run.stdout).not.toContain('performance_baseline');
    const results = parseResults(readFileSync(files[0]!, 'utf8'));
    expect(results.benchmarks.map((b) => b.id)).toEqual(['basic/count rows']);
    expect(results.settings.duckdb).toMatchObject({ threads: '1', memory_limit: '512MB' });
    expect(readFileSync(files[1]!, 'utf8')).toContain('| count rows |');
    expect(Object.keys(JSON.parse(readFileSync(files[2]!, 'utf8')))).toEqual(['basic/count rows']);
    expect(JSON.parse(readFileSync(files[3]!, 'utf8'))[0].name).toBe('basic/count rows');
  });

  it('exits 1 when a benchmark fails, after running the others; --no-baseline skips the baseline line', async () => {
    const run = await cli([fixtures, '--filter', '^faulty/(throws|fine)', '--no-baseline']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/throws\s+ERROR/);
    expect(run.stdout).toMatch(/fine\s+\d/);
    expect(run.stdout).not.toContain('baseline');
  });

  it('prints that an empty shard has nothing to run and exits 0', async () => {
    // One benchmark over two shards: the second holds it, the first is empty.
    const run = await cli([fixtures, '--filter', '^basic/count', '--shard', '1/2', '--no-baseline']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('shard 1/2 has no benchmarks');
  });

  it.each([
    [['--shard', '3/2'], /--shard must be i\/n/],
    [['--profile', 'slow'], /--profile must be one of quick, full/],
    [['--processes', '0'], /--processes must be a positive number/],
    [['--filter', '('], /not a valid regular expression/],
    [['--filter', 'no-such-benchmark'], /no benchmark matches/],
    [['--memory-limit', 'lots'], /--memory-limit must be a size/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a usage error for %j', async (args, message) => {
    const run = await cli([fixtures, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: frozen-duckdb bench');
  });

  it('exits 2 for a folder without suites or that does not exist, and writes no report', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bench-cli-'));
    const json = join(empty, 'r.json');
    const none = await cli([empty, '--json', json]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no \*\.bench\.ts files under/);
    expect(existsSync(json)).toBe(false);
    const missing = await cli([join(empty, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
