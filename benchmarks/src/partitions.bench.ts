/**
 * Claim: partition Parquet by the columns you filter on (hive layout, `PARTITION_BY (year, month)`):
 * a filter on the partition key reads only its folders, at the price of a slower write and many
 * small files. 100k sales rows (5M in the full profile) over 5 years x 12 months, the months not in
 * row order (as when events arrive late), written as one Parquet file and as 60 partitions; the same
 * query filtered on the partition key (one month) and off it (an amount range). File counts and sizes
 * are noted.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineSuite } from '@frozen-duckdb/bench';
import { quoteLiteral } from '@frozen-duckdb/core';
import { rowsFor } from './data.js';

const LAYOUTS = { layout: ['one file', 'hive partitions'] };

/** Every file under `dir` with its size. */
function filesUnder(dir: string): number[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => statSync(join(e.parentPath, e.name)).size);
}

const singlePath = (tmpDir: string) => join(tmpDir, 'sales.parquet');
const hivePath = (tmpDir: string) => join(tmpDir, 'sales-hive');
// What the write benchmark writes, away from the files the queries read.
const written = (layout: string | number | boolean, tmpDir: string) => join(tmpDir, layout === 'one file' ? 'written.parquet' : 'written-hive');

function copySql(layout: string | number | boolean, target: string): string {
  return layout === 'one file'
    ? `COPY sales TO ${quoteLiteral(target)} (FORMAT parquet)`
    : `COPY sales TO ${quoteLiteral(target)} (FORMAT parquet, PARTITION_BY (year, month))`;
}

function source(layout: string | number | boolean, tmpDir: string): string {
  return layout === 'one file'
    ? `read_parquet(${quoteLiteral(singlePath(tmpDir))})`
    : `read_parquet(${quoteLiteral(join(hivePath(tmpDir), '**', '*.parquet'))}, hive_partitioning = true)`;
}

export default defineSuite({
  name: 'partitions',
  async setup(ctx) {
    const rows = rowsFor(ctx.profile, 100_000, 5_000_000);
    // The month of a row is a hash of its id: every row group of the one file holds every month.
    await ctx.connection.run(`CREATE TABLE sales AS
      SELECT i::INTEGER AS id, 2020 + (hash(i) % 5)::INTEGER AS year, 1 + (hash(i * 31) % 12)::INTEGER AS month,
             ((i * 7919) % 100003) / 100.0 AS amount, 'store ' || (i % 200) AS store
      FROM range(${rows}) t(i)`);
    await ctx.connection.run(copySql('one file', singlePath(ctx.tmpDir)));
    await ctx.connection.run(copySql('hive partitions', hivePath(ctx.tmpDir)));
    const partitions = filesUnder(hivePath(ctx.tmpDir));
    ctx.note('rows', rows, 'rows');
    ctx.note('one file', statSync(singlePath(ctx.tmpDir)).size, 'bytes');
    ctx.note(
      'hive partitions',
      partitions.reduce((a, b) => a + b, 0),
      'bytes',
    );
    ctx.note('hive partition files', partitions.length, 'files');
  },
  benchmarks: {
    'write (COPY TO)': {
      params: LAYOUTS,
      beforeEach: (ctx, { layout }) => rmSync(written(layout, ctx.tmpDir), { recursive: true, force: true }),
      run: (ctx, { layout }) => ctx.connection.run(copySql(layout, written(layout, ctx.tmpDir))),
    },
    'filter on the partition key (one month)': {
      params: LAYOUTS,
      run: async (ctx, { layout }) => {
        const rows = await ctx.connection.query<{ n: bigint }>(
          `SELECT count(*) AS n, sum(amount) AS total FROM ${source(layout, ctx.tmpDir)} WHERE year = 2023 AND month = 6`,
        );
        if (Number(rows[0]?.n) === 0) throw new Error('no rows for 2023-06');
      },
    },
    'filter off the partition key (amount range)': {
      params: LAYOUTS,
      run: async (ctx, { layout }) => {
        const rows = await ctx.connection.query<{ n: bigint }>(
          `SELECT count(*) AS n, sum(amount) AS total FROM ${source(layout, ctx.tmpDir)} WHERE amount BETWEEN 100 AND 110`,
        );
        if (Number(rows[0]?.n) === 0) throw new Error('no rows in the amount range');
      },
    },
  },
});
