/**
 * SIGINT, SIGTERM and SIGKILL at seeded random moments of bench, baseline record, compare, download
 * and convert. After each: no process of the run left, no git worktree, no temporary folder left in
 * TMPDIR, every output absent or complete, and the history database opens and holds every run that
 * completed. SIGKILL cannot be cleaned up after by the killed process: what it leaves is counted.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type Run } from '../../testing/run-cli.js';
import { STACK_FRAME } from '../src/outcome.js';
import { fileHash, removeDir } from '../src/files.js';
import { recordFigures } from '../src/figures.js';
import { git, gitProject, isolatedEnv, SPIN } from '../src/fixtures.js';
import { killAll, newMark, waitForNoneMarked } from '../src/processes.js';
import { Random, seedFromEnv } from '../src/random.js';

const SEED = seedFromEnv(20240607);
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
type Signal = (typeof SIGNALS)[number];

const SUITES = {
  'bench/alpha.bench.ts':
    SPIN +
    "export default { name: 'alpha', setup: async (ctx: any) => { await ctx.connection.run('CREATE TABLE t AS SELECT range AS i FROM range(2000000)'); },\n" +
    "  benchmarks: { sum: async (ctx: any) => ctx.connection.run('SELECT sum(i) FROM t'), spin: () => spin(2) } };\n",
  'bench/beta.bench.ts': SPIN + "export default { name: 'beta', benchmarks: { a: () => spin(1), b: () => spin(3) } };\n",
};
const BENCHMARKS = ['alpha/sum', 'alpha/spin', 'beta/a', 'beta/b'];

interface Injection {
  scenario: string;
  signal: Signal;
  delayMs: number;
  /** The run ended on its own before the signal landed. */
  completed: boolean;
  code: number | null;
  problems: string[];
  /** What a SIGKILL left that nobody can clean up after it (temp folders, temp files, worktrees). */
  litter: string[];
}

const injections: Injection[] = [];
let repo: string;
let history: string;
let home: string;
let completedRuns = 0;
let lingerMs = 0;

beforeAll(() => {
  repo = gitProject('signals', SUITES);
  home = join(repo, '.home');
  mkdirSync(home);
  history = join(repo, '.bench', 'history.duckdb');
});
afterAll(() => {
  recordFigures('signals', {
    seed: SEED,
    injections: injections.length,
    bySignal: Object.fromEntries(SIGNALS.map((s) => [s, injections.filter((i) => i.signal === s).length])),
    byScenario: Object.fromEntries([...new Set(injections.map((i) => i.scenario))].map((s) => [s, injections.filter((i) => i.scenario === s).length])),
    interrupted: injections.filter((i) => !i.completed).length,
    completedBeforeSignal: injections.filter((i) => i.completed).length,
    problems: injections.filter((i) => i.problems.length).length,
    problemsFound: injections.filter((i) => i.problems.length).map((i) => `${i.scenario} ${i.signal} after ${i.delayMs} ms: ${i.problems.join(', ')}`),
    // Nothing in here is data: temp files and locks named with a dead pid, taken over or removed by the next run.
    litter: injections.filter((i) => i.litter.length).map((i) => `${i.scenario} ${i.signal} after ${i.delayMs} ms: ${i.litter.join(', ')}`),
    historyRunsExpected: completedRuns,
    slowestProcessExitAfterSignalMs: Math.round(lingerMs),
  });
  removeDir(repo);
});

/** Runs the command and sends `signal` after `delayMs`; the run's TMPDIR is its own, to see what it leaves. */
async function inject(args: string[], signal: Signal | undefined, delayMs: number, tmp: string): Promise<{ run: Run; mark: { key: string; value: string } }> {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const mark = newMark('signals');
  let timer: NodeJS.Timeout | undefined;
  const run = await runCli(args, {
    cwd: repo,
    env: isolatedEnv(home, { TMPDIR: tmp, [mark.key]: mark.value }),
    timeoutMs: 240_000,
    onSpawn: (child) => {
      if (signal) timer = setTimeout(() => child.kill(signal), delayMs);
    },
  });
  if (timer) clearTimeout(timer);
  return { run, mark };
}

