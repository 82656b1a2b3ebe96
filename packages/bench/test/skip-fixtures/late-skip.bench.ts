// Runs in the first process and skips in the next: a skip after measuring is a failure, not a skip.
import { existsSync, writeFileSync } from 'node:fs';
import { defineSuite } from '@frozen-duckdb/bench';

export default defineSuite({
  name: 'late-skip',
  setup(ctx) {
    const marker = process.env['LATE_SKIP_MARKER'];
    if (!marker) return;
    if (existsSync(marker)) ctx.skip('the server went away');
    writeFileSync(marker, 'measured once');
  },
  benchmarks: { work: () => {} },
});
