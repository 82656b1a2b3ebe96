import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@frozen-duckdb/core';
import { runCli } from '../../../tools/testing/run-cli.js';

let dir: string;
let dbFile: string;
const JOIN = 'SELECT c.name, count(*) AS n FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.name';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-explain-'));
  dbFile = join(dir, 'shop.duckdb');
  const db = await Database.open(dbFile);
  const connection = await db.connect();
  await connection.run(`CREATE TABLE orders AS SELECT range AS id, range % 40 AS customer FROM range(8000);
    CREATE TABLE customers AS SELECT range AS id, 'c' || range AS name FROM range(40)`);
  db.close();
  writeFileSync(join(dir, 'notes.txt'), 'not a database, but long enough to have a header\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['explain', ...args], { cwd: dir });

describe('explain', () => {
  it("draws DuckDB's plan for a query on a database file, with estimated rows, without running it", async () => {
    const run = await cli(JOIN, '--db', 'shop.duckdb');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const joinLine = lines.findIndex((l) => /└─ HASH_JOIN INNER customer = id {2}~[\d,]+ rows$/.test(l));
    expect(joinLine).toBeGreaterThan(0);
    // Both scans hang under the join, one level deeper, each with DuckDB's estimate.
    const indent = (lines[joinLine] as string).indexOf('HASH_JOIN');
    expect(lines.slice(joinLine + 1)).toEqual([`${' '.repeat(indent)}├─ SEQ_SCAN orders  ~8,000 rows`, `${' '.repeat(indent)}└─ SEQ_SCAN customers  ~40 rows`]);
  });

  it("with --analyze runs it: each operator's time and the rows it produced", async () => {
    const run = await cli(JOIN, '--db', join(dir, 'shop.duckdb'), '--analyze');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ran in \S+ \S+, 40 rows returned; each operator's own time and the rows it produced:\n/);
    expect(run.stdout).toMatch(/SEQ_SCAN orders {2}\S+ (ns|µs|ms|s) {2}8,000 rows\n/);
    expect(run.stdout).toMatch(/HASH_GROUP_BY {2}\S+ \S+ {2}40 rows\n/);
  });

  it('with --json prints the parsed tree, estimated or analyzed', async () => {
    const plan = JSON.parse((await cli('SELECT * FROM customers WHERE id < 5', '--db', 'shop.duckdb', '--json')).stdout);
    expect(plan.children[0] ?? plan).toHaveProperty('operator');
    const analyzed = JSON.parse((await cli('SELECT * FROM customers WHERE id < 5', '--db', 'shop.duckdb', '--json', '--analyze')).stdout);
    expect(analyzed.rowsReturned).toBe(5);
    const scan = JSON.stringify(analyzed.tree);
    expect(scan).toContain('"name":"SEQ_SCAN"');
    expect(scan).toContain('"Table":"shop.main.customers"');
  });

  it('without --db explains against an empty in-memory database', async () => {
    const run = await cli('SELECT sum(range) FROM range(1000)', '--analyze');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/RANGE {2}\S+ \S+ {2}1,000 rows/);
  });

  it('a --db that is missing, a folder or not a DuckDB file is a usage error naming it: exit 2, the file left as it was', async () => {
    for (const [path, words] of [
      ['missing.duckdb', 'does not exist'],
      ['.', 'is a folder, not a DuckDB database file'],
      ['notes.txt', 'is not a DuckDB database file'],
    ] as const) {
      const run = await cli('SELECT 1', '--db', path);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--db ${join(dir, path === '.' ? '' : path).replace(/\/$/, '')} ${words}`);
      expect(run.stderr).toMatch(/^fix: /m);
    }
  });

  it('SQL DuckDB refuses is its error, exit 1; a write is refused by the read-only database', async () => {
    const missing = await cli('SELECT * FROM nowhere', '--db', 'shop.duckdb');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Table with name nowhere does not exist');
    const write = await cli('DELETE FROM orders', '--db', 'shop.duckdb', '--analyze');
    expect(write.code).toBe(1);
    expect(write.stderr).toContain('read-only');
    const count = await cli('SELECT * FROM orders', '--db', 'shop.duckdb', '--analyze');
    expect(count.stdout).toContain('8,000 rows returned');
  });

  it('no SQL is a usage error', async () => {
    const run = await cli('--db', 'shop.duckdb');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no SQL given');
  });
});
