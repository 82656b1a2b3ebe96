import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '@frozen-duckdb/core';
import { convertFile } from '../src/index.js';
import { formatFromExtension, tableNameFrom } from '../src/convert.js';
import { CsvScanner } from '../src/csv-check.js';
import { removeTempDirs, tempDir } from './temp-dirs.js';

afterAll(removeTempDirs);

async function describeFile(sql: string): Promise<{ types: string[][]; rows: string }> {
  const db = await Database.open(':memory:');
  try {
    const c = await db.connect();
    const types = (await c.query<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${sql}`)).map((r) => [r.column_name, r.column_type]);
    const rows = JSON.stringify(await c.queryJson(`SELECT * FROM ${sql} ORDER BY ALL`));
    return { types, rows };
  } finally {
    db.close();
  }
}

describe('convert', () => {
  const dir = tempDir('convert');
  const parquet = join(dir, 'items.parquet');

  beforeAll(async () => {
    const db = await Database.open(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT range::INTEGER AS id, 'item ' || range AS name, (range * 1.25)::DECIMAL(15,2) AS price,
      DATE '1995-01-01' + range::INTEGER AS day, CASE WHEN range % 3 = 0 THEN NULL ELSE range % 2 = 0 END AS flag
      FROM range(1000)) TO '${parquet}' (FORMAT parquet)`);
    db.close();
  });

  it('round-trips parquet -> duckdb -> parquet keeping rows and exact types', async () => {
    const db = join(dir, 'items.duckdb');
    const back = join(dir, 'back.parquet');
    const first = await convertFile({ input: parquet, output: db });
    expect(first).toMatchObject({ from: 'parquet', to: 'duckdb', table: 'items', rows: 1000 });
    const second = await convertFile({ input: db, output: back, table: 'items' });
    expect(second.rows).toBe(1000);
    const a = await describeFile(`read_parquet('${parquet}')`);
    const b = await describeFile(`read_parquet('${back}')`);
    expect(b).toEqual(a);
    expect(a.types).toEqual([
      ['id', 'INTEGER'],
      ['name', 'VARCHAR'],
      ['price', 'DECIMAL(15,2)'],
      ['day', 'DATE'],
      ['flag', 'BOOLEAN'],
    ]);
  });

  it('round-trips parquet -> csv -> parquet, -> tsv, -> json and -> ndjson keeping rows and the types CSV can carry', async () => {
    const csv = join(dir, 'items.csv');
    const result = await convertFile({ input: parquet, output: csv });
    expect(result.rows).toBe(1000);
    expect(result.ratio).toBeCloseTo(result.inputBytes / result.outputBytes);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('id,name,price,day,flag');
    const again = join(dir, 'again.parquet');
    expect((await convertFile({ input: csv, output: again })).rows).toBe(1000);
    const types = (await describeFile(`read_parquet('${again}')`)).types;
    expect(types.map((t) => t[1])).toEqual(['BIGINT', 'VARCHAR', 'DOUBLE', 'DATE', 'BOOLEAN']);
    for (const [file, format] of [
      ['items.tsv', 'tsv'],
      ['items.json', 'json'],
      ['items.ndjson', 'ndjson'],
    ] as const) {
      const out = join(dir, file);
      expect((await convertFile({ input: parquet, output: out })).to).toBe(format);
      expect((await convertFile({ input: out, output: join(dir, `${file}.parquet`) })).rows).toBe(1000);
    }
    expect(readFileSync(join(dir, 'items.json'), 'utf8').trimStart().startsWith('[')).toBe(true);
    expect(readFileSync(join(dir, 'items.ndjson'), 'utf8').split('\n')[0]?.startsWith('{')).toBe(true);
  });

  it('takes --from/--to over extensions', async () => {
    const out = join(dir, 'data.bin');
    const result = await convertFile({ input: parquet, output: out, to: 'csv' });
    expect(result.to).toBe('csv');
    expect(readFileSync(out, 'utf8').startsWith('id,name')).toBe(true);
    expect((await convertFile({ input: out, output: join(dir, 'data2.parquet'), from: 'csv' })).rows).toBe(1000);
  });

  it('knows formats and table names from file names', () => {
    expect(formatFromExtension('a/b.NDJSON')).toBe('ndjson');
    expect(formatFromExtension('x.csv.gz')).toBe('csv');
    expect(formatFromExtension('x.db')).toBe('duckdb');
    expect(formatFromExtension('x.txt')).toBeUndefined();
    expect(tableNameFrom('/d/2024-sales.csv.gz')).toBe('t_2024_sales');
  });
});

describe('CsvScanner', () => {
  const scan = (text: string, chunk = 3) => {
    const s = new CsvScanner();
    for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
    return s.finish();
  };
  it('accepts well-formed CSV, quoted delimiters and newlines included', () => {
    expect(scan('a,b\n1,2\n"x,y","multi\nline"\n')).toBeUndefined();
    expect(scan('a,b\r\n1,2\r\n')).toBeUndefined();
  });
  it('names the first line with the wrong field count', () => {
    expect(scan('a,b\n1,2\n3,4,5\n6,7\n')).toEqual({ line: 3, message: 'line 3 has 3 fields where the header has 2' });
    expect(scan('a,b\n"1\n2",3\n4\n')?.line).toBe(4);
  });
  it('names an unclosed quote', () => {
    expect(scan('a,b\n1,"2\n3,4\n')).toEqual({ line: 2, message: 'a quote opened on line 2 is never closed' });
  });
  it('leaves a malformed file unwritten', async () => {
    const dir = tempDir('badcsv');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n3,4,5\n');
    await expect(convertFile({ input: bad, output: join(dir, 'out.parquet') })).rejects.toThrow(/line 3 has 3 fields/);
    expect(readdirSync(dir)).toEqual(['bad.csv']);
  });
});
