import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '@frozen-duckdb/core';
import { runCli } from '../../../tools/testing/run-cli.js';
import { History } from '../src/index.js';
import { pendingDir } from '../src/paths.js';
import { makeResults } from './fixtures/results.mjs';
import { fileState, tempDir } from './helpers.js';

const cli = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(args, { cwd, env: { GITHUB_STEP_SUMMARY: '', FROZEN_DUCKDB_HISTORY: '', ...env } });

const dir = tempDir('cli');

describe('bench appends its run to the history', () => {
  let project: string;
  beforeAll(() => {
    project = join(dir, 'workspace');
    mkdirSync(join(project, 'bench'), { recursive: true });
    writeFileSync(join(project, 'nx.json'), '{}');
    writeFileSync(
      join(project, 'bench', 'tiny.bench.ts'),
      `
const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };
export default { name: 'tiny', benchmarks: { spin: () => spin(0.2) } };
`,
    );
  });

  it('records with --history, records nothing with --no-history, and keeps its exit code when history cannot be written', async () => {
    const history = join(dir, 'runs', 'history.duckdb');
    const ignored = join(dir, 'ignored.duckdb');
    const foreign = join(dir, 'foreign.duckdb');
    const db = await Database.open(foreign);
    await (await db.connect()).run('CREATE TABLE orders (id INTEGER)');
    db.close();
    const before = fileState(foreign);

    const fromEnv = join(dir, 'env', 'history.duckdb');
    // Shard 2/2 of a one-benchmark suite measures nothing but is still a run: quick to show what is recorded where.
    const [recorded, refused, off, viaEnv] = await Promise.all([
      cli(project, ['bench', 'bench', '--no-baseline', '--history', history]),
      cli(project, ['bench', 'bench', '--no-baseline', '--history', foreign]),
      cli(project, ['bench', 'bench', '--no-baseline', '--shard', '2/2', '--no-history'], { FROZEN_DUCKDB_HISTORY: ignored }),
      cli(project, ['bench', 'bench', '--no-baseline', '--shard', '2/2'], { FROZEN_DUCKDB_HISTORY: fromEnv }),
    ]);

    expect([recorded.code, recorded.stderr]).toEqual([0, expect.stringContaining(`appended the run to history ${history}`)]);
    const reader = await History.open(history, { readOnly: true });
    const runs = await reader.sql.queryJson('SELECT kind, outcome, source, benchmark, status, n > 0 AS sampled FROM runs JOIN results ON run_id = id');
    await reader.close();
    expect(runs).toEqual([{ kind: 'bench', outcome: 'pass', source: 'cli bench', benchmark: 'tiny/spin', status: 'ok', sampled: true }]);

    expect([off.code, off.stderr]).toEqual([0, expect.any(String)]);
    expect(existsSync(ignored)).toBe(false);
    expect(existsSync(join(project, '.bench'))).toBe(false);
    expect([viaEnv.code, viaEnv.stderr]).toEqual([0, expect.any(String)]);
    const envReader = await History.open(fromEnv, { readOnly: true });
    expect(await envReader.sql.queryJson('SELECT kind, shard FROM runs')).toEqual([{ kind: 'bench', shard: '2/2' }]);
    await envReader.close();

    expect([refused.code, refused.stdout]).toEqual([0, expect.any(String)]);
    expect(refused.stderr).toMatch(/warning: history: run staged as .*foreign\.pending.*not a frozen-duckdb history/);
    expect(readdirSync(pendingDir(foreign))).toHaveLength(1);
    expect(fileState(foreign)).toEqual(before);
  });

  it('refuses --history with --no-history before measuring', async () => {
    const run = await cli(project, ['bench', 'bench', '--history', join(dir, 'x.duckdb'), '--no-history']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--history and --no-history contradict each other/);
  });
});

