import { Database, type Connection } from '../src/index.js';

let db: Database;
let connection: Connection;

beforeAll(async () => {
  db = await Database.open(':memory:', { settings: { threads: 2 } });
  connection = await db.connect();
});
afterAll(() => db.close());

describe('queries', () => {
  it('returns every row of a result larger than one DuckDB chunk', async () => {
    const rows = await connection.query<{ i: bigint }>('SELECT i FROM range(5000) t(i) ORDER BY i');
    expect(rows).toHaveLength(5000);
    expect(rows[2048]?.i).toBe(2048n);
    expect(rows[4999]?.i).toBe(4999n);
  });

  it('binds positional and named parameters with the types DuckDB inferred', async () => {
    await connection.run('CREATE TABLE people (id INTEGER, name VARCHAR, born DATE, balance DECIMAL(15,2))');
    await connection.run('INSERT INTO people VALUES (?, ?, ?, ?)', [1, 'ada', new Date(Date.UTC(1815, 11, 10)), 12.5]);
    await connection.run('INSERT INTO people VALUES ($id, $name, $born, $balance)', {
      id: 2,
      name: "o'brien",
      born: new Date(Date.UTC(1990, 0, 2)),
      balance: '7.25',
    });
    const rows = await connection.queryJson('SELECT * FROM people ORDER BY id');
    expect(rows).toEqual([
      { id: 1, name: 'ada', born: '1815-12-10', balance: '12.50' },
      { id: 2, name: "o'brien", born: '1990-01-02', balance: '7.25' },
    ]);
  });

  it('runs a prepared statement many times with different values', async () => {
    await connection.run('CREATE TABLE squares (n INTEGER, sq BIGINT)');
    const insert = await connection.prepare('INSERT INTO squares VALUES (?, ?)');
    for (let n = 1; n <= 50; n++) expect(await insert.run([n, BigInt(n * n)])).toBe(1);
    insert.close();
    const lookup = await connection.prepare('SELECT sq FROM squares WHERE n = ?');
    expect(await lookup.query([7])).toEqual([{ sq: 49n }]);
    expect(await lookup.query([50])).toEqual([{ sq: 2500n }]);
    await expect(lookup.query([1, 2])).rejects.toThrow(/expected 1 parameter/);
    lookup.close();
    await expect(lookup.query([7])).rejects.toThrow(/prepared statement is closed/);
  });

  it('streams a large result chunk by chunk', async () => {
    let rows = 0;
    let chunks = 0;
    let sum = 0n;
    for await (const chunk of connection.stream<{ i: bigint }>('SELECT i FROM range(100000) t(i)')) {
      chunks += 1;
      rows += chunk.length;
      for (const row of chunk) sum += row.i;
      expect(chunk.length).toBeLessThanOrEqual(2048);
    }
    expect(rows).toBe(100000);
    expect(chunks).toBeGreaterThanOrEqual(49);
    expect(sum).toBe(4999950000n);
  });

  it('streams with parameters', async () => {
    const seen: number[] = [];
    for await (const chunk of connection.stream<{ i: number }>('SELECT i::INTEGER AS i FROM range(10) t(i) WHERE i >= ?', [7])) {
      seen.push(...chunk.map((r) => r.i));
    }
    expect(seen).toEqual([7, 8, 9]);
  });

  it('returns columnar results with DuckDB type names', async () => {
    const result = await connection.columns('SELECT i::INTEGER AS i, i::VARCHAR AS s FROM range(3) t(i)');
    expect(result.names).toEqual(['i', 's']);
    expect(result.types).toEqual(['INTEGER', 'VARCHAR']);
    expect(result.columns).toEqual({ i: [0, 1, 2], s: ['0', '1', '2'] });
    expect(result.rowCount).toBe(3);
  });

  it('returns a scalar', async () => {
    expect(await connection.scalar('SELECT 40 + 2')).toBe(42);
    expect(await connection.scalar('SELECT 1 WHERE false')).toBeUndefined();
  });
});
