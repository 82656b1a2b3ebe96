// The baseline gate on instruction counts, as a user runs it: `baseline record --measure instructions`, a
// commit that adds aggregates, then `bench --measure instructions`, all real (CLI, git, DuckDB, valgrind).
// Slow, so not part of `npm test`: `npx nx run @frozen-duckdb/regress:test-valgrind`.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findValgrind } from '@frozen-duckdb/env';
import { runCli } from '../../../../tools/testing/run-cli.js';
import { git, scratchProject } from '../../../../tools/testing/scratch-project.js';
import type { Baseline } from '../../src/index.js';

const suite = (aggregates: string) => `import { defineSuite } from '@frozen-duckdb/bench';
export default defineSuite({
  name: 'tiny',
  async setup(ctx) {
    await ctx.connection.run('CREATE TABLE t AS SELECT range AS i, range % 7 AS g FROM range(50000)');
  },
  benchmarks: {
    same: (ctx) => ctx.connection.query('SELECT g, count(*) FROM t WHERE i % 3 = 0 GROUP BY g'),
    changed: (ctx) => ctx.connection.query('SELECT g, ${aggregates} FROM t GROUP BY g'),
  },
});
`;

const available = !('missing' in findValgrind());
const maybe = available ? describe : describe.skip;

maybe('the baseline gate on instruction counts', () => {
  const project = scratchProject('fd-baseline-counts-', { files: { 'tiny.bench.ts': suite('sum(i)') } });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('records counts, then fails a commit whose count grew, confirmed by counting both commits side by side', async () => {
    git(project, 'add', '-A');
    git(project, 'commit', '-qm', 'one aggregate');
    const record = await runCli(['baseline', 'record', project, '--measure', 'instructions', '--no-history'], { cwd: project });
    // The output's tail rides along, so a failure says why.
    expect({ code: record.code, tail: record.stderr.slice(-1500) }).toMatchObject({ code: 0 });
    expect(record.stdout).toMatch(/2 benchmarks .*, 2 with instruction counts/);
    const baseline = JSON.parse(readFileSync(join(project, '.performance_baseline'), 'utf8')) as Baseline;
    for (const id of ['tiny/same', 'tiny/changed']) expect(baseline.benchmarks[id]?.instructions).toBeGreaterThan(100_000);
    git(project, 'add', '-A');
    git(project, 'commit', '-qm', 'baseline');

    writeFileSync(join(project, 'tiny.bench.ts'), suite('sum(i), avg(i), max(i), min(i), stddev(i)'));
    git(project, 'commit', '-qam', 'four more aggregates');
    const bench = await runCli(['bench', project, '--measure', 'instructions', '--no-history'], { cwd: project });
    expect({ code: bench.code, tail: bench.stdout.slice(-3000) }).toMatchObject({ code: 1 });
    // The changed benchmark, counted again on the baseline's commit and this one: regressed on instructions.
    expect(bench.stdout).toMatch(/regressed\s+tiny\/changed: instructions \+\d+\.\d\d% \([\d,]+ -> [\d,]+\) side by side/);
    expect(bench.stdout).toMatch(/regression confirmed side by side: .*tiny\/changed \(instructions \+/);
    expect(bench.stdout).not.toMatch(/tiny\/same: instructions/);
  }, 900_000);
});
