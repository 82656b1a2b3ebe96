/** A join and group-by with DuckDB's threads left at the pinned setting; the variant sets threads = 1. */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  async setup(ctx) {
    await createFacts(ctx);
    await ctx.connection.run('SET threads = 1');
  },
  benchmarks: {
    'join and group': (ctx) => ctx.connection.columns('SELECT f.grp, count(*) AS n FROM facts f JOIN facts g ON f.id = g.id + 1 GROUP BY f.grp'),
  },
});
