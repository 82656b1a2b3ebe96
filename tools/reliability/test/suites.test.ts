/**
 * Suites that go wrong: at import (the run stops, naming the file), in setup, in a benchmark, with
 * values that are not what a benchmark returns, and with noise on stdout (the worker protocol runs on
 * the IPC channel, so a suite's console.log cannot break it). The others always run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../testing/run-cli.js';
import { STACK_FRAME } from '../src/outcome.js';
import { removeDir, tempDir } from '../src/files.js';
import { recordFigures } from '../src/figures.js';
import { isolatedEnv, SPIN, writeFiles } from '../src/fixtures.js';
import { newMark, waitForNoneMarked } from '../src/processes.js';

let home: string;
const figures: Record<string, unknown> = {};
beforeAll(() => {
  home = tempDir('suites-home');
});
afterAll(() => {
  recordFigures('suites', figures);
  removeDir(home);
});

/** What a suite file can do wrong before any benchmark runs, and what the error must say. */
const AT_IMPORT: Record<string, [string, RegExp]> = {
  throws: ["throw new Error('import boom');\nexport default {};\n", /could not be loaded: import boom/],
  'syntax error': ["export default {\n  name: 'x',\n", /broken\.bench\.ts:3:1: '}' expected/],
  'missing import': ["import x from './missing.js';\nexport default x;\n", /Cannot find module .*missing\.js/],
  'exports nothing': ['export const x = 1;\n', /exports no suite/],
  'exports null': ['export default null;\n', /exports no suite/],
  'two suites': [
    "export const a = { name: 'a', benchmarks: { x: () => {} } };\nexport const b = { name: 'b', benchmarks: { x: () => {} } };\n",
    /more than one suite/,
  ],
  'benchmark not a function': ["export default { name: 'n', benchmarks: { a: 42 } };\n", /benchmark 'a' of suite 'n' has no run function/],
  'empty params': ["export default { name: 'n', benchmarks: { a: { run: () => {}, params: { p: [] } } } };\n", /parameter 'p' .* non-empty array/],
  'duplicate expanded names': [
    "export default { name: 'n', benchmarks: { a: { run: () => {}, params: { p: [1, '1'] } } } };\n",
    /two benchmarks named 'a \(p=1\)'/,
  ],
  'benchmarks getter throws': ["export default { name: 'x', get benchmarks() { throw new Error('getter boom'); } };\n", /getter boom/],
  'exits while loading': ['process.exit(3);\n', /worker process died \(exit code 3\)/],
};

describe('suites that go wrong', () => {
  it.each(Object.entries(AT_IMPORT))('at import: %s -> exit 2 naming the file, no stack trace, nothing run', async (_name, [source, says]) => {
    const project = tempDir('suite-import');
    try {
      writeFiles(project, { 'nx.json': '{}', 'broken.bench.ts': source, 'good.bench.ts': "export default { name: 'good', benchmarks: { a: () => {} } };\n" });
      const run = await runCli(['bench', '.', '--no-baseline', '--no-history'], { cwd: project, env: isolatedEnv(home), timeoutMs: 120_000 });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('broken.bench.ts');
      expect(run.stderr).toMatch(says);
      expect(STACK_FRAME.test(run.stderr)).toBe(false);
      expect(run.stderr).not.toMatch(/\[\d+\/\d+\] good/);
    } finally {
      removeDir(project);
    }
  });

  it('in setup, in benchmarks, wrong return values and stdout noise: each failure reported by name, the rest measured, exit 1', async () => {
    const project = tempDir('suite-run');
    const mark = newMark('suites');
    try {
      writeFiles(project, {
        'nx.json': '{}',
        'a-setup.bench.ts': "export default { name: 'setup', setup: () => { throw new TypeError('setup boom'); }, benchmarks: { never: () => {} } };\n",
        'b-noisy.bench.ts':
          SPIN +
          "export default { name: 'noisy',\n" +
          // Noise on stdout, including text that looks like a protocol message, a megabyte of it, and stderr.
          '  setup: () => { console.log(\'{"id":1,"type":"measured"}\'); process.stdout.write(\'x\'.repeat(1 << 20)); console.error(\'setup says hi\'); return 10n; },\n' +
          '  benchmarks: {\n' +
          "    'throws a string': () => { throw 'a plain string'; },\n" +
          "    'throws null': () => { throw null; },\n" +
          "    rejects: async () => { throw new RangeError('async boom'); },\n" +
          "    'returns a symbol': () => Symbol('s'),\n" +
          "    'returns a bigint': () => 10n ** 100n,\n" +
          "    'returns a cycle': () => { const a: any = {}; a.self = a; return a; },\n" +
          "    'returns a function': () => () => 1,\n" +
          '    prints: () => { console.log(\'{"id":2,"type":"failed","message":"fake"}\'); process.stderr.write(\'noise\\n\'); },\n' +
          "    'exits 0': () => process.exit(0),\n" +
          "    fine: async (ctx: any) => { spin(1); return ctx.connection.scalar('SELECT 42'); },\n" +
          '  },\n};\n',
      });
      const run = await runCli(['bench', '.', '--no-baseline', '--no-history', '--json', 'results.json'], {
        cwd: project,
        env: isolatedEnv(home, { [mark.key]: mark.value }),
        timeoutMs: 300_000,
      });
      expect(run.code).toBe(1);
      const results = JSON.parse(readFileSync(join(project, 'results.json'), 'utf8')) as {
        suites: { name: string; error?: string }[];
        benchmarks: { id: string; status: string; error?: string }[];
      };
      const status = Object.fromEntries(results.benchmarks.map((b) => [b.id, b.status]));
      expect(status).toEqual({
        'setup/never': 'error',
        'noisy/throws a string': 'error',
        'noisy/throws null': 'error',
        'noisy/rejects': 'error',
        'noisy/returns a symbol': 'ok',
        'noisy/returns a bigint': 'ok',
        'noisy/returns a cycle': 'ok',
        'noisy/returns a function': 'ok',
        'noisy/prints': 'ok',
        'noisy/exits 0': 'crash',
        'noisy/fine': 'ok',
      });
      expect(results.suites.find((s) => s.name === 'setup')?.error).toContain('setup boom');
      const error = (id: string) => results.benchmarks.find((b) => b.id === id)?.error ?? '';
      expect(error('noisy/throws a string')).toContain('a plain string');
      expect(error('noisy/rejects')).toContain('RangeError: async boom');
      // The console names every failure on the line of its benchmark.
      for (const [name, word] of [
        ['throws a string', 'ERROR'],
        ['rejects', 'ERROR'],
        ['exits 0', 'CRASH'],
      ])
        expect(run.stdout).toMatch(new RegExp(`${name}\\s+${word}`));
      expect(run.stdout).not.toContain('x'.repeat(100));
      expect(await waitForNoneMarked(mark, 10_000)).toEqual([]);
      figures['suiteFaults'] = { exit: run.code, statuses: status, atImport: Object.keys(AT_IMPORT) };
    } finally {
      removeDir(project);
    }
  }, 300_000);
});
