// Real DuckDB under real valgrind: two projects counted side by side, one with an aggregate added.
// Slow (valgrind: minutes on a busy 2-core machine), so not part of `npm test`: `npx nx run @frozen-duckdb/regress:test-valgrind`.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { countSuite, type BenchmarkInfo, type InstructionResult } from '@frozen-duckdb/bench';
import { callgrindSetup, findValgrind } from '@frozen-duckdb/env';
import { scratchProject } from '../../../../tools/testing/scratch-project.js';
import { instructionVerdict, DEFAULT_INSTRUCTION_THRESHOLD } from '../../src/index.js';

// Setup logs where it ran: under callgrind (its worker has the dump folder in its environment) or not.
const suite = (aggregates: string) => `import { appendFileSync } from 'node:fs';
import { defineSuite } from '@frozen-duckdb/bench';
export default defineSuite({
  name: 'tiny',
  async setup(ctx) {
    appendFileSync('setup-runs.log', process.env.FROZEN_DUCKDB_CALLGRIND_DIR ? 'callgrind\\n' : 'native\\n');
    await ctx.connection.run('CREATE TABLE t AS SELECT range AS i, range % 7 AS g FROM range(50000)');
  },
  benchmarks: {
    changed: (ctx) => ctx.connection.query('SELECT g, ${aggregates} FROM t GROUP BY g'),
    same: (ctx) => ctx.connection.query('SELECT g, count(*) FROM t WHERE i % 3 = 0 GROUP BY g'),
    rows: { run: (ctx) => ctx.connection.query('SELECT 1'), uncounted: 'converts rows in JavaScript' },
  },
});
`;

const info = (name: string, uncounted?: string): BenchmarkInfo => ({
  id: `tiny/${name}`,
  suite: 'tiny',
  name,
  key: name,
  params: {},
  group: name,
  threshold: undefined,
  timeoutMs: undefined,
  targetMs: undefined,
  ...(uncounted ? { uncounted } : {}),
});

const available = !('missing' in findValgrind());
const maybe = available ? describe : describe.skip;

maybe('instruction counts under callgrind', () => {
  const base = scratchProject('fd-instr-base-', { files: { 'tiny.bench.ts': suite('sum(i)') } });
  const candidate = scratchProject('fd-instr-cand-', { files: { 'tiny.bench.ts': suite('sum(i), avg(i), max(i), min(i), stddev(i)') } });
  let counts: Map<string, InstructionResult>[] = [];

  beforeAll(async () => {
    const setup = callgrindSetup(base);
    // A count depends on what ran before it in the same process (DuckDB's and malloc's state): the A/A
    // benchmark goes first, so both sides reach it with the same history (docs/instructions.md).
    const benchmarks = [info('same'), info('changed'), info('rows', 'converts rows in JavaScript')];
    const count = (projectDir: string) =>
      countSuite({
        setup,
        projectDir,
        file: 'tiny.bench.ts',
        benchmarks,
        profile: 'quick',
        settings: { threads: '4' },
        timeoutMs: 2_000,
        setupTimeoutMs: 5_000,
      });
    // base twice (an A/A: the same code in the same folder), candidate once (a real change).
    counts = await Promise.all([count(base), count(candidate), count(base)]);
    // A count that failed says why in the test's output.
    for (const side of counts) for (const [id, result] of side) if ('error' in result) console.error(`${id}: ${result.error}`);
  }, 600_000);

  afterAll(() => {
    for (const dir of [base, candidate]) rmSync(dir, { recursive: true, force: true });
  });

  it('counts the same query in two processes within 0.1% (A/A)', () => {
    const verdict = instructionVerdict('tiny/same', counts[0]?.get('tiny/same'), counts[2]?.get('tiny/same'), DEFAULT_INSTRUCTION_THRESHOLD);
    expect(verdict.base).toBeGreaterThan(10_000);
    expect(Math.abs((verdict.ratio ?? 0) - 1)).toBeLessThan(0.001);
    expect(verdict.decision).toBe('ok');
  });

  it('catches an added aggregate at the 2% threshold', () => {
    const verdict = instructionVerdict('tiny/changed', counts[0]?.get('tiny/changed'), counts[1]?.get('tiny/changed'), DEFAULT_INSTRUCTION_THRESHOLD);
    expect(verdict.ratio).toBeGreaterThan(1.03);
    expect(verdict.decision).toBe('regressed');
  });

  it('lists a benchmark declared uncounted with its reason instead of counting it', () => {
    expect(counts[0]?.get('tiny/rows')).toEqual({ uncounted: 'converts rows in JavaScript' });
    expect(instructionVerdict('tiny/rows', counts[0]?.get('tiny/rows'), counts[1]?.get('tiny/rows'), 0.02)).toMatchObject({
      decision: 'uncounted',
      reason: 'converts rows in JavaScript',
    });
  });

  it('runs the setup of each count once without callgrind, and the counting worker restores it', () => {
    const runs = (dir: string) => readFileSync(join(dir, 'setup-runs.log'), 'utf8').split('\n').filter(Boolean);
    expect(runs(base)).toEqual(['native', 'native']);
    expect(runs(candidate)).toEqual(['native']);
  });

  it('counts with threads=1 whatever the run asked for, each counted call separately', () => {
    const same = counts[0]?.get('tiny/same');
    expect(same && 'calls' in same ? same.calls.length : 0).toBe(2);
  });
});
