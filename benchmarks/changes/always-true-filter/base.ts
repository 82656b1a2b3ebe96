/** A filtered count; the variant adds a predicate that every row passes (a guard left in a query builder). */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'filtered count': (ctx) => ctx.connection.scalar('SELECT count(*) FROM facts WHERE amount > 500'),
  },
});
