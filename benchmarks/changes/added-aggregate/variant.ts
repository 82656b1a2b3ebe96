/** A group-by that gains a second aggregate in the variant (a report asks for one more figure). */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'report per group': (ctx) => ctx.connection.columns('SELECT grp, sum(amount) AS total, max(day) AS last_day FROM facts GROUP BY grp'),
  },
});
