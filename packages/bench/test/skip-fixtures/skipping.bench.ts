// Skips itself in setup, as a suite does when what it measures is not on this machine.
import { defineSuite } from '@frozen-duckdb/bench';

export default defineSuite({
  name: 'skipping',
  setup(ctx) {
    ctx.skip('no server at 127.0.0.1:9 (ECONNREFUSED)');
  },
  benchmarks: {
    first: () => {},
    second: { params: { n: [1, 2] }, run: () => {} },
  },
});
