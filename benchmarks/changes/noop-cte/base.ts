/** A group-by that the variant writes as a CTE: the same plan, a no-op change. */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'total per day': (ctx) => ctx.connection.columns('SELECT day, sum(amount) AS total FROM facts GROUP BY day'),
  },
});
