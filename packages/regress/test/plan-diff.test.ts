import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, groupByQuery, operatorLabel, type Connection, type QueryRuns } from '@frozen-duckdb/core';
import { diffPlans, type DiffNode } from '../src/diagnose/plan-diff.js';

let db: Database;
let connection: Connection;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plan-diff-'));
  db = await Database.open(':memory:', { settings: { threads: 1 } });
  connection = await db.connect();
  await connection.run(`CREATE TABLE orders AS SELECT range AS id, range % 50 AS customer, range * 3 % 1000 AS amount FROM range(30000);
    CREATE TABLE customers AS SELECT range AS id, 'c' || range AS name, range % 5 AS region FROM range(50);
    CREATE TABLE regions AS SELECT range AS id, 'r' || range AS label FROM range(5)`);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a benchmark call running these statements leaves: DuckDB's own profiles, grouped. */
async function profiled(statements: string[]): Promise<QueryRuns[]> {
  const { capture } = await connection.captureProfiles(join(dir, 'profile.json'), async () => {
    for (const sql of statements) await connection.query(sql);
  });
  return groupByQuery(capture.profiles);
}

const labels = (nodes: DiffNode[], change: DiffNode['change']): string[] =>
  nodes.flatMap((n) => [...(n.change === change ? [n.label] : []), ...labels(n.children, change)]);

describe('diffPlans on profiles from DuckDB', () => {
  it('names an added ORDER BY, and keeps the operators both sides share matched', async () => {
    const base = await profiled(['SELECT id, amount FROM orders WHERE amount > 10']);
    const candidate = await profiled(['SELECT id, amount FROM orders WHERE amount > 10 ORDER BY amount, id']);
    const diff = diffPlans(base, candidate);
    expect(diff.queries).toHaveLength(1);
    const [query] = diff.queries;
    expect(query?.change).toBe('changed');
    expect(query?.baseQuery).toBe('SELECT id, amount FROM orders WHERE amount > 10');
    expect(labels(query?.candidate ?? [], 'added')).toContain('ORDER_BY');
    expect(labels(query?.candidate ?? [], 'matched')).toContain('SEQ_SCAN orders');
    expect(labels(query?.base ?? [], 'removed')).toEqual([]);
    // The sort is new work: among the operators that added time (a 30,000-row sort outweighs any scan's noise).
    expect(diff.top.map((c) => c.label)).toContain('ORDER_BY');
    const sort = diff.top.find((c) => c.label === 'ORDER_BY');
    expect(sort?.change).toBe('added');
    expect(sort?.baseMs).toBe(0);
    expect(sort?.rows.candidate).toBeGreaterThan(0);
  });

  it('names an added join and its scan, and a removed one the other way round', async () => {
    const plain = 'SELECT count(*) FROM orders o JOIN customers c ON o.customer = c.id';
    const joined = 'SELECT count(*) FROM orders o JOIN customers c ON o.customer = c.id JOIN regions r ON c.region = r.id';
    const diff = diffPlans(await profiled([plain]), await profiled([joined]));
    const added = labels(diff.queries[0]?.candidate ?? [], 'added');
    expect(added).toContain('SEQ_SCAN regions');
    expect(added.some((l) => l.startsWith('HASH_JOIN'))).toBe(true);
    const back = diffPlans(await profiled([joined]), await profiled([plain]));
    expect(labels(back.queries[0]?.base ?? [], 'removed')).toContain('SEQ_SCAN regions');
    expect(labels(back.queries[0]?.candidate ?? [], 'added')).toEqual([]);
  });

  it('pairs operators of one label by the rows they produced: a projection above a new grouping is not taken for one below it', async () => {
    const base = await profiled(['SELECT customer, sum(amount) FROM orders GROUP BY customer']);
    const candidate = await profiled([
      'SELECT c.name, sum(o.amount) AS total FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.name ORDER BY total DESC',
    ]);
    const matched = (nodes: DiffNode[]): DiffNode[] => nodes.flatMap((n) => [...(n.change === 'matched' ? [n] : []), ...matched(n.children)]);
    const projections = matched(diffPlans(base, candidate).queries[0]?.candidate ?? []).filter((n) => n.label === 'PROJECTION');
    expect(projections.length).toBeGreaterThan(0);
    for (const p of projections) expect(p.rows).toBe(p.other?.rows);
  });

  it('says when the same tables are joined in another order', async () => {
    const sql = 'SELECT count(*) FROM orders o JOIN customers c ON o.customer = c.id';
    const base = await profiled([sql]);
    // Without the join-order optimizer DuckDB builds the hash table on the side written second.
    await connection.run("SET disabled_optimizers = 'join_order,build_side_probe_side'");
    const candidate = await profiled(['SELECT count(*) FROM customers c JOIN orders o ON o.customer = c.id']);
    await connection.run('RESET disabled_optimizers');
    const order = diffPlans(base, candidate).queries[0]?.joinOrder;
    expect(order?.base).toEqual(['SEQ_SCAN orders', 'SEQ_SCAN customers']);
    expect(order?.candidate).toEqual(['SEQ_SCAN customers', 'SEQ_SCAN orders']);
    expect(diffPlans(base, base).queries[0]?.joinOrder).toBeUndefined();
  });

  it('pairs statements by text first, then in order; one only a side ran is added or removed', async () => {
    const base = await profiled(['SELECT count(*) FROM orders', 'SELECT max(amount) FROM orders']);
    const candidate = await profiled([
      'SELECT max(amount) FROM orders',
      'SELECT count(*) FROM orders',
      'SELECT count(*) FROM customers',
      'SELECT count(*) FROM orders',
    ]);
    const diff = diffPlans(base, candidate);
    expect(diff.queries.map((q) => [q.query, q.change, q.baseRuns, q.candidateRuns])).toEqual([
      ['SELECT max(amount) FROM orders', 'same', 1, 1],
      ['SELECT count(*) FROM orders', 'same', 1, 2],
      ['SELECT count(*) FROM customers', 'added', 0, 1],
    ]);
    expect(labels(diff.queries[2]?.candidate ?? [], 'added')).toContain('SEQ_SCAN customers');
  });

  it('labels scans by table and joins by type and condition', async () => {
    const [runs] = await profiled(['SELECT count(*) FROM orders o JOIN customers c ON o.customer = c.id']);
    const join = runs?.profile.tree
      .flatMap(function all(n): typeof runs.profile.tree {
        return [n, ...n.children.flatMap(all)];
      })
      .find((n) => n.operator === 'HASH_JOIN');
    expect(join && operatorLabel(join)).toMatch(/^HASH_JOIN INNER customer = id$/);
  });
});
