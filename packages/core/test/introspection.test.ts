import { existsSync } from 'node:fs';
import { Database, bindingInfo, flattenProfile, type Connection } from '../src/index.js';

let db: Database;
let connection: Connection;

beforeAll(async () => {
  db = await Database.open(':memory:', { settings: { threads: 2 } });
  connection = await db.connect();
  await connection.run('CREATE TABLE facts AS SELECT i AS id, i % 7 AS grp FROM range(50000) t(i)');
});
afterAll(() => db.close());

describe('profiling', () => {
  it('EXPLAIN ANALYZE gives an operator tree with timing and cardinality', async () => {
    const profile = await connection.explainAnalyze('SELECT grp, count(*) FROM facts GROUP BY grp');
    expect(profile.latency).toBeGreaterThan(0);
    expect(profile.tree).toHaveLength(1);
    const nodes = flattenProfile(profile.tree);
    const groupBy = nodes.find((n) => n.operator.endsWith('GROUP_BY'));
    expect(groupBy?.cardinality).toBe(7);
    const scan = nodes.find((n) => n.operator === 'TABLE_SCAN');
    expect(scan?.cardinality).toBe(50000);
    expect(nodes.every((n) => n.timing >= 0)).toBe(true);
    expect(nodes.map((n) => n.operator)).not.toContain('EXPLAIN_ANALYZE');
    // The rows the query returned, not the EXPLAIN statement's own (none).
    expect(profile.rowsReturned).toBe(7);
  });

  it('EXPLAIN gives the plan without running it', async () => {
    const plan = await connection.explain('SELECT * FROM facts WHERE id = 5');
    const names: string[] = [];
    const walk = (node: typeof plan) => {
      names.push(node.operator);
      node.children.forEach(walk);
    };
    walk(plan);
    expect(names.some((n) => n.includes('SCAN'))).toBe(true);
  });
});

describe('resources', () => {
  it('reports DuckDB memory by component and the process RSS', async () => {
    const report = await connection.memoryReport();
    expect(report.duckdbBytes).toBeGreaterThan(0);
    expect(report.components.map((c) => c.tag)).toContain('IN_MEMORY_TABLE');
    expect(report.databases[0]?.name).toBe('memory');
    expect(report.process.rssBytes).toBeGreaterThan(report.duckdbBytes);
  });

  it('reads and writes settings', async () => {
    expect(await connection.getSetting('threads')).toBe('2');
    await connection.setSetting('threads', 1);
    expect(await connection.getSetting('threads')).toBe('1');
    expect(await connection.getSetting('autoinstall_known_extensions')).toBe('false');
  });
});

describe('extensions', () => {
  it('lists the built-in extensions as loaded', async () => {
    const builtIn = (await connection.extensions()).filter((e) => e.builtIn).map((e) => e.name);
    expect(builtIn).toEqual(expect.arrayContaining(['parquet', 'json', 'icu']));
  });

  it('says plainly when an extension is not installed, without trying the network', async () => {
    const outcome = await connection.tryLoadExtension('tpch');
    if (outcome.ok) return; // a machine that installed tpch once: loading it is the right answer
    expect(outcome.status).toBe('not-installed');
    expect(outcome.message).toMatch(/not installed/);
    expect(await connection.tryLoadExtension('parquet')).toMatchObject({ ok: true, status: 'already-loaded' });
    expect(await connection.tryLoadExtension('no_such_ext')).toMatchObject({ ok: false, status: 'unknown' });
  });
});

describe('binding info', () => {
  it('names the versions and the files of the installed engine', async () => {
    const info = await bindingInfo();
    expect(info.duckdbVersion).toMatch(/^v\d+\.\d+\.\d+/);
    expect(info.nodeApi.version).toBe(info.bindings.version);
    expect(info.platformPackage.name).toBe(`@duckdb/node-bindings-${process.platform}-${process.arch}${info.platform.libc === 'musl' ? '-musl' : ''}`);
    expect(existsSync(info.bindingPath)).toBe(true);
    expect(existsSync(info.libraryPath)).toBe(true);
  });
});
