import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrozenDuckDBError } from '@frozen-duckdb/core';
import { History, HistoryImportError, planImport } from '../src/index.js';
import { makeResults } from './fixtures/results.mjs';
import { tempDir } from './helpers.js';

const dir = tempDir('shards');
let n = 0;
function file(doc: unknown): string {
  const path = join(dir, `f${++n}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const shard = (commit: string, s: string, medians: Record<string, number>, extra: Parameters<typeof makeResults>[0] = {}) =>
  file(makeResults({ commit, shard: s, medians, createdAt: `2026-01-0${s[0]}T00:00:00.000Z`, ...extra }));

describe('history import: shards of one run merge into one', () => {
  it('groups by commit, machine and settings, and merges each group', async () => {
    const files = [
      shard(A, '1/3', { 's/a': 1 }),
      shard(A, '2/3', { 's/b': 2 }),
      shard(A, '3/3', { 's/c': 3 }),
      shard(B, '1/2', { 's/a': 1.5 }),
      shard(B, '2/2', { 's/b': 2.5, 's/c': 3.5 }),
      // Same commit, but another profile: another run.
      shard(A, '1/1', { 's/a': 10 }, { profile: 'full' }),
      // A whole run stays one.
      file(makeResults({ commit: B, medians: { 's/a': 1.6, 's/b': 2.6, 's/c': 3.6 }, createdAt: '2026-01-05T00:00:00.000Z' })),
    ];
    const plan = await planImport(files);
    expect(plan.records.map((r) => [r.run.commit?.[0], r.run.shard, r.run.profile, r.results.map((x) => x.benchmark).join(',')])).toEqual([
      ['a', '1/3,2/3,3/3', 'quick', 's/a,s/b,s/c'],
      ['b', '1/2,2/2', 'quick', 's/a,s/b,s/c'],
      ['a', '1/1', 'full', 's/a'],
      ['b', null, 'quick', 's/a,s/b,s/c'],
    ]);
    const merged = plan.records[0];
    expect(merged?.run.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(merged?.samples.map((s) => s.benchmark)).toEqual(['s/a', 's/b', 's/c']);
    expect(plan.notes[0]).toMatch(/merged shards 1\/3,2\/3,3\/3 \(f1\.json, f2\.json, f3\.json\) into one run/);

    const history = await History.open(join(dir, 'h.duckdb'));
    for (const r of plan.records) await history.append(r);
    // The same files again are the same runs: nothing added.
    const again = await planImport(files);
    expect(await Promise.all(again.records.map((r) => history.append(r)))).toEqual([false, false, false, false]);
    const runs = await history.sql.queryJson('SELECT shard, count(*)::INTEGER AS results FROM runs JOIN results ON run_id = id GROUP BY shard ORDER BY shard');
    await history.close();
    expect(runs).toEqual([
      { shard: '1/1', results: 1 },
      { shard: '1/2,2/2', results: 3 },
      { shard: '1/3,2/3,3/3', results: 3 },
      { shard: null, results: 3 },
    ]);
  });

  it('says which shards are missing', async () => {
    const plan = await planImport([shard(A, '1/3', { 's/a': 1 }), shard(A, '3/3', { 's/c': 1 })]);
    expect(plan.records).toHaveLength(1);
    expect(plan.notes[0]).toMatch(/merged shards 1\/3,3\/3 .*; 2\/3 missing/);
  });

  it('refuses a shard twice, overlapping shards and files of another kind, naming the file', async () => {
    const first = shard(A, '1/2', { 's/a': 1 });
    const twin = shard(A, '1/2', { 's/b': 1 });
    await expect(planImport([first, twin])).rejects.toThrow(/shard 1\/2 of commit aaaaaaaaaaaa is also in .*f\d+\.json/);
    await expect(planImport([shard(A, '1/2', { 's/a': 1 }), shard(A, '2/2', { 's/a': 2 })])).rejects.toThrow(/benchmark s\/a is also in/);
    const other = file({ schema: 'something/else' });
    const error = await planImport([other]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryImportError);
    expect((error as Error).message).toContain(other);
    const notJson = join(dir, 'x.json');
    writeFileSync(notJson, 'nope');
    await expect(planImport([notJson])).rejects.toThrow(/is not JSON/);
  });

  it('refuses a negative time in a results file or a comparison, naming the file', async () => {
    const results = makeResults({ medians: { 's/a': 1 } });
    results.benchmarks[0]!.wall!.median = -5e6;
    const comparison = {
      schema: 'frozen-duckdb/comparison',
      version: 1,
      outcome: 'pass',
      summary: '',
      baseCommit: A,
      candidateCommit: B,
      candidateDirty: false,
      elapsedMs: 10,
      budgetMs: 100,
      blocks: 1,
      exhausted: false,
      benchmarks: [
        {
          id: 's/a',
          suite: 's',
          name: 'a',
          status: 'ok',
          candidateMs: -5,
          baseMs: 1,
          threshold: 0.1,
          reason: '',
          iterationsPerBatch: 1,
          blocks: [[{ base: 1, candidate: 1 }]],
        },
      ],
    };
    for (const [doc, field] of [
      [results, 'wall.median'],
      [comparison, 'medianMs'],
    ] as const) {
      const path = file(doc);
      const error = await planImport([path]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FrozenDuckDBError);
      expect((error as FrozenDuckDBError).category).toBe('usage');
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toContain(`${field} is not a time`);
    }
  });
});
