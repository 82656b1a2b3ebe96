/**
 * Claim: several connections let queries run in parallel; one connection runs them one at a time.
 * Four aggregate queries over 1M rows: one after another on one connection, all at once on one
 * connection, and all at once on four connections (DuckDB's pinned thread pool is shared).
 */
import { defineSuite } from '@frozen-duckdb/bench';
import type { Connection } from '@frozen-duckdb/core';
import { factsSql, rowsFor } from './data.js';

const QUERIES = Array.from({ length: 4 }, (_, i) => `SELECT grp, sum(amount) AS total FROM facts WHERE grp % 4 = ${i} GROUP BY grp`);

export default defineSuite({
  name: 'parallel',
  async setup(ctx) {
    const rows = rowsFor(ctx.profile, 1_000_000, 10_000_000);
    await ctx.connection.run(factsSql('facts', rows));
    const connections: Connection[] = [];
    for (let i = 0; i < QUERIES.length; i++) connections.push(await ctx.db.connect());
    ctx.note('rows', rows, 'rows');
    return { connections };
  },
  benchmarks: {
    'one connection, one query after another': {
      group: '4 queries',
      run: async (ctx) => {
        for (const sql of QUERIES) await ctx.connection.query(sql);
      },
    },
    'one connection, all at once': { group: '4 queries', run: (ctx) => Promise.all(QUERIES.map((sql) => ctx.connection.query(sql))) },
    'four connections, all at once': {
      group: '4 queries',
      run: (ctx) => Promise.all(QUERIES.map((sql, i) => (ctx.data.connections[i] as Connection).query(sql))),
    },
  },
});
