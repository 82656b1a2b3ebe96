import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Database } from '@frozen-duckdb/core';
import {
  appendRun,
  benchRecord,
  compareRecord,
  History,
  HistorySchemaError,
  HistoryImportError,
  resolveHistoryPath,
  DEFAULT_HISTORY,
  type RunRecord,
} from '../src/index.js';
import { pendingDir } from '../src/paths.js';
import { listPending, stageRun } from '../src/pending.js';
import { makeResults } from './fixtures/results.mjs';
import { fileState, tempDir } from './helpers.js';

const dir = tempDir('db');
let n = 0;
const fresh = () => join(dir, `h${++n}`, 'history.duckdb');

function run(i: number, medians: Record<string, number>, extra: Partial<Parameters<typeof makeResults>[0]> = {}): RunRecord {
  const results = makeResults({
    commit: `${String(i).padStart(2, '0')}${'c'.repeat(38)}`,
    createdAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    medians,
    ...extra,
  });
  return benchRecord({ kind: 'bench', results, outcome: 'pass', source: 'test' });
}

async function withDuckDB<T>(path: string, fn: (c: Awaited<ReturnType<Database['connect']>>) => Promise<T>): Promise<T> {
  const db = await Database.open(path);
  try {
    return await fn(await db.connect());
  } finally {
    db.close();
  }
}

describe('resolveHistoryPath', () => {
  it('takes the flag, else the environment, else .bench/history.duckdb at the workspace root', () => {
    const root = join(dir, 'ws');
    mkdirSync(join(root, 'packages', 'p'), { recursive: true });
    writeFileSync(join(root, 'nx.json'), '{}');
    expect(resolveHistoryPath(join(root, 'packages', 'p'), undefined, {})).toBe(join(root, DEFAULT_HISTORY));
    expect(resolveHistoryPath(join(root, 'packages', 'p'), undefined, { FROZEN_DUCKDB_HISTORY: '/x/h.duckdb' })).toBe('/x/h.duckdb');
    expect(resolveHistoryPath(root, '/y/h.duckdb', { FROZEN_DUCKDB_HISTORY: '/x/h.duckdb' })).toBe('/y/h.duckdb');
    expect(pendingDir('/a/.bench/history.duckdb')).toBe('/a/.bench/history.pending');
  });
});

