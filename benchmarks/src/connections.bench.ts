/**
 * Claim: reuse one connection (and one database) instead of connecting per operation.
 * The same small query on a file database: on one kept connection, on a new connection per
 * query, and opening the database file itself per query.
 */
import { join } from 'node:path';
import { defineSuite } from '@frozen-duckdb/bench';
import { Database } from '@frozen-duckdb/core';
import { factsSql } from './data.js';

const QUERY = 'SELECT count(*) AS n, sum(amount) AS total FROM facts WHERE grp = 7';

export default defineSuite({
  name: 'connections',
  async setup(ctx) {
    const settings = { threads: ctx.settings['threads'] ?? '2', memory_limit: ctx.settings['memory_limit'] ?? '4GB' };
    // Two copies: one kept open, one opened per query (a file open twice in a process would share its instance).
    const kept = join(ctx.tmpDir, 'kept.duckdb');
    const reopened = join(ctx.tmpDir, 'reopened.duckdb');
    for (const path of [kept, reopened]) {
      const db = await Database.open(path, { settings });
      const connection = await db.connect();
      await connection.run(factsSql('facts', 100_000));
      db.close();
    }
    const db = await Database.open(kept, { settings });
    return { db, connection: await db.connect(), reopened, settings };
  },
  async teardown(ctx) {
    ctx.data.db.close();
  },
  benchmarks: {
    'one connection, reused': { group: 'query', run: (ctx) => ctx.data.connection.query(QUERY) },
    'a new connection per query': {
      group: 'query',
      run: async (ctx) => {
        const connection = await ctx.data.db.connect();
        await connection.query(QUERY);
        connection.close();
      },
    },
    'open the database per query': {
      group: 'query',
      run: async (ctx) => {
        const db = await Database.open(ctx.data.reopened, { settings: ctx.data.settings });
        const connection = await db.connect();
        await connection.query(QUERY);
        db.close();
      },
    },
  },
});
