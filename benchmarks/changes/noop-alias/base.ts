/** A group-by whose result column is renamed in the variant: the same work, a no-op change. */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'total per group': (ctx) => ctx.connection.columns('SELECT grp, sum(amount) AS total FROM facts GROUP BY grp'),
  },
});
