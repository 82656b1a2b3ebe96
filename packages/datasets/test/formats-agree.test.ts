import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '@frozen-duckdb/core';
import { generateTpch, loadTpchFolder, TPCH_TABLES, writeAnswers } from '../src/index.js';
import { removeTempDirs, tempDir } from './temp-dirs.js';

afterAll(removeTempDirs);

describe('the same data in .tbl, CSV and Parquet', () => {
  it('loads to the same tables and gives byte-identical answer files', async () => {
    const dir = tempDir('agree');
    const db = await Database.open(':memory:');
    try {
      const c = await db.connect();
      await generateTpch(c, { scale: 0.01, useExtension: false });
      for (const format of ['tbl', 'csv', 'parquet']) {
        const folder = join(dir, format);
        mkdirSync(folder);
        for (const table of TPCH_TABLES) {
          const path = join(folder, `${table}.${format}`);
          if (format === 'parquet') await c.run(`COPY ${table} TO '${path}' (FORMAT parquet)`);
          else if (format === 'csv') await c.run(`COPY ${table} TO '${path}' (FORMAT csv, HEADER true)`);
          else {
            // dbgen's layout: no header, '|' between fields and after the last one.
            await c.run(`COPY ${table} TO '${path}' (FORMAT csv, HEADER false, DELIMITER '|', QUOTE '')`);
            writeFileSync(path, readFileSync(path, 'utf8').replace(/\n/g, '|\n'));
          }
        }
      }
    } finally {
      db.close();
    }
    const answers: Record<string, string[]> = {};
    for (const format of ['tbl', 'csv', 'parquet']) {
      const other = await Database.open(':memory:');
      try {
        const c = await other.connect();
        await loadTpchFolder(c, join(dir, format));
        await writeAnswers(c, join(dir, `answers-${format}`));
        answers[format] = readdirSync(join(dir, `answers-${format}`))
          .sort()
          .map((f) => readFileSync(join(dir, `answers-${format}`, f), 'utf8'));
      } finally {
        other.close();
      }
    }
    expect(answers.tbl).toHaveLength(22);
    expect(answers.csv).toEqual(answers.tbl);
    expect(answers.parquet).toEqual(answers.tbl);
  });
});
