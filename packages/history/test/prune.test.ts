import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../tools/testing/run-cli.js';
import { benchRecord, History, parsePruneDate, runsToPrune } from '../src/index.js';
import { makeResults } from './fixtures/results.mjs';
import { tempDir } from './helpers.js';

const cli = (cwd: string, args: string[]) => runCli(args, { cwd, env: { GITHUB_STEP_SUMMARY: '', FROZEN_DUCKDB_HISTORY: '' } });

const dir = tempDir('prune');
const RUNS = 100;
// Run i was made on day i of 2026 (2026-01-01 is run 0): the newest 10 are runs 90..99, from 2026-04-01 on.
const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i, 12)).toISOString();
// About a real run's size: 70 benchmarks of 100 samples, each sample its own noisy number (as timings are, so they
// do not compress away).
const medians = Object.fromEntries(Array.from({ length: 70 }, (_, b) => [`suite${b % 7}/bench${b}`, 1 + b / 10]));
let seed = 1;
const noise = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 0.1;
function runResults(i: number) {
  const results = makeResults({ commit: `${String(i).padStart(3, '0')}${'c'.repeat(37)}`, createdAt: day(i), medians, samplesPer: 100 });
  for (const b of results.benchmarks) b.processes[0]!.samples = b.processes[0]!.samples.map((ms: number) => ms * (0.95 + noise()));
  return results as never;
}

/** A history of 100 bench runs written by the real code (History.append of benchRecord), copied per test. */
let built: string;
beforeAll(async () => {
  built = join(dir, 'built', 'history.duckdb');
  const history = await History.open(built);
  try {
    for (let i = 0; i < RUNS; i++) {
      await history.append(benchRecord({ kind: 'bench', results: runResults(i), outcome: 'pass', source: 'test', id: `run-${String(i).padStart(3, '0')}` }));
    }
  } finally {
    await history.close();
  }
}, 60_000);

/** A copy of the built history in its own folder. */
function copyOf(name: string): string {
  mkdirSync(join(dir, name));
  const path = join(dir, name, 'history.duckdb');
  copyFileSync(built, path);
  return path;
}

async function runIds(path: string): Promise<string[]> {
  const reader = await History.open(path, { readOnly: true });
  try {
    return (await reader.sql.query<{ id: string }>('SELECT id FROM runs ORDER BY id')).map((r) => r.id);
  } finally {
    await reader.close();
  }
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `run-${String(from + i).padStart(3, '0')}`);

describe('runsToPrune and parsePruneDate', () => {
  const runs = [
    { id: 'a', createdAt: '2026-01-01T00:00:00.000Z' },
    { id: 'b', createdAt: '2026-01-02T00:00:00.000Z' },
    { id: 'c', createdAt: '2026-01-02T00:00:00.000Z' },
    { id: 'd', createdAt: '2026-01-03T00:00:00.000Z' },
  ];
  it('keeps the newest N (ties by id), runs at or after the date, and both tests when both are given', () => {
    expect(runsToPrune(runs, { keepRuns: 2 }).sort()).toEqual(['a', 'b']);
    expect(runsToPrune(runs, { keepRuns: 10 })).toEqual([]);
    expect(runsToPrune(runs, { before: '2026-01-02T00:00:00.000Z' })).toEqual(['a']);
    expect(runsToPrune(runs, { keepRuns: 3, before: '2026-01-03T00:00:00.000Z' }).sort()).toEqual(['a', 'b', 'c']);
  });
  it('reads dates, date-times with or without a zone, and refuses what is not a day of the calendar', () => {
    expect(parsePruneDate('2026-02-01')).toBe('2026-02-01T00:00:00.000Z');
    expect(parsePruneDate('2026-02-01T10:30')).toBe('2026-02-01T10:30:00.000Z');
    expect(parsePruneDate('2026-02-01T10:30:00+02:00')).toBe('2026-02-01T08:30:00.000Z');
    for (const bad of ['yesterday', '2026-02-30', '2026-02-30T10:00+01:00', '2026-13-01', '2026-01-31T25:00', '01/02/2026', ''])
      expect(parsePruneDate(bad)).toBeUndefined();
  });
});