describe('History', () => {
  it('writes runs and reads every table back', async () => {
    const path = fresh();
    const record = run(1, { 'demo/one': 2, 'demo/two': 5 });
    const history = await History.open(path);
    expect(await history.append(record)).toBe(true);
    expect(await history.append(record)).toBe(false);
    await history.close();
    // The folder it made keeps itself out of git.
    expect(readFileSync(join(dirname(path), '.gitignore'), 'utf8')).toMatch(/^\*$/m);

    const reader = await History.open(path, { readOnly: true });
    expect(await reader.counts()).toEqual({ meta: 3, fingerprints: 1, runs: 1, results: 2, samples: 40 });
    const [row] = await reader.sql.queryJson(
      `SELECT id, kind, commit, dirty, profile, shard, outcome, fingerprint, strftime(created_at, '%Y-%m-%d') AS day, settings->>'$.duckdb.threads' AS threads FROM runs`,
    );
    expect(row).toEqual({
      id: record.run.id,
      kind: 'bench',
      commit: record.run.commit,
      dirty: false,
      profile: 'quick',
      shard: null,
      outcome: 'pass',
      fingerprint: record.fingerprint?.hash,
      day: '2026-01-02',
      threads: '2',
    });
    const medians = await reader.sql.queryJson('SELECT benchmark, median_ms, n FROM results ORDER BY benchmark');
    expect(medians).toEqual([
      { benchmark: 'demo/one', median_ms: 2, n: 20 },
      { benchmark: 'demo/two', median_ms: 5, n: 20 },
    ]);
    const sampled = await reader.sql.queryJson(`SELECT round(median(ms), 6) AS m FROM samples WHERE benchmark = 'demo/two'`);
    expect(Number(sampled[0]?.m)).toBeCloseTo(5, 1);
    await expect(reader.append(record)).rejects.toThrow(/read-only/);
    await reader.close();
  });

  it('keeps a comparison with its verdicts and every paired round', async () => {
    const path = fresh();
    const round = (base: number, candidate: number) => ({ base, candidate });
    const estimate = { ratio: 1.2, low: 1.1, high: 1.3, confidence: 0.95, logSe: 0.02, df: 1, blocks: 2, rounds: 4 };
    const record = compareRecord({
      comparison: {
        benchmarks: [
          {
            id: 'demo/one',
            suite: 'demo',
            name: 'one',
            threshold: 0.1,
            thresholdSource: 'default',
            status: 'regressed',
            verdict: { decision: 'regressed', basis: 'interval-past', threshold: 0.1, halfWidth: 0.08, precision: 0.05, blocks: 2, minBlocks: 2 },
            message: undefined,
            estimate,
            baseMs: 1,
            candidateMs: 1.2,
            iterationsPerBatch: 10,
            blocks: [
              [round(1, 1.2), round(1, 1.21)],
              [round(1.01, 1.19), round(0.99, 1.2)],
            ],
          },
        ],
        baseCommit: 'b'.repeat(40),
        candidateCommit: 'c'.repeat(40),
        candidateDirty: false,
        elapsedMs: 5000,
        budgetMs: 300000,
        blocks: 2,
        exhausted: false,
        instructions: {
          threshold: 0.02,
          iterations: 2,
          verdicts: [{ id: 'demo/one', base: 1_000_000, candidate: 1_050_000, ratio: 1.05, threshold: 0.02, decision: 'regressed' }],
        },
      },
      outcome: 'fail',
      fingerprint: null,
      source: 'test',
    });
    expect((await appendRun(path, record)).status).toBe('written');
    const reader = await History.open(path, { readOnly: true });
    expect(await reader.sql.queryJson('SELECT kind, commit, base_commit, outcome FROM runs')).toEqual([
      { kind: 'compare', commit: 'c'.repeat(40), base_commit: 'b'.repeat(40), outcome: 'fail' },
    ]);
    expect(await reader.sql.queryJson('SELECT verdict, ratio, ratio_low, ratio_high, base_ms, median_ms FROM results')).toEqual([
      { verdict: 'regressed', ratio: 1.2, ratio_low: 1.1, ratio_high: 1.3, base_ms: 1, median_ms: 1.2 },
    ]);
    expect(await reader.sql.queryJson('SELECT base_instructions, instructions FROM results')).toEqual([
      { base_instructions: 1_000_000, instructions: 1_050_000 },
    ]);
    // The words are written from the verdict's value, with the threshold it carries.
    expect(await reader.sql.queryJson('SELECT reason FROM results')).toEqual([
      { reason: '+20.0% [+10.0%, +30.0%]: the whole interval is past the 10% threshold' },
    ]);
    expect(await reader.sql.queryJson('SELECT block, seq, base_ms, ms FROM samples ORDER BY block, seq')).toEqual([
      { block: 0, seq: 0, base_ms: 1, ms: 1.2 },
      { block: 0, seq: 1, base_ms: 1, ms: 1.21 },
      { block: 1, seq: 0, base_ms: 1.01, ms: 1.19 },
      { block: 1, seq: 1, base_ms: 0.99, ms: 1.2 },
    ]);
    // A comparison from an unknown machine is stored, but makes no trend point.
    expect(await reader.trends({ kinds: ['compare'] })).toEqual([]);
    await reader.close();
  });

  it('builds trends per benchmark and machine, and names the commit where a benchmark shifted', async () => {
    const path = fresh();
    const history = await History.open(path);
    for (let i = 0; i < 24; i++) {
      const wobble = 1 + 0.02 * Math.sin(i * 1.7);
      await history.append(run(i, { 'demo/steady': 3 * wobble, 'demo/slower': (i < 14 ? 2 : 2.6) * wobble }));
    }
    await history.append(run(30, { 'demo/steady': 9 }, { cpuModel: 'Other CPU' }));
    const series = await history.trends();
    await history.close();
    expect(series.map((s) => `${s.benchmarkId} ${s.points.length}`)).toEqual(['demo/slower 24', 'demo/steady 24', 'demo/steady 1']);
    const slower = series[0];
    expect(slower?.changePoints).toHaveLength(1);
    expect(slower?.changePoints[0]).toMatchObject({ index: 14, commit: `14${'c'.repeat(38)}`, previousCommit: `13${'c'.repeat(38)}` });
    expect(slower?.changePoints[0]?.ratio).toBeCloseTo(1.3, 1);
    expect(slower?.points[14]?.change).toBeGreaterThan(0.25);
    expect(series[1]?.changePoints).toEqual([]);
    expect(series[1]?.fingerprint).not.toBe(series[2]?.fingerprint);
    const reader = await History.open(path, { readOnly: true });
    expect((await reader.trends({ benchmark: 'SLOWER', limit: 5 })).map((s) => [s.benchmarkId, s.points.length])).toEqual([['demo/slower', 5]]);
    expect(await reader.trends({ fingerprint: series[2]?.fingerprint.slice(0, 6) as string })).toHaveLength(1);
    await reader.close();
  });

  it('refuses a foreign DuckDB file, a newer schema and a non-DuckDB file, leaving each untouched', async () => {
    const foreign = join(dir, 'foreign.duckdb');
    await withDuckDB(foreign, (c) => c.run('CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1)'));
    const newer = fresh();
    await appendRun(newer, run(1, { 'demo/one': 1 }));
    await withDuckDB(newer, (c) => c.run(`UPDATE meta SET value = '99' WHERE key = 'version'`));
    const text = join(dir, 'notes.duckdb');
    writeFileSync(text, 'these are my notes, not a database\n');

    for (const [path, message] of [
      [foreign, /not a frozen-duckdb history.*orders/],
      [newer, /newer frozen-duckdb \(history schema version 99/],
      [text, /DuckDB cannot open it/],
    ] as const) {
      const before = fileState(path);
      for (const readOnly of [false, true]) {
        const error = await History.open(path, { readOnly }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HistorySchemaError);
        expect((error as Error).message).toContain(path);
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).toContain('left untouched');
      }
      // A run for it is staged, not lost, and the file is still byte for byte what it was.
      const outcome = await appendRun(path, run(2, { 'demo/one': 1 }), { waitMs: 0 });
      expect(outcome.status).toBe('staged');
      expect(fileState(path)).toEqual(before);
    }
  });

  it('reads a version 1 file as it is, migrates it when it is next written, and keeps instruction counts from then on', async () => {
    const path = fresh();
    await appendRun(path, run(1, { 'demo/one': 2 }));
    // What a version 1 file was: the same tables without the two count columns.
    await withDuckDB(path, (c) =>
      c.run(
        "ALTER TABLE results DROP COLUMN instructions; ALTER TABLE results DROP COLUMN base_instructions; UPDATE meta SET value = '1' WHERE key = 'version'",
      ),
    );
    const before = fileState(path);
    const reader = await History.open(path, { readOnly: true });
    expect(await reader.counts()).toMatchObject({ runs: 1, results: 1 });
    await reader.close();
    expect(fileState(path).sha).toBe(before.sha);

    const results = makeResults({ commit: `02${'c'.repeat(38)}`, medians: { 'demo/one': 2, 'demo/two': 3 } });
    (results.benchmarks[0] as { instructions?: unknown }).instructions = { perIteration: 1_234_567.5, iterations: 2, calls: [1_234_567, 1_234_568] };
    (results.benchmarks[1] as { instructions?: unknown }).instructions = { uncounted: 'converts rows in JavaScript' };
    expect((await appendRun(path, benchRecord({ kind: 'bench', results, outcome: 'pass', source: 'test' }))).status).toBe('written');
    await withDuckDB(path, async (c) => {
      expect(await c.scalar("SELECT value FROM meta WHERE key = 'version'")).toBe('2');
      const rows = await c.query('SELECT r.commit, x.benchmark, x.instructions FROM results x JOIN runs r ON r.id = x.run_id ORDER BY r.commit, x.benchmark');
      expect(rows).toEqual([
        { commit: `01${'c'.repeat(38)}`, benchmark: 'demo/one', instructions: null },
        { commit: `02${'c'.repeat(38)}`, benchmark: 'demo/one', instructions: 1_234_567.5 },
        { commit: `02${'c'.repeat(38)}`, benchmark: 'demo/two', instructions: null },
      ]);
    });
  });

  it('merges staged runs on the next open (read-only too), once, and keeps a damaged one aside', async () => {
    const path = fresh();
    const committed = run(1, { 'demo/one': 1 });
    await appendRun(path, committed);
    // A writer that died between its commit and deleting its staged file: merged once all the same.
    stageRun(path, committed);
    for (const r of [run(2, { 'demo/one': 1 }), run(3, { 'demo/one': 1 })]) stageRun(path, r);
    writeFileSync(join(pendingDir(path), 'broken.json'), '{"schema": "nope"}');
    writeFileSync(join(pendingDir(path), '.half-written.json.123.tmp'), '{');
    const reader = await History.open(path, { readOnly: true });
    expect(reader.merged).toBe(3);
    expect(reader.warnings.join('\n')).toMatch(/broken\.json was not merged: schema is not .*; set aside as .*broken\.json\.rejected/);
    expect((await reader.counts()).runs).toBe(3);
    await reader.close();
    expect(listPending(path)).toEqual([]);
    expect(readdirSync(pendingDir(path)).sort()).toEqual(['.half-written.json.123.tmp', 'broken.json.rejected']);
  });

  it('a staged run the database would refuse (a null status) is set aside with a warning; the good ones merge and the history stays usable', async () => {
    const path = fresh();
    await appendRun(path, run(1, { 'demo/one': 1 }));
    const bad = run(2, { 'demo/one': 1 });
    (bad.results[0] as { status: unknown }).status = null;
    stageRun(path, run(3, { 'demo/one': 1 }));
    stageRun(path, bad);
    stageRun(path, run(4, { 'demo/one': 1 }));
    const writer = await History.open(path);
    expect(writer.merged).toBe(2);
    expect(writer.warnings).toHaveLength(1);
    expect(writer.warnings[0]).toMatch(/was not merged: results\[0\]\.status is not a status; set aside as .*\.rejected/);
    await writer.close();
    // Every later open works, and warns no more.
    const reader = await History.open(path, { readOnly: true });
    expect(reader.warnings).toEqual([]);
    expect((await reader.counts()).runs).toBe(3);
    await reader.close();
    expect(listPending(path)).toEqual([]);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const path = fresh();
    await appendRun(path, run(1, { 'demo/one': 1 }));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const { hostname } = await import('node:os');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: Number(gone.stdout), host: hostname(), token: 'old' }));
    const outcome = await appendRun(path, run(2, { 'demo/one': 1 }), { waitMs: 2000 });
    expect(outcome.status).toBe('written');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('stages a run when a live process keeps the lock past the wait', async () => {
    const path = fresh();
    await appendRun(path, run(1, { 'demo/one': 1 }));
    const { hostname } = await import('node:os');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 'held' }));
    const outcome = await appendRun(path, run(2, { 'demo/one': 1 }), { waitMs: 100 });
    expect(outcome).toMatchObject({ status: 'staged', reason: expect.stringMatching(/stayed busy.*lock held by pid/) });
    expect(readdirSync(pendingDir(path))).toHaveLength(1);
  });
});

