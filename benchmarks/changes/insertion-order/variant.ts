/** A table copied with CREATE TABLE AS with preserve_insertion_order off; the variant leaves it at its default (on). */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  async setup(ctx) {
    await createFacts(ctx);
  },
  benchmarks: {
    'copy a table': (ctx) => ctx.connection.run('CREATE OR REPLACE TABLE copied AS SELECT * FROM facts WHERE amount > 10'),
  },
});