describe('frozen-duckdb history', () => {
  const path = join(dir, 'trend', 'history.duckdb');
  const commit = (i: number) => `${String(i).padStart(2, '0')}${'e'.repeat(38)}`;

  beforeAll(() => {
    mkdirSync(join(dir, 'files'), { recursive: true });
  });

  it('imports shard files as runs and shows trends with the commit where a benchmark shifted', async () => {
    const files: string[] = [];
    for (let i = 0; i < 16; i++) {
      const wobble = 1 + 0.02 * Math.sin(i * 1.3);
      const createdAt = new Date(Date.UTC(2026, 1, 1 + i)).toISOString();
      for (const [s, medians] of [
        ['1/2', { 'q/fast': 1 * wobble }],
        ['2/2', { 'q/slow': (i < 9 ? 4 : 5) * wobble }],
      ] as const) {
        const file = join(dir, 'files', `run${i}-shard${s[0]}.json`);
        writeFileSync(file, JSON.stringify(makeResults({ commit: commit(i), createdAt, shard: s, medians })));
        files.push(file);
      }
    }
    const imported = await cli(dir, ['history', 'import', ...files, '--history', path]);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    expect(imported.stdout).toMatch(/imported 16 runs into/);
    expect(imported.stdout.match(/merged shards 1\/2,2\/2/g)).toHaveLength(16);

    const text = await cli(dir, ['history', '--history', path, '--benchmark', 'slow', '--limit', '4']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/q\/slow\s+quick memory_limit=4GB threads=2, 16 runs \(last 4 shown\)/);
    expect(text.stdout).toContain(`shift at ${commit(9).slice(0, 12)}`);
    expect(text.stdout).not.toContain('q/fast');

    const json = await cli(dir, ['history', '--history', path, '--json']);
    const doc = JSON.parse(json.stdout);
    const bySeries = Object.fromEntries(doc.series.map((s: { benchmarkId: string }) => [s.benchmarkId, s]));
    expect(bySeries['q/slow'].changePoints).toEqual([expect.objectContaining({ index: 9, commit: commit(9), previousCommit: commit(8) })]);
    expect(bySeries['q/fast'].changePoints).toEqual([]);
    expect(bySeries['q/slow'].points).toHaveLength(10);
    expect(doc.machine.hash).toBe(bySeries['q/slow'].fingerprint);
  });

  it('exports to Parquet and imports it into another history, every run kept', async () => {
    const out = join(dir, 'parquet');
    const exported = await cli(dir, ['history', 'export', '--parquet', out, '--history', path]);
    expect([exported.code, exported.stderr]).toEqual([0, '']);
    expect(readdirSync(out).sort()).toEqual(['fingerprints.parquet', 'meta.parquet', 'results.parquet', 'runs.parquet', 'samples.parquet']);
    const copy = join(dir, 'copy', 'history.duckdb');
    const imported = await cli(dir, ['history', 'import', '--parquet', out, '--history', copy]);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    expect(imported.stdout).toMatch(/imported 16 run\(s\) .*: 32 results, 640 samples/);
  });

  it("imports --parquet 'exp[12]' from that folder, not exp1 and exp2", async () => {
    for (const name of ['exp1', 'exp2', 'exp[12]'])
      expect((await cli(dir, ['history', 'export', '--parquet', join(dir, 'globs', name), '--history', path])).code).toBe(0);
    const copy = join(dir, 'globs', 'history.duckdb');
    const imported = await cli(join(dir, 'globs'), ['history', 'import', '--parquet', 'exp[12]', '--history', copy]);
    expect([imported.code, imported.stderr]).toEqual([0, '']);
    // Read twice over (exp1 and exp2), it would say 640 results; and a run is one run whatever it is imported from.
    expect(imported.stdout).toMatch(/imported 16 run\(s\) .*: 32 results, 640 samples/);
  });

  it('a folder holding junk .parquet files, or an export into a file: exit 2 naming the file, no history database made', async () => {
    const junk = join(dir, 'junk');
    mkdirSync(junk);
    for (const table of ['meta', 'fingerprints', 'runs', 'results', 'samples']) writeFileSync(join(junk, `${table}.parquet`), 'not parquet');
    const target = join(dir, 'junk-history', 'history.duckdb');
    const imported = await cli(dir, ['history', 'import', '--parquet', junk, '--history', target]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain(`${join(junk, 'meta.parquet')}: is not a Parquet file DuckDB can read`);
    expect(imported.stderr).toMatch(/^fix: /m);
    expect(existsSync(join(dir, 'junk-history'))).toBe(false);
    writeFileSync(join(dir, 'some-file'), 'x');
    const exported = await cli(dir, ['history', 'export', '--parquet', 'some-file', '--history', path]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain(`a part of its path is a file, not a folder (${join(dir, 'some-file')})`);
    expect(exported.stderr).not.toMatch(/^\s+at /m);
  });

  it('says what is wrong, exit 2: no history, nothing to import, files and --parquet at once', async () => {
    const missing = await cli(dir, ['history', '--history', join(dir, 'none.duckdb')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/no history database at .*none\.duckdb/)]);
    const nothing = await cli(dir, ['history', 'import', '--history', path]);
    expect([nothing.code, nothing.stderr]).toEqual([2, expect.stringContaining('nothing to import')]);
    const both = await cli(dir, ['history', 'import', 'a.json', '--parquet', 'd', '--history', path]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('either FILE... or --parquet DIR')]);
  });
});