/** The checks every interrupted run must pass; `outputs` adds the command's own. */
async function check(
  scenario: string,
  signal: Signal,
  delayMs: number,
  run: Run,
  mark: { key: string; value: string },
  tmp: string,
  outputs: () => Promise<string[]>,
): Promise<Injection> {
  const problems: string[] = [];
  const litter: string[] = [];
  const interrupted = run.code === null || (run.code === 130 && signal === 'SIGINT') || (run.code === 143 && signal === 'SIGTERM');
  const completed = !interrupted;
  if (completed && run.code !== 0) problems.push(`finished with exit ${run.code}: ${run.stderr.slice(-300)}`);
  if (interrupted && STACK_FRAME.test(run.stderr)) problems.push(`stack trace on ${signal}: ${run.stderr.slice(-300)}`);
  const lingerStarted = performance.now();
  const left = await waitForNoneMarked(mark, 20_000);
  lingerMs = Math.max(lingerMs, performance.now() - lingerStarted);
  if (left.length) {
    problems.push(
      `${left.length} process(es) left: ${left
        .map((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120);
          } catch {
            return String(pid);
          }
        })
        .join(' | ')}`,
    );
    killAll(left);
  }
  const worktrees = git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length ?? 0;
  const tmpLeft = existsSync(tmp) ? readdirSync(tmp) : [];
  const leftovers = [...(worktrees > 1 ? [`${worktrees - 1} git worktree(s)`] : []), ...tmpLeft.map((e) => `TMPDIR/${e}`)];
  if (signal === 'SIGKILL') litter.push(...leftovers);
  else problems.push(...leftovers.map((l) => `left ${l}`));
  // Whatever a SIGKILL left, the next run starts from a clean repository (counted above, not carried over).
  if (worktrees > 1) {
    for (const line of git(repo, 'worktree', 'list', '--porcelain')
      .split('\n')
      .filter((l) => l.startsWith('worktree '))
      .slice(1)) {
      git(repo, 'worktree', 'remove', '--force', '--force', line.slice('worktree '.length));
    }
  }
  git(repo, 'worktree', 'prune');
  // 'litter:' is left by any interruption and taken over by the next run; 'killed:' only a SIGKILL may leave.
  for (const p of await outputs()) {
    if (p.startsWith('litter: ')) litter.push(p.slice(8));
    else if (p.startsWith('killed: ')) (signal === 'SIGKILL' ? litter : problems).push(p.slice(8));
    else problems.push(p);
  }
  // A completed run is one the tool said it recorded (written, or staged for the next writer).
  if (/appended the run to history|run staged as/.test(run.stderr)) completedRuns++;
  problems.push(...(await historyProblems()));
  const injection = { scenario, signal, delayMs, completed, code: run.code, problems, litter };
  injections.push(injection);
  return injection;
}

/** The history opens read-only and holds at least every run that completed so far. */
async function historyProblems(): Promise<string[]> {
  if (completedRuns === 0 && !existsSync(history)) return [];
  const { History } = await import('@frozen-duckdb/history');
  try {
    const h = await History.open(history, { readOnly: true, waitMs: 10_000 });
    try {
      const runs = (await h.counts()).runs;
      return runs >= completedRuns ? [] : [`history holds ${runs} runs, ${completedRuns} completed`];
    } finally {
      await h.close();
    }
  } catch (error) {
    return [`history does not open: ${String(error).split('\n')[0]}`];
  }
}

/**
 * Temp files a writer leaves when killed between writing and renaming ('killed:': only SIGKILL may leave
 * them). download and convert write through DuckDB's own threads, which can create a temp file or its WAL
 * again after the exit hook removed it, while the process exits on SIGINT or SIGTERM ('litter:'); the next
 * run writing that output removes them (a dead writer's pid is in the name, see findings.test.ts).
 */
function tempFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)\.[^/]*(\.tmp|tmp-)/.test(f))
    .map((f) => (/\.tmp-\d+-[0-9a-f]{8}(\.wal)?$/.test(f) ? `litter: ${f}` : `killed: ${f}`));
}

function plan(rng: Random, count: number, durationMs: number): { signal: Signal; delayMs: number }[] {
  // Every signal at least once per scenario, then random ones; moments spread over the whole run.
  return Array.from({ length: count }, (_, i) => ({
    signal: i < SIGNALS.length ? SIGNALS[i]! : rng.pick(SIGNALS),
    delayMs: Math.round(rng.next() * durationMs * 1.05) + 50,
  }));
}

