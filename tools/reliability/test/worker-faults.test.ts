/**
 * Faults around the measurement: a worker killed mid-benchmark, a benchmark past DuckDB's memory_limit,
 * a full disk for the outputs (a 1 MB tmpfs when this process may mount; else /dev/full, said in the
 * figures), and a read-only workspace (a read-only bind mount; else skipped, said in the figures).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type Run } from '../../testing/run-cli.js';
import { STACK_FRAME } from '../src/outcome.js';
import { fileHash, removeDir, tempDir } from '../src/files.js';
import { recordFigures } from '../src/figures.js';
import { gitProject, isolatedEnv, SPIN, writeFiles } from '../src/fixtures.js';
import { mountReadOnly, mountTmpfs, unmount } from '../src/mounts.js';
import { newMark, processesMarked, waitForNoneMarked } from '../src/processes.js';

let home: string;
beforeAll(() => {
  home = tempDir('worker-faults-home');
});
afterAll(() => removeDir(home));

interface Results {
  benchmarks: { id: string; status: string; error?: string }[];
}

const figures: Record<string, unknown> = {};
afterAll(() => recordFigures('worker-faults', figures));

function statusOf(results: Results): Record<string, string> {
  return Object.fromEntries(results.benchmarks.map((b) => [b.id, b.status]));
}

describe('worker faults', () => {
  it('a worker killed mid-benchmark: that benchmark is a crash, the others are measured, nothing is left behind', async () => {
    const project = tempDir('worker-killed');
    const tmp = join(project, '.tmp');
    mkdirSync(tmp);
    writeFiles(project, {
      'nx.json': '{}',
      'kill.bench.ts':
        "import { writeFileSync } from 'node:fs';\n" +
        SPIN +
        "export default { name: 'kill', benchmarks: {\n" +
        "  long: () => { writeFileSync('started-long', String(process.pid)); spin(300); },\n" +
        '  after: () => spin(1),\n' +
        "  other: async (ctx: any) => ctx.connection.scalar('SELECT 42'),\n" +
        '} };\n',
    });
    const mark = newMark('worker-killed');
    try {
      let killed: number | undefined;
      const poll = setInterval(() => {
        const started = join(project, 'started-long');
        if (killed === undefined && existsSync(started)) {
          killed = Number(readFileSync(started, 'utf8'));
          process.kill(killed, 'SIGKILL');
        }
      }, 50);
      const run = await runCli(['bench', '.', '--no-baseline', '--no-history', '--json', 'results.json'], {
        cwd: project,
        env: isolatedEnv(home, { TMPDIR: tmp, [mark.key]: mark.value }),
        timeoutMs: 120_000,
      });
      clearInterval(poll);
      expect(killed).toBeDefined();
      expect(run.code).toBe(1);
      expect(STACK_FRAME.test(run.stderr + run.stdout)).toBe(false);
      const results = JSON.parse(readFileSync(join(project, 'results.json'), 'utf8')) as Results;
      expect(statusOf(results)).toEqual({ 'kill/long': 'crash', 'kill/after': 'ok', 'kill/other': 'ok' });
      expect(results.benchmarks.find((b) => b.id === 'kill/long')?.error).toContain('signal SIGKILL');
      expect(run.stdout).toMatch(/long\s+CRASH/);
      expect(await waitForNoneMarked(mark, 10_000)).toEqual([]);
      // The killed worker's temporary folder (DuckDB's spill folder) is removed by the runner.
      expect(readdirSync(tmp)).toEqual([]);
      figures['workerKilled'] = { exit: run.code, statuses: statusOf(results), tmpLeft: readdirSync(tmp).length };
    } finally {
      removeDir(project);
    }
  });

  it("a benchmark past DuckDB's memory_limit is reported with DuckDB's out-of-memory error; the others run", async () => {
    const project = tempDir('worker-oom');
    writeFiles(project, {
      'nx.json': '{}',
      'oom.bench.ts':
        "export default { name: 'oom', benchmarks: {\n" +
        // A list aggregate cannot spill: 30M BIGINTs need about 240 MB.
        "  huge: async (ctx: any) => ctx.connection.run('SELECT list(range) FROM range(30000000)'),\n" +
        "  small: async (ctx: any) => ctx.connection.scalar('SELECT sum(range) FROM range(1000)'),\n" +
        '} };\n',
    });
    try {
      const run = await runCli(['bench', '.', '--no-baseline', '--no-history', '--memory-limit', '64MB', '--json', 'results.json'], {
        cwd: project,
        env: isolatedEnv(home),
        timeoutMs: 120_000,
      });
      expect(run.code).toBe(1);
      const results = JSON.parse(readFileSync(join(project, 'results.json'), 'utf8')) as Results;
      expect(statusOf(results)).toEqual({ 'oom/huge': 'error', 'oom/small': 'ok' });
      const error = results.benchmarks.find((b) => b.id === 'oom/huge')?.error ?? '';
      expect(error).toMatch(/Out of Memory/i);
      expect(error).toMatch(/64\.0 MiB|64MB|memory_limit/i);
      expect(run.stdout).toMatch(/huge\s+ERROR\s+.*Out of Memory/i);
      figures['memoryLimit'] = { exit: run.code, error: error.split('\n')[0] };
    } finally {
      removeDir(project);
    }
  });

  it('a full disk: outputs fail with "the disk is full" (exit 2), nothing half-written, older files untouched, history catches up', async () => {
    const top = tempDir('full-disk');
    const disk = join(top, 'disk');
    mkdirSync(disk);
    const project = join(top, 'project');
    gitProject(
      'unused',
      { 'bench/t.bench.ts': SPIN + "export default { name: 't', benchmarks: { a: () => spin(1), b: () => spin(1) } };\n" },
      (mkdirSync(project), project),
    );
    const mounted = mountTmpfs(disk, '1M');
    const env = isolatedEnv(home);
    const cli = (args: string[]) => runCli(args, { cwd: project, env, timeoutMs: 180_000 });
    try {
      if (!mounted) {
        // Simulated: /dev/full fails every write with ENOSPC, for the one output that can be a device.
        const run = await cli(['bench', 'bench', '--no-baseline', '--no-history', '--json', '/dev/full']);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('the disk is full');
        figures['fullDisk'] = 'simulated with /dev/full (no permission to mount a tmpfs)';
        return;
      }
      writeFileSync(join(disk, 'results.json'), '{"previous": true}\n');
      const before = fileHash(join(disk, 'results.json'));
      // Fill it, leaving a few KB: enough to create files, not to write them.
      writeFileSync(join(disk, 'filler'), Buffer.alloc(1024 * 1024 - 12 * 1024));
      const outcomes: Record<string, Run> = {};
      outcomes['bench --json'] = await cli(['bench', 'bench', '--no-baseline', '--no-history', '--json', join(disk, 'results.json')]);
      outcomes['download'] = await cli(['download', '--dataset', 'chinook', '--format', 'csv', '--output-dir', join(disk, 'chinook')]);
      outcomes['download duckdb'] = await cli(['download', '--dataset', 'chinook', '--format', 'duckdb', '--output-dir', join(disk, 'chinookdb')]);
      writeFileSync(
        join(project, 'big.csv'),
        `id,text\n${Array.from({ length: 20000 }, (_, i) => `${i},row number ${i} of a file too big for the disk`).join('\n')}\n`,
      );
      outcomes['convert'] = await cli(['convert', '--input', 'big.csv', '--output', join(disk, 'big.parquet')]);
      for (const [name, run] of Object.entries(outcomes)) {
        expect({ name, code: run.code, stack: STACK_FRAME.test(run.stderr) }).toEqual({ name, code: 2, stack: false });
        expect({ name, says: /disk is full/.test(run.stderr) }).toEqual({ name, says: true });
      }
      expect(fileHash(join(disk, 'results.json'))).toBe(before);
      expect(readdirSync(disk).sort()).toEqual(['filler', 'results.json']);

      // History on the full disk: the run is not lost silently (a warning), and the bench still exits 0.
      const history = join(disk, 'history.duckdb');
      const onFull = await cli(['bench', 'bench', '--no-baseline', '--history', history]);
      expect(onFull.code).toBe(0);
      expect(onFull.stderr).toMatch(/warning: history/);
      // Space again: the next run is kept (appended, or staged beside a database the full disk damaged:
      // that the database then stays unreadable is handed over, see findings.test.ts).
      rmSync(join(disk, 'filler'));
      const after = await cli(['bench', 'bench', '--no-baseline', '--history', history]);
      expect(after.code).toBe(0);
      expect(after.stderr).toMatch(/appended the run to history|run staged as/);
      figures['fullDisk'] = {
        mounted: 'tmpfs 1M, filled to 12 KB free',
        outputs: Object.fromEntries(Object.entries(outcomes).map(([k, r]) => [k, r.stderr.split('\n').find((l) => l.startsWith('error:'))])),
        historyOnFullDisk: onFull.stderr.split('\n').find((l) => l.includes('history')),
        historyAfterSpaceFreed: after.stderr.split('\n').find((l) => l.includes('history')),
      };
    } finally {
      if (mounted) unmount(disk);
      removeDir(top);
    }
  }, 300_000);

  it('a read-only workspace: bench still measures (history warns), every writing command fails with exit 2 naming the file, nothing written', async () => {
    const top = tempDir('read-only');
    const source = join(top, 'source');
    const view = join(top, 'view');
    mkdirSync(source);
    mkdirSync(view);
    gitProject('unused', { 'bench/t.bench.ts': SPIN + "export default { name: 't', benchmarks: { a: () => spin(1) } };\n", 'data.csv': 'id\n1\n' }, source);
    const cli = (args: string[], cwd = view) => runCli(args, { cwd, env: isolatedEnv(home), timeoutMs: 180_000 });
    // A history to report on, recorded while the checkout was writable.
    expect((await cli(['bench', 'bench', '--no-baseline'], source)).code).toBe(0);
    const mounted = mountReadOnly(source, view);
    try {
      if (!mounted) {
        figures['readOnly'] = 'skipped: no permission to make a read-only bind mount';
        return;
      }
      const mark = newMark('read-only');
      const bench = await runCli(['bench', 'bench', '--no-baseline'], { cwd: view, env: isolatedEnv(home, { [mark.key]: mark.value }), timeoutMs: 180_000 });
      expect(bench.code).toBe(0);
      expect(bench.stderr).toMatch(/warning: history: run not recorded/);
      expect(processesMarked(mark)).toEqual([]);
      const writers: Record<string, string[]> = {
        'bench --json': ['bench', 'bench', '--no-baseline', '--no-history', '--json', 'out.json'],
        convert: ['convert', '--input', 'data.csv', '--output', 'data.parquet'],
        download: ['download', '--dataset', 'chinook', '--format', 'csv', '--output-dir', 'chinook'],
        'env --write': ['env', '--shell', 'bash', '--write', 'setup_env.sh'],
        'link-check --update': ['link-check', '--update'],
        'report --html': ['report', '--html', 'report.html'],
      };
      const outcomes: Record<string, { code: number | null; error: string | undefined; stack: boolean }> = {};
      for (const [name, args] of Object.entries(writers)) {
        const run = await cli(args);
        outcomes[name] = { code: run.code, error: run.stderr.split('\n').find((l) => l.startsWith('error:')), stack: STACK_FRAME.test(run.stderr) };
      }
      figures['readOnly'] = { mounted: 'read-only bind mount of a git checkout', outcomes };
      for (const [name, o] of Object.entries(outcomes)) expect({ name, code: o.code, stack: o.stack }).toEqual({ name, code: 2, stack: false });
      expect(readdirSync(source).sort()).toEqual([
        '.bench',
        '.git',
        '.gitignore',
        'bench',
        'data.csv',
        'node_modules',
        'nx.json',
        'package-lock.json',
        'package.json',
      ]);
    } finally {
      if (mounted) unmount(view);
      removeDir(top);
    }
  }, 300_000);
});
