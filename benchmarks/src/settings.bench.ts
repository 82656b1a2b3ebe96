/**
 * Claim: more threads speed up aggregates and joins, and a tight memory_limit makes DuckDB
 * spill to disk rather than fail, at a cost. An aggregate with one group per customer and a join
 * of the facts to the customers (quick: 2M facts, 1M customers; full: 10M and 5M), at threads 1
 * and 2, with the pinned memory limit and with 64MB. Results are reduced to one row: a 1M-row
 * result table would itself sit in the 64MB and made the aggregate fail now and then (Out of
 * Memory at 61 of 61 MiB), which measured the output, not the spill.
 */
import { defineSuite } from '@frozen-duckdb/bench';
import { rowsFor } from './data.js';

const MATRIX = { threads: [1, 2], memory_limit: ['4GB', '64MB'] };

async function withSettings(ctx: { connection: { run(sql: string): Promise<number> } }, threads: number, limit: string, sql: string) {
  await ctx.connection.run(`SET threads = ${threads}; SET memory_limit = '${limit}'`);
  return ctx.connection.run(sql);
}

export default defineSuite({
  name: 'settings',
  // What it measures (threads, spilling under a memory limit) is what instruction counts can't see:
  // identical runs counted up to 4.4% apart (docs/instructions.md).
  uncounted: 'sets threads and memory_limit itself: work on other threads and spilling are not counted alike',
  async setup(ctx) {
    const rows = rowsFor(ctx.profile, 1_000_000, 5_000_000);
    await ctx.connection.run(`CREATE TABLE facts AS SELECT i AS id, hash(i) % ${rows} AS customer, (i * 7919) % 100003 AS amount FROM range(${2 * rows}) t(i)`);
    await ctx.connection.run(`CREATE TABLE customers AS SELECT i AS customer, 'c' || i AS name FROM range(${rows}) t(i)`);
    ctx.note('fact rows', 2 * rows, 'rows');
    ctx.note('customers', rows, 'rows');
  },
  async teardown(ctx) {
    await ctx.connection.run(`SET threads = ${ctx.settings['threads']}; SET memory_limit = '${ctx.settings['memory_limit']}'`);
  },
  benchmarks: {
    'aggregate by customer': {
      params: MATRIX,
      run: (ctx, { threads, memory_limit }) =>
        withSettings(
          ctx,
          threads,
          memory_limit,
          'SELECT count(*), sum(total) FROM (SELECT customer, sum(amount) AS total, count(*) AS n FROM facts GROUP BY customer)',
        ),
    },
    'join facts to customers': {
      params: MATRIX,
      run: (ctx, { threads, memory_limit }) =>
        withSettings(ctx, threads, memory_limit, 'SELECT count(*), max(length(c.name)), sum(f.amount) FROM facts f JOIN customers c USING (customer)'),
    },
  },
});