function expectClean(list: Injection[]): void {
  expect(
    list.filter((i) => i.problems.length).map((i) => ({ scenario: i.scenario, signal: i.signal, delayMs: i.delayMs, code: i.code, problems: i.problems })),
  ).toEqual([]);
}

describe('signals at random points', () => {
  it('bench --json --markdown (history appended at the end)', async () => {
    const rng = new Random(SEED);
    const tmp = join(repo, '.tmp-bench');
    const out = join(repo, 'out');
    mkdirSync(out, { recursive: true });
    const args = ['bench', 'bench', '--no-baseline', '--json', 'out/results.json', '--markdown', 'out/report.md'];
    const reference = await inject(args, undefined, 0, tmp);
    expect(reference.run.code).toBe(0);
    if (/appended the run to history/.test(reference.run.stderr)) completedRuns++;
    const outputs = async () => {
      const problems = tempFiles(out);
      const json = join(out, 'results.json');
      if (existsSync(json)) {
        try {
          const doc = JSON.parse(readFileSync(json, 'utf8')) as { benchmarks: { id: string }[] };
          if (
            doc.benchmarks
              .map((b) => b.id)
              .sort()
              .join() !== [...BENCHMARKS].sort().join()
          )
            problems.push('results.json lacks benchmarks');
        } catch {
          problems.push('results.json is not whole');
        }
      }
      const md = join(out, 'report.md');
      if (existsSync(md) && !BENCHMARKS.every((b) => readFileSync(md, 'utf8').includes(b.split('/')[1]!))) problems.push('report.md is not whole');
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      return problems;
    };
    const list: Injection[] = [];
    for (const { signal, delayMs } of plan(rng, 6, reference.run.ms)) {
      const { run, mark } = await inject(args, signal, delayMs, tmp);
      list.push(await check('bench', signal, delayMs, run, mark, tmp, outputs));
    }
    expectClean(list);
  }, 300_000);

  it('baseline record (the baseline and its lock)', async () => {
    const rng = new Random(SEED + 1);
    const tmp = join(repo, '.tmp-record');
    const baseline = join(repo, '.performance_baseline');
    const args = ['baseline', 'record', 'bench', '--allow-dirty'];
    const reference = await inject(args, undefined, 0, tmp);
    expect(reference.run.code).toBe(0);
    if (/appended the run to history/.test(reference.run.stderr)) completedRuns++;
    const outputs = async () => {
      const problems: string[] = [...tempFiles(repo).filter((f) => f.includes('performance_baseline'))];
      if (existsSync(baseline)) {
        const { baselineProblems } = await import('@frozen-duckdb/regress');
        try {
          const found = baselineProblems(JSON.parse(readFileSync(baseline, 'utf8')));
          if (found.length) problems.push(`baseline damaged: ${found[0]}`);
        } catch {
          problems.push('baseline is not whole');
        }
      }
      if (existsSync(`${baseline}.lock`)) problems.push('litter: .performance_baseline.lock');
      return problems;
    };
    const list: Injection[] = [];
    for (const { signal, delayMs } of plan(rng, 4, reference.run.ms)) {
      const { run, mark } = await inject(args, signal, delayMs, tmp);
      // A lock left by a SIGKILLed recorder names a dead pid: the next recorder takes it over.
      list.push(await check('baseline record', signal, delayMs, run, mark, tmp, outputs));
    }
    expectClean(list);
  }, 300_000);

  it('compare (worktree, paired workers, --json)', async () => {
    const rng = new Random(SEED + 2);
    const tmp = join(repo, '.tmp-compare');
    const out = join(repo, 'out');
    mkdirSync(out, { recursive: true });
    const args = ['compare', '--base', 'HEAD', '--exact', 'bench', '--max-blocks', '2', '--rounds', '2', '--budget', '30', '--json', 'out/comparison.json'];
    const reference = await inject(args, undefined, 0, tmp);
    expect([0, 3]).toContain(reference.run.code);
    if (/appended the run to history/.test(reference.run.stderr)) completedRuns++;
    const outputs = async () => {
      const problems = tempFiles(out);
      const json = join(out, 'comparison.json');
      if (existsSync(json)) {
        try {
          if (JSON.parse(readFileSync(json, 'utf8')).schema !== 'frozen-duckdb/comparison') problems.push('comparison.json has another schema');
        } catch {
          problems.push('comparison.json is not whole');
        }
      }
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      return problems;
    };
    const list: Injection[] = [];
    for (const { signal, delayMs } of plan(rng, 4, reference.run.ms)) {
      const { run, mark } = await inject(args, signal, delayMs, tmp);
      // compare may end inconclusive (3) on its own: that is a completed run too.
      const fixed = run.code === 3 ? { ...run, code: 0 } : run;
      list.push(await check('compare', signal, delayMs, fixed, mark, tmp, outputs));
    }
    expectClean(list);
  }, 400_000);

  it('download and convert (files renamed into place only when all are written)', async () => {
    const rng = new Random(SEED + 3);
    const tmp = join(repo, '.tmp-data');
    const data = join(repo, 'data');
    const download = ['download', '--dataset', 'tpch', '--scale', '0.1', '--format', 'csv', '--output-dir', 'data', '--force'];
    const reference = await inject(download, undefined, 0, tmp);
    expect(reference.run.code).toBe(0);
    const hashes = new Map(readdirSync(data).map((f) => [f, fileHash(join(data, f))]));
    expect(hashes.size).toBe(8);
    const downloadOutputs = async () => {
      const problems = tempFiles(data);
      const present = readdirSync(data).filter((f) => !f.startsWith('.'));
      if (present.length !== 0 && present.length !== 8) problems.push(`${present.length} of 8 tables present`);
      for (const f of present) if (fileHash(join(data, f)) !== hashes.get(f)) problems.push(`${f} differs from a whole download`);
      rmSync(data, { recursive: true, force: true });
      return problems;
    };
    const list: Injection[] = [];
    for (const { signal, delayMs } of plan(rng, 4, reference.run.ms)) {
      const { run, mark } = await inject(download, signal, delayMs, tmp);
      list.push(await check('download', signal, delayMs, run, mark, tmp, downloadOutputs));
    }

    // convert: lineitem (SF 0.1) from CSV into Parquet and a DuckDB table.
    await inject(['download', '--dataset', 'tpch', '--scale', '0.1', '--format', 'csv', '--output-dir', 'data'], undefined, 0, tmp);
    const { Database } = await import('@frozen-duckdb/core');
    const rows = async (sql: string, attach?: string) => {
      const db = await Database.open(':memory:');
      try {
        const connection = await db.connect();
        if (attach) await connection.run(`ATTACH '${attach}' AS d (READ_ONLY)`);
        return Number(await connection.scalar(sql));
      } finally {
        db.close();
      }
    };
    for (const target of ['out/lineitem.parquet', 'out/lineitem.duckdb']) {
      const convert = ['convert', '--input', 'data/lineitem.csv', '--output', target, '--force'];
      mkdirSync(join(repo, 'out'), { recursive: true });
      const ref = await inject(convert, undefined, 0, tmp);
      expect(ref.run.code).toBe(0);
      const expected = await rows("SELECT count(*) FROM read_csv('" + join(repo, 'data/lineitem.csv') + "')");
      const convertOutputs = async () => {
        const problems = tempFiles(join(repo, 'out'));
        const file = join(repo, target);
        if (existsSync(file)) {
          try {
            const n = target.endsWith('.parquet')
              ? await rows(`SELECT count(*) FROM read_parquet('${file}')`)
              : await rows('SELECT count(*) FROM d.lineitem', file);
            if (n !== expected) problems.push(`${target} has ${n} of ${expected} rows`);
          } catch (error) {
            problems.push(`${target} is not whole: ${String(error).split('\n')[0]}`);
          }
        }
        rmSync(join(repo, 'out'), { recursive: true, force: true });
        mkdirSync(join(repo, 'out'));
        return problems;
      };
      for (const { signal, delayMs } of plan(rng, 3, ref.run.ms)) {
        const { run, mark } = await inject(convert, signal, delayMs, tmp);
        list.push(await check('convert', signal, delayMs, run, mark, tmp, convertOutputs));
      }
    }
    expectClean(list);
  }, 400_000);
});
