/** A filtered count whose comparison is written the other way round in the variant: a no-op change. */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'filtered count': (ctx) => ctx.connection.scalar('SELECT count(*) FROM facts WHERE amount > 500'),
  },
});
