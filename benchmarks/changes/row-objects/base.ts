/** 50k rows read into JS as columns; the variant reads them as row objects. */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'read 50k rows': (ctx) => ctx.connection.columns('SELECT id, grp, amount FROM facts WHERE id < 50000'),
  },
});
