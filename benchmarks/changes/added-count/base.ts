/** A group-by that gains a row count per group in the variant. */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'totals per day': (ctx) => ctx.connection.columns('SELECT day, sum(amount) AS total FROM facts GROUP BY day'),
  },
});
