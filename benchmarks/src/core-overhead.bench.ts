/**
 * Claim: @frozen-duckdb/core adds at most 5% to the @duckdb/node-api calls it wraps.
 * Each operation runs through core (via=core) and against the raw API (via=raw) on the very
 * connection core wraps: same data, same memory, only the wrapper differs. The two variants are
 * measured next to each other in every round, so "vs best" is the wrapper's cost.
 */
import { DuckDBDataChunk, INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import { defineSuite } from '@frozen-duckdb/bench';
import type { Connection } from '@frozen-duckdb/core';
import { rowsFor } from './data.js';

const GROUP_BY = 'SELECT grp, count(*) AS n, sum(amount) AS total FROM facts GROUP BY grp';
const READ_ALL = 'SELECT id, grp, amount FROM facts';
const SINK = 'CREATE OR REPLACE TABLE sink (id INTEGER, grp INTEGER, amount INTEGER)';
const VIA = { via: ['core', 'raw'] };

type Columns = [number[], number[], number[]];

async function appendCore(connection: Connection, columns: Columns): Promise<void> {
  const appender = await connection.appender('sink');
  appender.appendColumns(columns);
  appender.close();
}

// The raw API's own fastest path from JS columns: data chunks of 2,048 rows into the appender.
async function appendRaw(connection: DuckDBConnection, columns: Columns): Promise<void> {
  const appender = await connection.createAppender('sink');
  const rows = columns[0].length;
  for (let start = 0; start < rows; start += 2048) {
    const end = Math.min(start + 2048, rows);
    const chunk = DuckDBDataChunk.create([INTEGER, INTEGER, INTEGER], end - start);
    chunk.setColumns(columns.map((c) => c.slice(start, end)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

export default defineSuite({
  name: 'core-overhead',
  async setup(ctx) {
    const rows = rowsFor(ctx.profile, 200_000, 1_000_000);
    await ctx.connection.run(`CREATE OR REPLACE TABLE facts AS
      SELECT i AS id, i % 1000 AS grp, (i * 7919) % 100003 AS amount FROM range(${rows}) t(i)`);
    const columns: Columns = [[], [], []];
    for (let i = 0; i < rows; i++) {
      columns[0].push(i);
      columns[1].push(i % 1000);
      columns[2].push((i * 7919) % 100003);
    }
    ctx.note('rows', rows, 'rows');
    return { raw: ctx.connection.duckdb, columns };
  },
  benchmarks: {
    'SELECT 1 round trip': {
      params: VIA,
      run: async (ctx, { via }) =>
        via === 'core' ? ctx.connection.query('SELECT 1 AS x') : (await ctx.data.raw.runAndReadAll('SELECT 1 AS x')).getRowObjectsJS(),
    },
    'group-by': {
      params: VIA,
      run: async (ctx, { via }) => (via === 'core' ? ctx.connection.query(GROUP_BY) : (await ctx.data.raw.runAndReadAll(GROUP_BY)).getRowObjectsJS()),
    },
    'append rows from JS columns': {
      params: VIA,
      beforeEach: (ctx) => ctx.connection.run(SINK),
      run: (ctx, { via }) => (via === 'core' ? appendCore(ctx.connection, ctx.data.columns) : appendRaw(ctx.data.raw, ctx.data.columns)),
    },
    'read rows into JS objects': {
      params: VIA,
      // Identical runs counted its C API calls 0.5-1.3% apart: most of it is JavaScript building objects.
      uncounted: 'converts every row in JavaScript',
      run: async (ctx, { via }) => (via === 'core' ? ctx.connection.query(READ_ALL) : (await ctx.data.raw.runAndReadAll(READ_ALL)).getRowObjectsJS()),
    },
  },
  thresholds: { default: 0.1 },
});
