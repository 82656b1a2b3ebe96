/**
 * Claim (the original guide): read big results in LIMIT/OFFSET pages of 10k rows. Measured
 * against streaming DuckDB's chunks and materialising everything at once, and row objects
 * against columns. 250k rows (2M in the full profile) of three columns, all read into JS.
 */
import { defineSuite } from '@frozen-duckdb/bench';
import { rowsFor } from './data.js';

const SELECT = 'SELECT id, grp, amount FROM facts';
const PAGE = 10_000;

// Most of their time is JavaScript converting values; identical runs counted their C API calls 1.6-3.6% apart.
const JS_ROWS = 'converts every row in JavaScript';

export default defineSuite({
  name: 'read-into-js',
  async setup(ctx) {
    const rows = rowsFor(ctx.profile, 250_000, 2_000_000);
    await ctx.connection.run(`CREATE TABLE facts AS
      SELECT i::INTEGER AS id, (i % 1000)::INTEGER AS grp, ((i * 7919) % 100003) / 100.0 AS amount FROM range(${rows}) t(i)`);
    ctx.note('rows', rows, 'rows');
    return { rows };
  },
  benchmarks: {
    'LIMIT/OFFSET pages of 10k': {
      group: 'read',
      run: async (ctx) => {
        let seen = 0;
        for (let offset = 0; ; offset += PAGE) {
          const page = await ctx.connection.query(`${SELECT} LIMIT ${PAGE} OFFSET ${offset}`);
          seen += page.length;
          if (page.length < PAGE) break;
        }
        if (seen !== ctx.data.rows) throw new Error(`paged ${seen} rows of ${ctx.data.rows}`);
      },
    },
    'LIMIT/OFFSET pages of 10k, ORDER BY id': {
      group: 'read',
      run: async (ctx) => {
        for (let offset = 0; ; offset += PAGE) {
          const page = await ctx.connection.query(`${SELECT} ORDER BY id LIMIT ${PAGE} OFFSET ${offset}`);
          if (page.length < PAGE) break;
        }
      },
    },
    'stream chunks of row objects': {
      group: 'read',
      run: async (ctx) => {
        let seen = 0;
        for await (const rows of ctx.connection.stream(SELECT)) seen += rows.length;
        if (seen !== ctx.data.rows) throw new Error(`streamed ${seen} rows of ${ctx.data.rows}`);
      },
    },
    'all rows as objects': { group: 'read', run: (ctx) => ctx.connection.query(SELECT), uncounted: JS_ROWS },
    'all rows as columns': { group: 'read', run: (ctx) => ctx.connection.columns(SELECT), uncounted: JS_ROWS },
  },
});
