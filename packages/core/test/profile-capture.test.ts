import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, flattenProfile, groupByQuery, type Connection } from '../src/index.js';

let db: Database;
let connection: Connection;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'profile-capture-'));
  db = await Database.open(':memory:', { settings: { threads: 2 } });
  connection = await db.connect();
  await connection.run('CREATE TABLE facts AS SELECT i AS id, i % 7 AS grp FROM range(20000) t(i)');
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('captureProfiles', () => {
  it('keeps the profile of every statement, however it ran, and turns profiling off after', async () => {
    const file = join(dir, 'profile.json');
    const { result, capture } = await connection.captureProfiles(file, async () => {
      await connection.query('SELECT grp, count(*) FROM facts GROUP BY grp');
      const lookup = await connection.prepare('SELECT count(*) FROM facts WHERE id < $1');
      for (const limit of [10, 20, 30]) await lookup.query([limit]);
      lookup.close();
      let rows = 0;
      for await (const chunk of connection.stream('SELECT * FROM facts ORDER BY id DESC')) rows += chunk.length;
      return rows;
    });
    expect(result).toBe(20000);
    expect(capture.missed).toBe(0);
    expect(capture.profiles.map((p) => p.query)).toEqual([
      'SELECT grp, count(*) FROM facts GROUP BY grp',
      'SELECT count(*) FROM facts WHERE id < $1',
      'SELECT count(*) FROM facts WHERE id < $1',
      'SELECT count(*) FROM facts WHERE id < $1',
      'SELECT * FROM facts ORDER BY id DESC',
    ]);
    const sorted = flattenProfile(capture.profiles[4]?.tree ?? []);
    expect(sorted.map((n) => n.operator)).toContain('ORDER_BY');
    expect(sorted.find((n) => n.operator === 'TABLE_SCAN')?.cardinality).toBe(20000);
    expect(existsSync(file)).toBe(false);
    expect(await connection.getSetting('enable_profiling')).not.toBe('json');
    // Profiling is off again: nothing is written after the capture.
    await connection.query('SELECT 1');
    expect(existsSync(file)).toBe(false);
  });

  it('groups runs of one statement and sums their operators', async () => {
    const { capture } = await connection.captureProfiles(join(dir, 'p.json'), async () => {
      for (let i = 0; i < 3; i++) await connection.query('SELECT count(*) FROM facts WHERE grp = 3');
      await connection.query('SELECT 42');
    });
    const groups = groupByQuery(capture.profiles);
    expect(groups.map((g) => [g.query, g.runs])).toEqual([
      ['SELECT count(*) FROM facts WHERE grp = 3', 3],
      ['SELECT 42', 1],
    ]);
    const scans = (i: number) => flattenProfile(capture.profiles[i]?.tree ?? []).find((n) => n.operator === 'TABLE_SCAN');
    const summed = flattenProfile(groups[0]?.profile.tree ?? []).find((n) => n.operator === 'TABLE_SCAN');
    expect(summed?.cardinality).toBe([0, 1, 2].reduce((sum, i) => sum + (scans(i)?.cardinality ?? 0), 0));
    expect(groups[0]?.profile.latency).toBeCloseTo(
      capture.profiles.slice(0, 3).reduce((sum, p) => sum + p.latency, 0),
      9,
    );
  });
});
