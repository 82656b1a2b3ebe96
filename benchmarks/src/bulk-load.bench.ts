/**
 * Claim: bulk loads belong to DuckDB's own readers: COPY or CREATE TABLE AS from Parquet beat
 * CSV, and both beat pushing rows from JS; the appender is the fast path when data is in JS.
 * 1M rows (4M in the full profile) of four columns.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { defineSuite, type SuiteContext } from '@frozen-duckdb/bench';
import { rowsFor } from './data.js';

const TARGET = 'CREATE OR REPLACE TABLE target (id INTEGER, grp INTEGER, name VARCHAR, amount DOUBLE)';
const reset = (ctx: SuiteContext<unknown>) => ctx.connection.run(TARGET);

export default defineSuite({
  name: 'bulk-load',
  async setup(ctx) {
    const rows = rowsFor(ctx.profile, 1_000_000, 4_000_000);
    const csv = join(ctx.tmpDir, 'rows.csv');
    const parquet = join(ctx.tmpDir, 'rows.parquet');
    await ctx.connection.run(`CREATE TABLE source AS SELECT i::INTEGER AS id, (i % 1000)::INTEGER AS grp,
      'name ' || (i % 5000) AS name, ((i * 7919) % 100003) / 100.0 AS amount FROM range(${rows}) t(i)`);
    await ctx.connection.copyTo({ table: 'source' }, csv, { format: 'csv' });
    await ctx.connection.copyTo({ table: 'source' }, parquet, { format: 'parquet' });
    const columns: [number[], number[], string[], number[]] = [[], [], [], []];
    for (let i = 0; i < rows; i++) {
      columns[0].push(i);
      columns[1].push(i % 1000);
      columns[2].push(`name ${i % 5000}`);
      columns[3].push(((i * 7919) % 100003) / 100);
    }
    await ctx.connection.run('DROP TABLE source');
    ctx.note('rows', rows, 'rows');
    ctx.note('CSV file', statSync(csv).size, 'bytes');
    ctx.note('Parquet file', statSync(parquet).size, 'bytes');
    return { csv, parquet, columns };
  },
  benchmarks: {
    'appender from JS columns': {
      group: 'load',
      beforeEach: reset,
      run: async (ctx) => {
        const appender = await ctx.connection.appender('target');
        appender.appendColumns(ctx.data.columns);
        appender.close();
      },
    },
    'COPY FROM csv': { group: 'load', beforeEach: reset, run: (ctx) => ctx.connection.copyFrom('target', ctx.data.csv) },
    'COPY FROM parquet': { group: 'load', beforeEach: reset, run: (ctx) => ctx.connection.copyFrom('target', ctx.data.parquet) },
    'CREATE TABLE AS read_csv': {
      group: 'load',
      run: (ctx) => ctx.connection.run(`CREATE OR REPLACE TABLE target AS SELECT * FROM read_csv('${ctx.data.csv}')`),
    },
    'CREATE TABLE AS read_parquet': {
      group: 'load',
      run: (ctx) => ctx.connection.run(`CREATE OR REPLACE TABLE target AS SELECT * FROM read_parquet('${ctx.data.parquet}')`),
    },
  },
});