describe('history prune', () => {
  it('--keep-runs 10 keeps exactly the newest 10 runs with their rows, and the file gets smaller', async () => {
    const path = copyOf('keep');
    const before = statSync(path).size;
    const run = await cli(dir, ['history', 'prune', '--keep-runs', '10', '--history', path]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/deleted 90 runs \(6,300 results, 630,000 samples\), kept 10/);
    expect(await runIds(path)).toEqual(ids(90, 100));
    const after = statSync(path).size;
    expect(after).toBeLessThan(before / 3);
    expect(run.stdout).toContain(`${before} bytes`);
    expect(run.stdout).toContain(`${after} bytes`);
    // Every row left belongs to a run left; nothing beside the file is left over.
    const reader = await History.open(path, { readOnly: true });
    const counts = await reader.counts();
    const orphans = await reader.sql.scalar('SELECT count(*) FROM samples WHERE run_id NOT IN (SELECT id FROM runs)');
    await reader.close();
    expect([counts.runs, counts.results, counts.samples, Number(orphans)]).toEqual([10, 700, 70000, 0]);
    expect(readdirSync(join(dir, 'keep')).filter((n) => n !== '.gitignore')).toEqual(['history.duckdb']);
    // The listing shows the size and the rows.
    const listed = await cli(dir, ['history', '--history', path, '--limit', '1']);
    expect(listed.stdout).toMatch(new RegExp(`${after} bytes.*10 runs, 700 results, 70,000 samples`));
    const json = JSON.parse((await cli(dir, ['history', '--history', path, '--json'])).stdout);
    expect(json.file).toEqual({ bytes: after, rows: { meta: 3, fingerprints: 1, runs: 10, results: 700, samples: 70_000 } });
  }, 30_000);

  it('--before keeps the runs at or after the date, and with --keep-runs a run must pass both', async () => {
    const path = copyOf('before');
    // Run 90 was made at noon on 2026-04-01.
    const dated = await cli(dir, ['history', 'prune', '--before', '2026-04-01T12:00:00Z', '--history', path]);
    expect([dated.code, dated.stderr]).toEqual([0, '']);
    expect(await runIds(path)).toEqual(ids(90, 100));
    const both = await cli(dir, ['history', 'prune', '--before', '2026-04-05', '--keep-runs', '8', '--history', path]);
    expect(both.code).toBe(0);
    expect(await runIds(path)).toEqual(ids(94, 100));
    const none = await cli(dir, ['history', 'prune', '--before', '2020-01-01', '--history', path]);
    expect([none.code, none.stdout]).toEqual([0, expect.stringContaining('deleted 0 runs')]);
    expect(await runIds(path)).toEqual(ids(94, 100));
  }, 30_000);

  it('says which flag is wrong and how to fix it, exit 2, the history untouched', async () => {
    const path = copyOf('usage');
    const size = statSync(path).size;
    const cases: [string[], RegExp][] = [
      [[], /needs --keep-runs N or --before DATE/],
      [['--keep-runs', 'ten'], /--keep-runs must be a whole number of runs, at least 1; got "ten"/],
      [['--keep-runs', '0'], /--keep-runs must be a whole number of runs, at least 1; got "0"/],
      [['--keep-runs', '2.5'], /--keep-runs must be a whole number/],
      [['--before', 'last week'], /--before must be a date; got "last week"/],
      [['--before', '2026-02-30'], /--before must be a date; got "2026-02-30"/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(dir, ['history', 'prune', ...args, '--history', path]);
      expect([args, run.code, run.stderr]).toEqual([args, 2, expect.stringMatching(message)]);
      expect(run.stderr).toMatch(/^fix: /m);
    }
    const missing = await cli(dir, ['history', 'prune', '--keep-runs', '5', '--history', join(dir, 'none', 'history.duckdb')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/no history database at/)]);
    expect(statSync(path).size).toBe(size);
    expect(await runIds(path)).toHaveLength(RUNS);
  }, 30_000);

  it('killed while it compacts, the history is whole (old file or new), and the next prune clears what it left', async () => {
    const path = copyOf('killed');
    const run = await runCli(['history', 'prune', '--keep-runs', '10', '--history', path], {
      cwd: dir,
      env: { FROZEN_DUCKDB_HISTORY: '' },
      // The runs are deleted (one committed transaction); the copy into a new file starts now.
      onOutput: (all, child) => {
        if (all.includes('deleted 90 runs')) child.kill('SIGKILL');
      },
    });
    expect(run.signal).toBe('SIGKILL');
    expect(await runIds(path)).toEqual(ids(90, 100));
    const again = await cli(dir, ['history', 'prune', '--keep-runs', '10', '--history', path]);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('deleted 0 runs')]);
    expect(readdirSync(join(dir, 'killed')).filter((n) => !n.endsWith('.lock'))).toEqual(['history.duckdb']);
    expect(await runIds(path)).toEqual(ids(90, 100));
  }, 30_000);
});
