/**
 * One test per finding of the campaign: each failed before its fix. The second group was found by
 * the campaign and fixed in the packages that own the code (regress's lock and worktrees, history).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_BIN, WORKSPACE, runCli, runNode } from '../../testing/run-cli.js';
import { STACK_FRAME } from '../src/outcome.js';
import { removeDir, tempDir } from '../src/files.js';
import { git, gitProject, isolatedEnv, SPIN, VALID_BASELINE, writeFiles } from '../src/fixtures.js';
import { mountReadOnly, mountTmpfs, unmount } from '../src/mounts.js';
import { newMark, waitForNoneMarked } from '../src/processes.js';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = tempDir('findings');
  env = isolatedEnv(join(dir, 'home'));
  mkdirSync(join(dir, 'home'));
});
afterAll(() => removeDir(dir));

function project(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  writeFiles(root, { 'nx.json': '{}', ...files });
  return root;
}

describe('fixed', () => {
  it('link-check --library/--binding naming a folder: a failed check, not a stack trace', async () => {
    mkdirSync(join(dir, 'a-folder'), { recursive: true });
    const run = await runCli(['link-check', '--library', 'a-folder', '--binding', 'a-folder'], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('a-folder cannot be opened: it is a folder, not a file');
    expect(STACK_FRAME.test(run.stderr)).toBe(false);
  });

  it('bench --json into a folder, a missing folder or under a file: exit 2 before measuring anything', async () => {
    const root = project('outputs', {
      'o.bench.ts':
        "import { writeFileSync } from 'node:fs';\nexport default { name: 'o', setup: () => writeFileSync('measured', ''), benchmarks: { a: () => {} } };\n",
      'file.txt': '',
    });
    mkdirSync(join(root, 'folder'));
    for (const [target, reason] of [
      ['folder', 'it is a folder'],
      ['missing/r.json', 'its folder does not exist'],
      ['file.txt/r.json', 'a part of its path is a file'],
    ]) {
      const run = await runCli(['bench', '.', '--no-baseline', '--no-history', '--json', target!], { cwd: root, env });
      expect({ target, code: run.code }).toEqual({ target, code: 2 });
      expect(run.stderr).toContain(`cannot write ${join(root, target!)}: ${reason}`);
      expect(STACK_FRAME.test(run.stderr)).toBe(false);
      expect(existsSync(join(root, 'measured'))).toBe(false);
    }
  });

  it('bench --json into a named pipe streams into it (like /dev/stdout) instead of replacing it with a file', async () => {
    const root = project('fifo', { 'f.bench.ts': "export default { name: 'f', benchmarks: { a: () => {} } };\n" });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    const reader = spawn('cat', [join(root, 'pipe')], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.on('data', (d: Buffer) => (read += d.toString()));
    const closed = new Promise((done) => reader.on('close', done));
    const run = await runCli(['bench', '.', '--no-baseline', '--no-history', '--json', 'pipe'], { cwd: root, env });
    await closed;
    expect(run.code).toBe(0);
    expect(JSON.parse(read).schema).toBe('frozen-duckdb/bench-results');
    expect(execFileSync('stat', ['-c', '%F', join(root, 'pipe')], { encoding: 'utf8' }).trim()).toBe('fifo');
  });

  it("main(argv, io): compare's --json is resolved against io.cwd, not the process's folder", async () => {
    const repo = gitProject('findings-cwd', { 'bench/c.bench.ts': "export default { name: 'c', benchmarks: { a: () => {} } };\n" });
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(join(elsewhere, 'out'), { recursive: true });
    try {
      const script = `const { main } = await import(${JSON.stringify(join(WORKSPACE, 'packages/cli/dist/main.js'))});
        process.exitCode = await main(['compare', '--base', 'main', '--json', 'out/c.json', 'bench'], { cwd: ${JSON.stringify(repo)} });`;
      const run = await runNode(['--input-type=module', '-e', script], { cwd: elsewhere, env });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`cannot write ${join(repo, 'out/c.json')}: its folder does not exist`);
    } finally {
      removeDir(repo);
    }
  });

  it('a suite threshold, timeout or target that is not a number above 0 stops the run when the suite loads, naming it', async () => {
    const cases = {
      "thresholds: { a: 'x' }": "threshold 'a' of suite 's' must be a number above 0",
      'thresholds: { default: -0.1 }': "threshold 'default' of suite 's' must be a number above 0",
    };
    for (const [extra, message] of Object.entries(cases)) {
      const root = gitProject('findings-threshold', { 'bench/s.bench.ts': `export default { name: 's', benchmarks: { a: () => {} }, ${extra} };\n` });
      try {
        const run = await runCli(['baseline', 'record', 'bench', '--no-history'], { cwd: root, env });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(message);
        expect(run.stderr).not.toMatch(/\[\d+\/\d+\]/);
        expect(STACK_FRAME.test(run.stderr)).toBe(false);
        expect(existsSync(join(root, '.performance_baseline'))).toBe(false);
      } finally {
        removeDir(root);
      }
    }
    const root = project('timeout-zero', {
      't.bench.ts': "export default { name: 't', benchmarks: { a: { timeout: 0, run: () => {} }, b: { target: Number.NaN, run: () => {} } } };\n",
    });
    const run = await runCli(['bench', '.', '--no-baseline', '--no-history'], { cwd: root, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("timeout of benchmark 'a' in suite 't' must be a number above 0; got 0");
  });

  it('a suite with a syntax error is named with file, line and column, not "exports no suite"', async () => {
    const root = project('syntax', { 'broken.bench.ts': "export default {\n  name: 'x',\n  benchmarks: { a: () => {} }\n" });
    const run = await runCli(['bench', '.', '--no-baseline', '--no-history'], { cwd: root, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.bench\.ts:4:1: '}' expected/);
  });

  it("a worker that dies of an uncaught error: the benchmark's error names it, not the last stack frames or another benchmark's output", async () => {
    const root = project('uncaught', {
      'u.bench.ts':
        "export default { name: 'u', benchmarks: {\n" +
        "  a: () => { process.stderr.write('noise from a\\n'); },\n" +
        "  b: () => { setTimeout(() => { throw new Error('background boom'); }, 0); },\n" +
        '} };\n',
    });
    const run = await runCli(['bench', '.', '--no-baseline', '--no-history', '--json', 'r.json'], { cwd: root, env });
    expect(run.code).toBe(1);
    const error =
      (JSON.parse(readFileSync(join(root, 'r.json'), 'utf8')) as { benchmarks: { id: string; error?: string }[] }).benchmarks.find((b) => b.id === 'u/b')
        ?.error ?? '';
    expect(error).toContain('Error: background boom');
    expect(error).not.toMatch(/^\s+at /m);
    expect(error).not.toContain('noise from a');
  });

  it('a worker that cannot start (its folder gone) is a crash of that request, not an uncaught error', async () => {
    const { BenchWorker, WorkerFailure } = await import('@frozen-duckdb/bench');
    const worker = BenchWorker.start({ projectDir: join(dir, 'no-such-folder') });
    const failure = await worker.list(join(dir, 'x.bench.ts')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkerFailure);
    expect((failure as InstanceType<typeof WorkerFailure>).kind).toBe('crash');
    expect(worker.alive).toBe(false);
  });

  it('the runner killed while a worker runs a long DuckDB query: the worker leaves at once and removes its temp folder', async () => {
    const root = project('orphan', {
      'q.bench.ts':
        "export default { name: 'q', setup: async (ctx: any) => { await ctx.connection.run('CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(20000000)'); }, benchmarks: { a: () => {} } };\n",
    });
    const tmp = join(root, '.tmp');
    mkdirSync(tmp);
    const mark = newMark('orphan');
    const child = spawn(process.execPath, [CLI_BIN, 'bench', '.', '--no-baseline', '--no-history'], {
      cwd: root,
      env: { ...env, TMPDIR: tmp, [mark.key]: mark.value },
      stdio: 'ignore',
    });
    // Wait for the setup's query to be running (the worker made its temp folder first).
    const deadline = Date.now() + 30_000;
    while (readdirSync(tmp).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    expect(readdirSync(tmp)).toHaveLength(1);
    child.kill('SIGKILL');
    expect(await waitForNoneMarked(mark, 10_000)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("convert removes what a killed writer of the same output left (its temp file and DuckDB's WAL), not a live writer's", async () => {
    const root = project('stale', { 'in.csv': 'a,b\n1,2\n' });
    const dead = 2 ** 22 + 12345; // above pid_max's default: no such process
    writeFileSync(join(root, `.out.duckdb.tmp-${dead}-deadbeef`), 'half');
    writeFileSync(join(root, `.out.duckdb.tmp-${dead}-deadbeef.wal`), 'wal');
    writeFileSync(join(root, `.out.duckdb.tmp-${process.pid}-cafebabe`), 'a live writer');
    const run = await runCli(['convert', '--input', 'in.csv', '--output', 'out.duckdb'], { cwd: root, env });
    expect(run.code).toBe(0);
    expect(
      readdirSync(root)
        .filter((f) => f.startsWith('.out'))
        .sort(),
    ).toEqual([`.out.duckdb.tmp-${process.pid}-cafebabe`]);
  });

  it('history import of a results file with a wrong-typed sample or status, or a comparison without blocks: exit 2 naming it, no database made', async () => {
    const root = project('import', {});
    const results = {
      schema: 'frozen-duckdb/bench-results',
      version: 1,
      createdAt: '2024-06-07T12:00:00.000Z',
      durationMs: 10,
      projectDir: root,
      fingerprint: {
        cpuModel: 'cpu',
        cores: 2,
        memoryBytes: 1024,
        os: { platform: 'linux', release: '6', arch: 'x64' },
        node: 'v20',
        duckdb: 'v1.5.6',
        git: null,
      },
      settings: { profile: 'quick', processes: 1, filter: null, shard: null, duckdb: {}, sampling: {} },
      suites: [{ name: 's', file: 's.bench.ts', setupMs: [1], notes: [] }],
      benchmarks: [
        {
          id: 's/a',
          suite: 's',
          name: 'a',
          key: 'a',
          params: {},
          group: 'a',
          file: 's.bench.ts',
          status: 'ok',
          warnings: [],
          wall: { n: 2, mean: 1, median: 1, min: 1, max: 1, sd: 0, cv: 0, p25: 1, p75: 1, p99: 1, mad: 0 },
          processes: [{ samples: [1, 'x'], iterations: 2, median: 1, cpuMs: 1, peakRssBytes: 1, duckdbBytes: 0 }],
        },
      ],
    };
    writeFileSync(join(root, 'sample.json'), JSON.stringify(results));
    writeFileSync(join(root, 'status.json'), JSON.stringify({ ...results, benchmarks: [{ ...results.benchmarks[0], status: 42, processes: [] }] }));
    writeFileSync(
      join(root, 'cmp.json'),
      JSON.stringify({
        schema: 'frozen-duckdb/comparison',
        version: 1,
        baseCommit: 'a',
        candidateCommit: 'b',
        elapsedMs: 1,
        benchmarks: [{ id: 's/a', status: 'pass' }],
      }),
    );
    for (const [file, says] of [
      ['sample.json', 'samples is not a list of times'],
      ['status.json', 'status is not one of'],
      ['cmp.json', 'blocks is not a list of rounds'],
    ]) {
      const run = await runCli(['history', 'import', file!, '--history', 'h.duckdb'], { cwd: root, env });
      expect({ file, code: run.code }).toEqual({ file, code: 2 });
      expect(run.stderr).toContain(join(root, file!));
      expect(run.stderr).toContain(says);
      expect(STACK_FRAME.test(run.stderr)).toBe(false);
      expect(existsSync(join(root, 'h.duckdb'))).toBe(false);
    }
  });

  it('history import --parquet of a folder that is no export, or --history under a file: exit 2, no database made', async () => {
    const root = project('history-paths', { 'file.txt': '' });
    mkdirSync(join(root, 'not-an-export'));
    const parquet = await runCli(['history', 'import', '--parquet', 'not-an-export'], { cwd: root, env });
    expect(parquet.code).toBe(2);
    expect(parquet.stderr).toContain('no meta.parquet');
    expect(existsSync(join(root, '.bench'))).toBe(false);
    const underFile = await runCli(['history', 'import', '--parquet', 'not-an-export', '--history', 'file.txt/h.duckdb'], { cwd: root, env });
    expect(underFile.code).toBe(2);
    const exported = await runCli(['history', 'export', '--parquet', 'out', '--history', 'file.txt/h.duckdb'], { cwd: root, env });
    expect(exported.code).toBe(2);
    for (const run of [underFile, exported]) expect(STACK_FRAME.test(run.stderr)).toBe(false);
  });

  it('llm embed --cache with no server: exit 2, and no empty cache file left', async () => {
    const root = project('llm-cache', {});
    const run = await runCli(['llm', 'embed', '--text', 'a', '--cache', 'cache.duckdb', '--url', 'http://127.0.0.1:9'], { cwd: root, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no Ollama server');
    expect(readdirSync(root).filter((f) => f.startsWith('cache'))).toEqual([]);
  });

  it('download and convert on a full disk: exit 2 "the disk is full", with a fix, nothing left', async () => {
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    if (!mountTmpfs(disk, '256K')) return; // covered with /dev/full in worker-faults when mounting is not allowed
    try {
      const root = project('full', { 'in.csv': `id,t\n${Array.from({ length: 30000 }, (_, i) => `${i},text ${i}`).join('\n')}\n` });
      for (const args of [
        ['convert', '--input', 'in.csv', '--output', join(disk, 'out.csv')],
        ['download', '--dataset', 'chinook', '--format', 'csv', '--output-dir', join(disk, 'c')],
      ]) {
        const run = await runCli(args, { cwd: root, env });
        expect({ args, code: run.code }).toEqual({ args, code: 2 });
        expect(run.stderr).toMatch(/the disk is full\nfix: free some space/);
        expect(readdirSync(disk)).toEqual([]);
      }
    } finally {
      unmount(disk);
    }
  });
});

describe('found here, fixed in the owning package', () => {
  // regress/src/baseline/file-lock.ts: the lock is released on 'exit' only, and a write error other than
  // EEXIST escapes raw (then `release` throws too). Fix: acquire -> BaselineError/LockedError for EROFS, EACCES
  // and ENOSPC ("cannot write .performance_baseline: ..."), release only a lock this process took, and release
  // through onCleanup so SIGINT/SIGTERM remove it as well.
  it('baseline record in a read-only checkout exits 2 with a message, not an EROFS stack trace', async () => {
    const source = gitProject('findings-ro', { 'bench/r.bench.ts': "export default { name: 'r', benchmarks: { a: () => {} } };\n" });
    const view = join(dir, 'ro-view');
    mkdirSync(view);
    if (!mountReadOnly(source, view)) throw new Error('cannot mount read-only here');
    try {
      const run = await runCli(['baseline', 'record', 'bench', '--no-history'], { cwd: view, env });
      expect(run.code).toBe(2);
      expect(STACK_FRAME.test(run.stderr)).toBe(false);
    } finally {
      unmount(view);
      removeDir(source);
    }
  });

  it('baseline record interrupted by SIGTERM leaves no .performance_baseline.lock', async () => {
    const repo = gitProject('findings-lock', { 'bench/l.bench.ts': SPIN + "export default { name: 'l', benchmarks: { a: () => spin(5) } };\n" });
    try {
      const run = await runCli(['baseline', 'record', 'bench', '--no-history'], {
        cwd: repo,
        env,
        onOutput: (all, child) => {
          if (all.includes('[1/')) child.kill('SIGTERM');
        },
      });
      expect(run.code === 143 || run.signal === 'SIGTERM').toBe(true);
      expect(existsSync(join(repo, '.performance_baseline.lock'))).toBe(false);
    } finally {
      removeDir(repo);
    }
  });

  // regress/src/git/repository.ts: a SIGKILLed compare leaves its worktree registered and its folder in
  // TMPDIR for good. Fix: `git worktree lock --reason "frozen-duckdb pid <pid>"` after `worktree add`, and
  // before adding one, `worktree remove --force --force` every worktree locked with that reason by a pid
  // that no longer runs.
  it('the worktree of a SIGKILLed compare is removed by the next compare', async () => {
    const repo = gitProject('findings-worktree', { 'bench/w.bench.ts': SPIN + "export default { name: 'w', benchmarks: { a: () => spin(2) } };\n" });
    const tmp = join(repo, '.tmp');
    mkdirSync(tmp);
    try {
      const args = ['compare', '--base', 'HEAD', '--exact', 'bench', '--max-blocks', '1', '--rounds', '1', '--no-history'];
      await runCli(args, {
        cwd: repo,
        env: { ...env, TMPDIR: tmp },
        onOutput: (all, child) => {
          if (/block|round|pair/i.test(all)) child.kill('SIGKILL');
        },
      });
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(2);
      await runCli(args, { cwd: repo, env: { ...env, TMPDIR: tmp } });
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      removeDir(repo);
    }
  });

  // regress/src/baseline/schema.ts baselineProblems: only checks that the fields are finite numbers. A
  // median of 0 or below is skipped by screen() (every benchmark 'ok'), a threshold of 1e308 never fails.
  // Fix: median, mean, p10, p90 > 0; 0 < threshold < 10; samples and processes whole numbers >= 1.
  it('a baseline whose medians are 0 or negative, or whose thresholds are absurd, is refused', async () => {
    const root = project('baseline-values', {});
    const damaged = {
      ...VALID_BASELINE,
      benchmarks: {
        ...VALID_BASELINE.benchmarks,
        'demo/a': { ...VALID_BASELINE.benchmarks['demo/a'], median: -1 },
        'demo/b': { ...VALID_BASELINE.benchmarks['demo/b'], threshold: 1e308 },
      },
    };
    writeFileSync(join(root, '.performance_baseline'), JSON.stringify(damaged));
    const run = await runCli(['baseline', 'show'], { cwd: root, env });
    expect(run.code).toBe(2);
  });

  // history/src/history.ts attachOnce: a history file created on a full disk stays a truncated DuckDB file
  // that no later run can open, so every run after it is only staged. Fix: when the file did not exist
  // before this open and creating the schema fails, close and delete it (and its .wal): it held nothing.
  it('after a full disk, the history database opens again once there is space', async () => {
    const disk = join(dir, 'history-disk');
    mkdirSync(disk);
    if (!mountTmpfs(disk, '1M')) throw new Error('cannot mount a tmpfs here');
    const repo = gitProject('findings-history', { 'bench/h.bench.ts': "export default { name: 'h', benchmarks: { a: () => {} } };\n" });
    try {
      writeFileSync(join(disk, 'filler'), Buffer.alloc(1024 * 1024 - 12 * 1024));
      const history = join(disk, 'history.duckdb');
      await runCli(['bench', 'bench', '--no-baseline', '--history', history], { cwd: repo, env });
      execFileSync('rm', [join(disk, 'filler')]);
      const after = await runCli(['bench', 'bench', '--no-baseline', '--history', history], { cwd: repo, env });
      expect(after.stderr).toContain('appended the run to history');
    } finally {
      unmount(disk);
      removeDir(repo);
    }
  });
});