describe('Parquet', () => {
  it('round-trips every row of every table, and importing again adds nothing', async () => {
    const source = fresh();
    const history = await History.open(source);
    for (let i = 0; i < 5; i++) await history.append(run(i, { 'demo/one': 1 + i, 'demo/two': 2 }, { dirty: i % 2 === 1 }));
    await history.append(
      compareRecord({
        comparison: {
          benchmarks: [],
          baseCommit: 'b'.repeat(40),
          candidateCommit: 'c'.repeat(40),
          candidateDirty: true,
          elapsedMs: 1,
          budgetMs: 1,
          blocks: 0,
          exhausted: true,
        },
        outcome: 'inconclusive',
        fingerprint: null,
        source: 'test',
      }),
    );
    const exportDir = join(dir, 'export');
    const written = await history.exportParquet(exportDir);
    await history.close();
    expect(written.rows).toMatchObject({ runs: 6, results: 10, samples: 200, fingerprints: 1, meta: 3 });

    const target = fresh();
    const copy = await History.open(target);
    expect(await copy.importParquet(exportDir)).toMatchObject({ runsAdded: 6, runsSkipped: 0 });
    expect(await copy.importParquet(exportDir)).toMatchObject({ runsAdded: 0, runsSkipped: 6 });
    await copy.close();

    // Row for row, with every column, both ways.
    await withDuckDB(':memory:', async (c) => {
      await c.run(`ATTACH '${source}' AS a (READ_ONLY); ATTACH '${target}' AS b (READ_ONLY)`);
      for (const table of ['fingerprints', 'runs', 'results', 'samples']) {
        const diff = await c.scalar(
          `SELECT (SELECT count(*) FROM (FROM a.${table} EXCEPT ALL FROM b.${table})) + (SELECT count(*) FROM (FROM b.${table} EXCEPT ALL FROM a.${table}))`,
        );
        expect([table, Number(diff)]).toEqual([table, 0]);
      }
      // And the export itself is queryable with DuckDB alone.
      const rows = await c.queryJson(
        `SELECT r.commit, x.median_ms FROM '${exportDir}/runs.parquet' r JOIN '${exportDir}/results.parquet' x ON x.run_id = r.id WHERE x.benchmark = 'demo/one' ORDER BY r.created_at`,
      );
      expect(rows.map((r) => r.median_ms)).toEqual([1, 2, 3, 4, 5]);
    });
  });

  it('refuses a folder that is not an export', async () => {
    const history = await History.open(fresh());
    await expect(history.importParquet(join(dir, 'nowhere'))).rejects.toThrow(HistoryImportError);
    await history.close();
  });
});
