import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, copyToSql, formatFromPath, type Connection } from '../src/index.js';

let db: Database;
let connection: Connection;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'core-copy-'));
  db = await Database.open(':memory:');
  connection = await db.connect();
  await connection.run(`CREATE TABLE src AS SELECT i::INTEGER AS id, 'row ' || i AS label, DATE '2024-01-01' + i::INTEGER AS day
                        FROM range(3000) t(i)`);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('COPY helpers', () => {
  it.each(['out.csv', 'out.parquet', 'out.json', 'out.tsv'])('round-trips a table through %s', async (file) => {
    const path = join(dir, file);
    expect(await connection.copyTo({ table: 'src' }, path, file.endsWith('.parquet') ? { compression: 'zstd' } : {})).toBe(3000);
    expect(statSync(path).size).toBeGreaterThan(0);
    const table = `back_${file.replace('.', '_')}`;
    await connection.run(`CREATE TABLE ${table} (id INTEGER, label VARCHAR, day DATE)`);
    expect(await connection.copyFrom(table, path)).toBe(3000);
    const diff = await connection.scalar(`SELECT count(*) FROM (SELECT * FROM src EXCEPT SELECT * FROM ${table})`);
    expect(diff).toBe(0n);
  });

  it('copies a query, not only a table', async () => {
    const path = join(dir, 'even.parquet');
    expect(await connection.copyTo({ query: 'SELECT * FROM src WHERE id % 2 = 0' }, path)).toBe(1500);
  });

  it('quotes paths and names, and infers formats from extensions', () => {
    expect(copyToSql({ table: 'my "t"' }, "/tmp/it's.csv")).toBe(`COPY "my ""t""" TO '/tmp/it''s.csv' (FORMAT csv, HEADER true)`);
    expect(formatFromPath('a/b.PARQUET')).toBe('parquet');
    expect(formatFromPath('x.ndjson')).toBe('json');
    expect(formatFromPath('x.csv.gz')).toBe('csv');
    expect(formatFromPath('x.xlsx')).toBeUndefined();
  });
});
