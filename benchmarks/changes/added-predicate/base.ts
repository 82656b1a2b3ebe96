/** A filtered sum; the variant adds a predicate on an integer column (a narrower business rule). */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'filtered sum': (ctx) => ctx.connection.scalar("SELECT sum(amount) FROM facts WHERE day >= DATE '2024-03-01'"),
  },
});
