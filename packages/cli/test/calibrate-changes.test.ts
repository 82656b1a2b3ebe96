// `calibrate --changes`: a corpus of real changes in a temporary folder, run by the real CLI. The
// changes' sizes are measured by real truth processes and compared by the real gate; the assertions
// hold on any machine (a 100x larger query is slower by far more than 2x; nothing asserts a time).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCliSync } from '../../../tools/testing/run-cli.js';

let world: string;
beforeAll(() => {
  world = mkdtempSync(join(tmpdir(), 'cli-changes-'));
});
afterAll(() => rmSync(world, { recursive: true, force: true }));

const suite = (rows: number, comment = '') => `${comment}import { defineSuite } from '@frozen-duckdb/bench';
import { sumSql } from '../sql.js';

export default defineSuite({ name: 'change', benchmarks: { sum: (ctx) => ctx.connection.scalar(sumSql(${rows})) } });
`;

/** A corpus folder from files by path. */
function corpus(name: string, files: Record<string, string>): string {
  const dir = join(world, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const SHARED = { 'sql.ts': 'export const sumSql = (rows: number) => `SELECT sum(i) FROM range(${rows}) t(i)`;\n' };
const QUICK = ['--trials', '1', '--truth-processes', '2', '--truth-seconds', '0.2', '--rounds', '3', '--max-blocks', '3', '--budget', '30'];
const cli = (...args: string[]) => runCliSync(args, { cwd: world, env: { FROZEN_DUCKDB_HISTORY: 'off' } });

interface Report {
  changes: {
    name: string;
    benchmark: string;
    truth: { ratio: number; low: number; high: number; processes: number; files: string };
    truthMeasured: boolean;
    trials: { estimate?: { ratio: number } }[];
  }[];
  summaries: { name: string; trials: number }[];
}

describe('calibrate --changes', () => {
  it('measures each change without the gate, compares it with the gate, and keeps the truth per machine', () => {
    const dir = corpus('corpus', {
      ...SHARED,
      'noop/base.ts': suite(200_000),
      'noop/variant.ts': suite(200_000, '// the same query, a comment added\n'),
      'bigger/base.ts': suite(20_000),
      'bigger/variant.ts': suite(2_000_000),
    });
    const first = cli('calibrate', '--changes', dir, ...QUICK, '--json', join(world, 'first.json'));
    expect(first.stderr).not.toContain('Error');
    expect([0, 1]).toContain(first.code);
    expect(first.stdout).toContain('### Gate calibration on real changes');
    const report = JSON.parse(readFileSync(join(world, 'first.json'), 'utf8')) as Report;
    const byName = new Map(report.changes.map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual(['bigger', 'noop']);
    const bigger = byName.get('bigger');
    const noop = byName.get('noop');
    // 100 times the rows: both the truth and the gate see it as far more than twice as slow.
    expect(bigger?.truth.ratio).toBeGreaterThan(2);
    expect(bigger?.trials[0]?.estimate?.ratio).toBeGreaterThan(2);
    expect(noop?.truth.ratio).toBeLessThan(2);
    expect(noop?.truth.processes).toBe(2);
    expect(report.changes.every((c) => c.truthMeasured && c.benchmark === 'sum')).toBe(true);
    expect(report.summaries.map((s) => s.trials)).toEqual([1, 1]);

    // The truths are stored in the corpus for this machine, and a second run uses them as they are.
    const stored = readFileSync(join(dir, 'truth.json'), 'utf8');
    const machines = (JSON.parse(stored) as { machines: { changes: Record<string, unknown> }[] }).machines;
    expect(machines).toHaveLength(1);
    expect(Object.keys(machines[0]?.changes ?? {}).sort()).toEqual(['bigger', 'noop']);
    const second = cli('calibrate', '--changes', dir, ...QUICK, '--max-blocks', '1', '--filter', '^noop$');
    expect(second.stderr).toContain('noop: truth');
    expect(second.stderr).toContain('(stored)');
    expect(second.stderr).not.toContain('bigger');
    expect(readFileSync(join(dir, 'truth.json'), 'utf8')).toBe(stored);

    // --truth-only shows the stored truths and compares nothing.
    const only = cli('calibrate', '--changes', dir, '--truth-only', '--filter', '^noop$');
    expect(only.code).toBe(0);
    expect(only.stdout).toContain('### Real changes measured without the gate');
    expect(only.stdout).toMatch(/\| noop \| .* \| 2 \|/);
    expect(only.stderr).not.toContain('trial');

    // A change to a shared file makes the stored truths stale: measured again.
    writeFileSync(join(dir, 'sql.ts'), `${SHARED['sql.ts']}// edited\n`);
    const third = cli('calibrate', '--changes', dir, ...QUICK, '--max-blocks', '1', '--filter', '^noop$');
    expect(third.stderr).toContain('noop: measuring its size without the gate');
  }, 180_000);

  it('names a change that misses one of its two files, before measuring anything', () => {
    const dir = corpus('half', { ...SHARED, 'lonely/base.ts': suite(1000) });
    const { code, stderr } = cli('calibrate', '--changes', dir, ...QUICK);
    expect(code).toBe(2);
    expect(stderr).toContain('the change lonely has no variant.ts');
    expect(stderr).toContain('base.ts (the suite before the change) and variant.ts');
  });

  it('refuses a damaged truth file and leaves it as it was', () => {
    const dir = corpus('damaged', {
      ...SHARED,
      'noop/base.ts': suite(1000),
      'noop/variant.ts': suite(1000),
      'truth.json': '{"schema": "frozen-duckdb/change-truth", ',
    });
    const { code, stderr } = cli('calibrate', '--changes', dir, ...QUICK);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'truth.json')} is not valid JSON`);
    expect(stderr).toContain('delete it to measure every truth again');
    expect(readFileSync(join(dir, 'truth.json'), 'utf8')).toBe('{"schema": "frozen-duckdb/change-truth", ');
  });

  it('refuses a change whose suites do not share one benchmark', () => {
    const dir = corpus('mismatch', {
      ...SHARED,
      'renamed/base.ts': suite(1000),
      'renamed/variant.ts': suite(1000).replace('{ sum:', '{ total:'),
    });
    const { code, stderr } = cli('calibrate', '--changes', dir, ...QUICK);
    expect(code).toBe(2);
    expect(stderr).toContain('the change renamed');
    expect(stderr).toContain('one benchmark each, under the same name');
  });

  it.each([
    [['calibrate', '--changes', 'nowhere'], '--changes'],
    [['calibrate', '--changes', '.', 'project'], '--changes DIR replaces PROJECT_DIR'],
    [['calibrate', '--changes', '.', '--levels', '10'], '--levels does not apply with --changes'],
    [['calibrate', '--truth-seconds', '3'], '--truth-seconds works with --changes DIR only'],
    [['calibrate', '--changes', '.', '--truth-processes', '0'], '--truth-processes'],
  ])('%j is a usage error naming %s', (args, words) => {
    const { code, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(words);
  });
});
