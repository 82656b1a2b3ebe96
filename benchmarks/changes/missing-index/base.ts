/** 100 point lookups by key on shuffled rows; the variant's table lost its index (a dropped CREATE INDEX). */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  async setup(ctx) {
    await createFacts(ctx);
    await ctx.connection.run('CREATE TABLE shuffled AS SELECT * FROM facts ORDER BY hash(id)');
    await ctx.connection.run('CREATE INDEX shuffled_id ON shuffled (id)');
  },
  benchmarks: {
    '100 lookups': async (ctx) => {
      const statement = await ctx.connection.prepare('SELECT amount FROM shuffled WHERE id = $1');
      for (let i = 0; i < 100; i++) await statement.query([(i * 7_919) % 1_000_000]);
      statement.close();
    },
  },
});
