import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database, quoteLiteral } from '@frozen-duckdb/core';
import { InputFileError, isGlobPattern, literalReaderPath, readerPath } from '../src/index.js';
import { tempDir } from './helpers.js';

describe('paths DuckDB would expand as a pattern', () => {
  const dir = tempDir('literal');
  // Three files, one of them named like a pattern that matches the other two.
  mkdirSync(join(dir, 'g'));
  writeFileSync(join(dir, 'g', 'x1.csv'), 'a\n1\n');
  writeFileSync(join(dir, 'g', 'x2.csv'), 'a\n2\n');
  writeFileSync(join(dir, 'g', 'x[12].csv'), 'a\n99\n');
  mkdirSync(join(dir, '.d*?[1]'));
  writeFileSync(join(dir, '.d*?[1]', 'f*.csv'), 'a\n7\n');
  // A backslash: DuckDB's glob takes it as a separator, so no pattern names this file.
  mkdirSync(join(dir, 'b\\-[1]'));
  writeFileSync(join(dir, 'b\\-[1]', 'f;?.csv'), 'a\n8\n');
  writeFileSync(join(dir, 'b\\-[1]', 'f;q.csv'), 'a\n9\n');

  async function read(path: string): Promise<number[]> {
    const db = await Database.open(':memory:');
    try {
      const rows = await (await db.connect()).query<{ a: number }>(`SELECT a::INTEGER AS a FROM read_csv(${quoteLiteral(path)}) ORDER BY a`);
      return rows.map((r) => r.a);
    } finally {
      db.close();
    }
  }

  it('DuckDB reads a name with [...] as a pattern: the bug this module exists for', async () => {
    expect(await read(join(dir, 'g', 'x[12].csv'))).toEqual([1, 2]);
  });

  it('the literal form reads exactly the named file, glob characters in folders and hidden names too', async () => {
    expect(isGlobPattern(join(dir, 'g', 'x[12].csv'))).toBe(true);
    expect(await read(literalReaderPath(join(dir, 'g', 'x[12].csv')))).toEqual([99]);
    expect(await read(literalReaderPath(join(dir, '.d*?[1]', 'f*.csv')))).toEqual([7]);
    expect(await read(literalReaderPath(join(dir, 'g', 'x1.csv')))).toEqual([1]);
    expect(await read(literalReaderPath(join(dir, 'b\\-[1]', 'f;?.csv')))).toEqual([8]);
  });

  it('a missing name that looks like a pattern is refused, naming the flag that expands patterns', () => {
    expect(() => readerPath(join(dir, 'g', 'x*.csv'), { exists: false, name: '--input', globFlag: '--glob' })).toThrow(InputFileError);
    expect(() => readerPath(join(dir, 'g', 'x*.csv'), { exists: false, name: '--input', globFlag: '--glob' })).toThrow(/looks like a pattern/);
    expect(readerPath(join(dir, 'g', 'x*.csv'), { glob: true, exists: false, name: '--input' })).toBe(join(dir, 'g', 'x*.csv'));
  });
});
