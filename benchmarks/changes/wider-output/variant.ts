/** 100k rows read into JS as columns; the variant also reads the grp column (a wider SELECT). */
import { defineSuite } from '@frozen-duckdb/bench';
import { createFacts } from '../facts.js';

export default defineSuite({
  name: 'change',
  setup: createFacts,
  benchmarks: {
    'read 100k rows': (ctx) => ctx.connection.columns('SELECT id, amount, grp FROM facts WHERE id < 100000'),
  },
});
