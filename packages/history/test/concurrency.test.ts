import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { History } from '../src/index.js';
import { pendingDir } from '../src/paths.js';
import { tempDir } from './helpers.js';

const child = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'append-child.mjs');
const dir = tempDir('concurrent');

function start(
  path: string,
  role: 'writer' | 'reader',
  name: string,
  count: number,
  startAt: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; out: string[] | number[]; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [child, path, role, name, String(count), String(startAt)], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => done({ code, out: stdout ? JSON.parse(stdout) : [], stderr }));
  });
}

describe('several processes writing one history at once', () => {
  it('serializes them: every run written, none lost, while a reader reads', async () => {
    const path = resolve(dir, 'a', 'history.duckdb');
    await (await History.open(path)).close(); // the reader needs a file to read from the start
    const startAt = Date.now() + 1500;
    const writers = Array.from({ length: 5 }, (_, i) => start(path, 'writer', `w${i}`, 3, startAt));
    const reader = start(path, 'reader', 'r', 4, startAt + 200);
    const done = await Promise.all([...writers, reader]);
    for (const d of done) expect([d.code, d.stderr]).toEqual([0, '']);
    const statuses = done.slice(0, 5).flatMap((d) => d.out as string[]);
    // Each waited its turn (30 s limit): nothing had to be staged.
    expect(statuses).toEqual(Array(15).fill('written'));
    const history = await History.open(path, { readOnly: true });
    const runs = await history.sql.queryJson('SELECT id FROM runs ORDER BY id');
    const counts = await history.counts();
    await history.close();
    // Whether written directly or staged and merged on the read above, all 15 are there, once.
    expect(runs.map((r) => r.id)).toEqual(
      Array.from({ length: 5 }, (_, w) => [0, 1, 2].map((i) => `w${w}-${i}`))
        .flat()
        .sort(),
    );
    expect(counts).toMatchObject({ runs: 15, results: 15 * 20, samples: 15 * 20 * 500 });
  });

  it('stages what cannot wait, and the next reader merges it: still every run, once', async () => {
    const path = resolve(dir, 'b', 'history.duckdb');
    const startAt = Date.now() + 1500;
    // No waiting at all: any writer that finds the database busy stages its run.
    const done = await Promise.all(Array.from({ length: 5 }, (_, i) => start(path, 'writer', `s${i}`, 3, startAt, { FROZEN_DUCKDB_HISTORY_WAIT_MS: '0' })));
    for (const d of done) expect([d.code, d.stderr]).toEqual([0, '']);
    const statuses = done.flatMap((d) => d.out as string[]);
    expect(statuses.filter((s) => s === 'staged').length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 'staged' || s === 'written')).toBe(true);
    const history = await History.open(path, { readOnly: true });
    const runs = await history.sql.queryJson('SELECT count(*)::INTEGER AS runs, count(DISTINCT id)::INTEGER AS ids FROM runs');
    await history.close();
    expect(runs).toEqual([{ runs: 15, ids: 15 }]);
    expect(readdirSync(pendingDir(path))).toEqual([]);
  });
});
