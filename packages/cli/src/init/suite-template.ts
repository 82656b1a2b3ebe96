// The starter suite a project gets: pure text, so a test can run it exactly as it is written.

import { extent } from '@frozen-duckdb/bench';

/** How the project runs its suites, for the commands the suite's header lists. */
export type SuiteRunner = { runner: 'nx'; project: string } | { runner: 'npm' };

/** A `*.bench.ts` suite with one table and three benchmarks, ready to run and to edit. */
export function suiteSource(name: string, how: SuiteRunner): string {
  const commands =
    how.runner === 'nx'
      ? [
          [`npx nx run ${how.project}:bench`, 'measure (gated against .performance_baseline once recorded)'],
          [`npx nx run ${how.project}:bench-record`, 'record the baseline'],
          [`npx nx run ${how.project}:bench-compare`, 'measure against the merge-base with origin/main, side by side'],
        ]
      : [
          ['npm run bench', 'measure (gated against .performance_baseline once recorded)'],
          ['npm run bench:record', 'record the baseline'],
          ['npm run bench:compare', 'measure against the merge-base with origin/main, side by side'],
        ];
  const width = extent(commands.map(([command]) => command!.length)).max + 4;
  const owner = how.runner === 'nx' ? how.project : 'this project';
  return `/**
 * Starter suite for ${owner}: replace the table and the queries with your own.
${commands.map(([command, what]) => ` *   ${command!.padEnd(width)}${what}`).join('\n')}
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

/** A suite name is its file name: letters, digits, '-' and '_'. */
export const SUITE_NAME = /^[A-Za-z0-9][\w-]*$/;
