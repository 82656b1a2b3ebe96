'use strict';
// The starter suite the generator writes: pure text, so a test can run it as it is written.

/**
 * A `*.bench.ts` suite with one table and three benchmarks, ready to run and to edit.
 * @param {{ name: string, project: string }} suite
 * @returns {string}
 */
function suiteSource({ name, project }) {
  return `/**
 * Starter suite for ${project}: replace the table and the queries with your own.
 *   npx nx run ${project}:bench            measure (gated against .performance_baseline once recorded)
 *   npx nx run ${project}:bench-record     record the baseline
 *   npx nx run ${project}:bench-compare    measure against the merge-base with origin/main, side by side
 */
import { defineSuite } from '@frozen-duckdb/bench';

export default defineSuite({
  name: ${JSON.stringify(name)},
  async setup(ctx) {
    // Data sizes follow the profile: quick (the default) for every run, full for a closer look.
    const rows = ctx.profile === 'full' ? 1_000_000 : 100_000;
    await ctx.connection.run(
      \`CREATE TABLE events AS SELECT range AS id, range % 50 AS kind, (range * 7919) % 1000 AS amount FROM range(\${rows})\`,
    );
    ctx.note('rows', rows, 'rows');
    return { statement: await ctx.connection.prepare('SELECT sum(amount) AS total FROM events WHERE kind = $1') };
  },
  teardown(ctx) {
    ctx.data.statement.close();
  },
  benchmarks: {
    'count rows': (ctx) => ctx.connection.scalar('SELECT count(*) FROM events'),
    'sum by kind': (ctx) => ctx.connection.query('SELECT kind, sum(amount) AS total FROM events GROUP BY kind'),
    'one kind, prepared': {
      params: { kind: [0, 49] },
      run: (ctx, { kind }) => ctx.data.statement.query([kind]),
    },
  },
  // Allowed slowdown before the regression gate fails (a fraction; the default is 10%).
  thresholds: { default: 0.1 },
});
`;
}

module.exports = { suiteSource };
