/** A group-by whose 1,000-row result the variant sorts (ORDER BY grp): a small added cost. */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'total per group': (ctx) => ctx.connection.columns('SELECT grp, sum(amount) AS total FROM facts GROUP BY grp ORDER BY grp'),
  },
});
