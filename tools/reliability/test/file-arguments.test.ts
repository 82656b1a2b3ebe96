/**
 * The campaign for issue 16's classes, seeded: names DuckDB would read as patterns (and quotes and
 * line breaks in them), pipes and FIFOs as inputs, outputs that are inputs under another name, every
 * file argument of every command given a place no file can go, and kills during every multi-file
 * write. Counted: stack traces, wrong exit codes, files lost or half-written (all must be 0).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recoverCommits } from '@frozen-duckdb/files';
import { CLI_BIN as bin, runCli, type Run } from '../../testing/run-cli.js';
import { describeCommands, runInProcess, type DriverCase, type DriverReply } from '../src/driver.js';
import { aliasCase, placeCases, specialPathCase, type FileCase } from '../src/file-cases.js';
import { recordFigures, tally } from '../src/figures.js';
import { fileHash, removeDir, tempDir } from '../src/files.js';
import { gitProject, isolatedEnv, VALID_BASELINE, writeFiles } from '../src/fixtures.js';
import { STACK_FRAME, violations } from '../src/outcome.js';
import { newMark, waitForNoneMarked, killAll } from '../src/processes.js';
import { Random, seedFromEnv } from '../src/random.js';
import { SMALL_COMPARISON as COMPARISON } from '../../../packages/cli/test/file-argument-lines.js';

const SEED = seedFromEnv(20240616);
const SPECIAL = Number(process.env['RELIABILITY_SPECIAL_PATHS'] ?? 760);
const ALIAS = Number(process.env['RELIABILITY_ALIASES'] ?? 640);
const PIPES = Number(process.env['RELIABILITY_PIPES'] ?? 150);
const KILLS = Number(process.env['RELIABILITY_KILLS'] ?? 120);

/** One case's verdict, for the counts. */
interface Verdict {
  generator: string;
  kind: string;
  argv: string[];
  code: number | null;
  stackTrace: boolean;
  wrongExit: boolean;
  /** A file an input or a failed run should have left as it was, changed; or an output set neither old nor new. */
  lostOrHalfWritten: string[];
  other: string[];
  stderr: string;
}

const verdicts: Verdict[] = [];
let home: string;

beforeAll(() => {
  home = tempDir('file-args-home');
});
afterAll(() => {
  const broken = verdicts.filter((v) => v.stackTrace || v.wrongExit || v.lostOrHalfWritten.length || v.other.length);
  recordFigures('file-arguments', {
    seed: SEED,
    cases: verdicts.length,
    byGenerator: tally(verdicts, (v) => v.generator),
    exitCodes: tally(verdicts, (v) => String(v.code)),
    stackTraces: verdicts.filter((v) => v.stackTrace).length,
    wrongExitCodes: verdicts.filter((v) => v.wrongExit).length,
    filesLostOrHalfWritten: verdicts.filter((v) => v.lostOrHalfWritten.length).length,
    otherProblems: verdicts.filter((v) => v.other.length).length,
    firstProblems: broken.slice(0, 20).map((v) => ({
      kind: v.kind,
      argv: v.argv.map((a) => a.slice(0, 80)),
      code: v.code,
      lost: v.lostOrHalfWritten,
      other: v.other,
      stderr: v.stderr.slice(0, 400),
    })),
  });
  removeDir(home);
});

/** Judges a case run through the in-process driver against what it was generated to do. */
function judgeReply(generator: string, c: FileCase, r: DriverReply): Verdict {
  const general = violations({ ...r, argv: c.argv });
  const stackTrace = STACK_FRAME.test(r.stderr) || STACK_FRAME.test(r.stdout);
  const wrongExit = r.code === null || !c.codes.includes(r.code);
  // A measured run that ends 1 (a regression) or 3 (undecided) still records itself: its history (or the
  // run staged beside an unwritable one) is kept data, not a failed run's leftover.
  const recorded = (r.code === 1 || r.code === 3) && r.changed.every((c) => /\.pending(\/|$)|\.duckdb(\.wal)?$|(^|\/)\.bench(\/|$)/.test(c));
  const lost = recorded ? [] : general.filter((p) => p.startsWith('wrote on failure'));
  const other = general.filter((p) => !p.startsWith('wrote on failure') && !p.startsWith('exit code') && p !== 'stack trace shown');
  if (r.code === 0 && c.stdout && !c.stdout.test(r.stdout)) other.push(`stdout does not say ${c.stdout}: ${r.stdout.slice(0, 200)}`);
  if (r.code === 2 && c.stderr && !c.stderr.test(r.stderr)) other.push(`stderr does not say ${c.stderr}`);
  return { generator, kind: c.kind, argv: c.argv, code: r.code, stackTrace, wrongExit, lostOrHalfWritten: lost, other, stderr: r.stderr };
}

function problemsOf(list: Verdict[]): unknown[] {
  return list
    .filter((v) => v.stackTrace || v.wrongExit || v.lostOrHalfWritten.length || v.other.length)
    .map((v) => ({ kind: v.kind, argv: v.argv, code: v.code, lost: v.lostOrHalfWritten, other: v.other, stderr: v.stderr.slice(0, 300) }));
}

describe('file arguments (issue 16)', () => {
  it(`${SPECIAL} names with glob characters, quotes and line breaks: exactly the named file is read`, async () => {
    const root = tempDir('special');
    writeFileSync(join(root, 'nx.json'), '{}');
    const rng = new Random(SEED);
    const cases = Array.from({ length: SPECIAL }, (_, i) => specialPathCase(rng, i, COMPARISON));
    const { replies } = await runInProcess(cases as DriverCase[], root, isolatedEnv(home));
    const list = replies.map((r) => judgeReply('special paths', cases[r.index]!, r));
    verdicts.push(...list);
    removeDir(root);
    expect(problemsOf(list).slice(0, 10)).toEqual([]);
    expect(list).toHaveLength(SPECIAL);
  }, 900_000);

  describe('with the fixture folder (inputs, their links, a project, a history, a dataset)', () => {
    let root: string;
    beforeAll(async () => {
      root = tempDir('places');
      writeFiles(root, {
        'nx.json': '{}',
        'file.txt': 'just text\n',
        'input.csv': 'a,b\n1,2\n3,4\n',
        'comparison.json': COMPARISON,
        'report.txt': 'r',
        'cmp.txt': 'c',
        'cal.txt': 'c',
      });
      mkdirSync(join(root, 'folder'));
      mkdirSync(join(root, 'proj'));
      gitProject('unused', { 'demo.bench.ts': "export default { name: 'demo', benchmarks: { a: () => {}, b: () => {} } };\n" }, join(root, 'proj'));
      writeFileSync(join(root, 'proj', '.performance_baseline'), JSON.stringify(VALID_BASELINE, null, 2));
      const env = isolatedEnv(home);
      for (const args of [
        ['history', 'import', 'comparison.json', '--history', 'history.duckdb'],
        ['history', 'export', '--parquet', 'export', '--history', 'history.duckdb'],
        ['download', '--dataset', 'tpch', '--scale', '0.01', '--format', 'parquet', '--seed', '1', '--output-dir', 'tpch'],
      ]) {
        const run = await runCli(args, { cwd: root, env });
        if (run.code !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
      }
      symlinkSync('folder', join(root, 'link-folder'));
      symlinkSync('nothing-here', join(root, 'dangling'));
      execFileSync('mkfifo', [join(root, 'fifo')]);
      for (const file of [
        'input.csv',
        'history.duckdb',
        'comparison.json',
        'proj/.performance_baseline',
        'export/runs.parquet',
        'report.txt',
        'cmp.txt',
        'cal.txt',
      ]) {
        const flat = file.replace(/\//g, '-');
        symlinkSync(join(root, file), join(root, `link-${flat}`));
        linkSync(join(root, file), join(root, `hard-${flat}`));
      }
    }, 300_000);
    afterAll(() => removeDir(root));

    it(`${ALIAS} outputs that are inputs or other outputs, by every kind of name: exit 2, every input kept`, async () => {
      const rng = new Random(SEED + 1);
      const cases = Array.from({ length: ALIAS }, () => aliasCase(rng)).map((c) => ({ ...c, argv: c.argv.map((a) => a.replace('@ROOT', root)) }));
      const before = new Map(
        ['input.csv', 'history.duckdb', 'comparison.json', 'proj/.performance_baseline', 'export/runs.parquet'].map((f) => [f, fileHash(join(root, f))]),
      );
      const { replies } = await runInProcess(cases as DriverCase[], root, isolatedEnv(home));
      const list = replies.map((r) => judgeReply('outputs aliasing inputs', cases[r.index]!, r));
      // The driver puts back what a case changed; a changed input is counted from what it reported.
      for (const [i, r] of replies.entries()) {
        const touched = r.changed.filter((c) => [...before.keys()].some((f) => c.endsWith(` ${f}`)));
        if (touched.length) list[i]!.lostOrHalfWritten.push(...touched);
      }
      verdicts.push(...list);
      for (const [file, hash] of before) expect({ file, hash: fileHash(join(root, file)) }).toEqual({ file, hash });
      expect(problemsOf(list).slice(0, 10)).toEqual([]);
    }, 900_000);

    it('every file argument of every command at every kind of place: exit 0-3, no stack trace, a fix on exit 2, a refusal where no file can go', async () => {
      const cases = placeCases(describeCommands(home));
      const { replies } = await runInProcess(cases as DriverCase[], root, isolatedEnv(home), 120_000);
      const list = replies.map((r) => judgeReply('places for file arguments', cases[r.index]!, r));
      verdicts.push(...list);
      expect(cases.length).toBeGreaterThan(300);
      expect(problemsOf(list).slice(0, 10)).toEqual([]);
    }, 1_800_000);
  });

  it(`${PIPES} pipes, process substitutions and FIFOs as inputs and outputs: read whole or refused, never waited on for ever`, async () => {
    const root = tempDir('pipes');
    writeFileSync(join(root, 'nx.json'), '{}');
    writeFileSync(join(root, 'comparison.json'), COMPARISON);
    const rng = new Random(SEED + 2);
    const list: Verdict[] = [];
    for (let i = 0; i < PIPES; i++) {
      const rows = rng.int(1, 20_000);
      writeFileSync(join(root, 'data.csv'), `a,b\n${Array.from({ length: rows }, (_, k) => `${k},x${k}`).join('\n')}\n`);
      const fifo = join(root, `fifo${i}.csv`);
      execFileSync('mkfifo', [fifo]);
      const roll = rng.pick([
        'substitution',
        'fifo with a writer',
        'fifo without a writer',
        'import from a substitution',
        'report from a substitution',
        'output into a fifo nobody reads',
        'history that is a fifo',
      ]);
      const shell = (line: string) => ['bash', '-c', `"$1" "$2" ${line}`, 'bash', process.execPath, bin];
      let command: string[];
      let codes = [0];
      let wanted: RegExp | undefined;
      let writer: ReturnType<typeof spawn> | undefined;
      switch (roll) {
        case 'substitution':
          command = shell(`convert --input <(cat data.csv) --from csv --output out${i}.json`);
          wanted = new RegExp(`: ${rows.toLocaleString('en-US')} rows`);
          break;
        case 'fifo with a writer':
          writer = spawn('sh', ['-c', `sleep ${(rng.int(0, 800) / 1000).toFixed(3)}; exec cat data.csv > ${JSON.stringify(fifo)}`], {
            cwd: root,
            stdio: 'ignore',
          });
          command = shell(`convert --input ${JSON.stringify(fifo)} --output out${i}.parquet`);
          wanted = new RegExp(`: ${rows.toLocaleString('en-US')} rows`);
          break;
        case 'fifo without a writer':
          command = shell(`convert --input ${JSON.stringify(fifo)} --output out${i}.parquet`);
          codes = [2];
          break;
        case 'import from a substitution':
          command = shell(`history import <(cat comparison.json) --history h${i}.duckdb`);
          wanted = /imported 1 run/;
          break;
        case 'report from a substitution':
          command = shell(`report --comparison <(cat comparison.json) --html r${i}.html`);
          wanted = /a comparison of 1 benchmark/;
          break;
        case 'output into a fifo nobody reads':
          command = shell(`env --shell bash --write ${JSON.stringify(fifo)}`);
          codes = [2];
          break;
        default:
          command = shell(`history --history ${JSON.stringify(fifo)}`);
          codes = [2];
      }
      const run = spawnSync(command[0]!, command.slice(1), { cwd: root, env: isolatedEnv(home), encoding: 'utf8', timeout: 60_000 });
      writer?.kill();
      const other: string[] = [];
      if (run.signal) other.push(`did not finish: ${run.signal}`);
      if (run.status === 0 && wanted && !wanted.test(run.stdout)) other.push(`stdout does not say ${wanted}: ${run.stdout.slice(0, 200)}`);
      if (run.status === 2 && !/^(fix|usage): /m.test(run.stderr)) other.push('exit 2 without a fix');
      list.push({
        generator: 'pipes and FIFOs',
        kind: `pipe: ${roll}`,
        argv: command.slice(2),
        code: run.status,
        stackTrace: STACK_FRAME.test(run.stderr),
        wrongExit: run.status === null || !codes.includes(run.status),
        lostOrHalfWritten: [],
        other,
        stderr: run.stderr,
      });
      rmSync(fifo, { force: true });
    }
    verdicts.push(...list);
    removeDir(root);
    expect(problemsOf(list).slice(0, 10)).toEqual([]);
  }, 1_200_000);

  it(`${KILLS} kills (SIGINT, SIGTERM, SIGKILL) during multi-file writes over an older set: the old set or the new one, never a mix`, async () => {
    const root = tempDir('kills');
    writeFileSync(join(root, 'nx.json'), '{}');
    writeFileSync(join(root, 'c.json'), COMPARISON);
    writeFileSync(join(root, 'c2.json'), COMPARISON.replace('no regression', 'another run'));
    const env = isolatedEnv(home);
    const cli = (args: string[]) => runCli(args, { cwd: root, env, timeoutMs: 240_000 });
    const must = async (args: string[]) => {
      const run = await cli(args);
      if (run.code !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
    };
    /** The hashes of the final (not hidden: temporary) files of a folder; none when it is not there. */
    const state = (path: string): Record<string, string | undefined> =>
      existsSync(path)
        ? Object.fromEntries(
            readdirSync(path)
              .filter((f) => !f.startsWith('.'))
              .sort()
              .map((f) => [f, fileHash(join(path, f))]),
          )
        : {};
    // Two different sets of each output: the old one is in place when the new one is written and killed.
    await must(['download', '--dataset', 'tpch', '--scale', '0.02', '--format', 'csv', '--seed', '1', '--output-dir', 'data-a']);
    await must(['download', '--dataset', 'tpch', '--scale', '0.02', '--format', 'csv', '--seed', '2', '--output-dir', 'data-b']);
    await must(['tpch', 'answers', '--data', 'data-a', '--out', 'answers-a']);
    await must(['tpch', 'answers', '--data', 'data-b', '--out', 'answers-b']);
    await must(['history', 'import', 'c.json', '--history', 'h-a.duckdb']);
    await must(['history', 'import', 'c.json', 'c2.json', '--history', 'h-b.duckdb']);
    await must(['history', 'export', '--parquet', 'export-a', '--history', 'h-a.duckdb']);
    const scenarios = [
      {
        name: 'download --force',
        args: ['download', '--dataset', 'tpch', '--scale', '0.02', '--format', 'csv', '--seed', '2', '--output-dir', 'target', '--force'],
        old: 'data-a',
      },
      { name: 'tpch answers --force', args: ['tpch', 'answers', '--data', 'data-b', '--out', 'target', '--force'], old: 'answers-a' },
      { name: 'history export', args: ['history', 'export', '--parquet', 'target', '--history', 'h-b.duckdb'], old: 'export-a' },
      {
        name: 'download into a new folder',
        args: ['download', '--dataset', 'tpch', '--scale', '0.02', '--format', 'parquet', '--seed', '3', '--output-dir', 'target'],
        old: undefined,
      },
    ];
    // The new set each scenario writes, from a run that was not killed.
    const fresh = new Map<string, Record<string, string | undefined>>();
    const durations = new Map<string, number>();
    for (const s of scenarios) {
      rmSync(join(root, 'target'), { recursive: true, force: true });
      if (s.old) execFileSync('cp', ['-r', join(root, s.old), join(root, 'target')]);
      const run = await cli(s.args);
      expect({ scenario: s.name, code: run.code, stderr: run.stderr }).toEqual({ scenario: s.name, code: 0, stderr: expect.any(String) });
      fresh.set(s.name, state(join(root, 'target')));
      durations.set(s.name, run.ms);
    }
    const rng = new Random(SEED + 3);
    const signals = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
    const list: Verdict[] = [];
    for (let i = 0; i < KILLS; i++) {
      const s = scenarios[i % scenarios.length]!;
      const signal = signals[Math.floor(i / scenarios.length) % signals.length]!;
      const delayMs = Math.round(rng.next() * (durations.get(s.name) ?? 1000) * 1.05) + 30;
      rmSync(join(root, 'target'), { recursive: true, force: true });
      if (s.old) execFileSync('cp', ['-r', join(root, s.old), join(root, 'target')]);
      const old = state(join(root, 'target'));
      const mark = newMark('file-kills');
      let timer: NodeJS.Timeout | undefined;
      const run: Run = await runCli(s.args, {
        cwd: root,
        env: { ...env, [mark.key]: mark.value },
        timeoutMs: 240_000,
        onSpawn: (child) => {
          timer = setTimeout(() => child.kill(signal), delayMs);
        },
      });
      if (timer) clearTimeout(timer);
      const left = await waitForNoneMarked(mark, 20_000);
      killAll(left);
      // A SIGKILL can land between two renames of a commit: what counts is what the next command that reads
      // or writes the folder sees, after it has put the folder right (as every reader and writer does first).
      if (signal === 'SIGKILL') recoverCommits(join(root, 'target'));
      const now = state(join(root, 'target'));
      const same = (a: Record<string, string | undefined>, b: Record<string, string | undefined>) => JSON.stringify(a) === JSON.stringify(b);
      const lost: string[] = [];
      if (!same(now, old) && !same(now, fresh.get(s.name) ?? {})) {
        lost.push(
          `neither the old set (${Object.keys(old).length} files) nor the new one: ${Object.keys(now).length} files, ${Object.keys(now).filter((f) => now[f] !== old[f]).length} changed`,
        );
      }
      const interrupted = run.code === null || run.code === 130 || run.code === 143;
      const other: string[] = [];
      if (left.length) other.push(`${left.length} process(es) left`);
      // SIGKILL leaves temporary files named with its dead pid; the next writer of the set removes them.
      if (signal === 'SIGKILL' && existsSync(join(root, 'target'))) {
        const next = await cli(s.args);
        const litter = readdirSync(join(root, 'target')).filter((f) => f.startsWith('.') && /\.(tmp|old)-\d+-/.test(f));
        if (next.code === 0 && litter.length) other.push(`the next run left ${litter.join(', ')}`);
      }
      list.push({
        generator: 'kills during multi-file writes',
        kind: `kill: ${s.name} ${signal}`,
        argv: s.args,
        code: run.code,
        stackTrace: interrupted && STACK_FRAME.test(run.stderr),
        wrongExit: !interrupted && run.code !== 0,
        lostOrHalfWritten: lost,
        other,
        stderr: run.stderr,
      });
    }
    verdicts.push(...list);
    removeDir(root);
    expect(problemsOf(list).slice(0, 10)).toEqual([]);
  }, 1_800_000);

  it('at least 2,000 generated cases, and none with a stack trace, a wrong exit code or a file lost or half-written', () => {
    expect(verdicts.length).toBeGreaterThanOrEqual(Number(process.env['RELIABILITY_MIN_FILE_CASES'] ?? 2000));
    expect({
      stackTraces: verdicts.filter((v) => v.stackTrace).length,
      wrongExitCodes: verdicts.filter((v) => v.wrongExit).length,
      filesLostOrHalfWritten: verdicts.filter((v) => v.lostOrHalfWritten.length).length,
    }).toEqual({ stackTraces: 0, wrongExitCodes: 0, filesLostOrHalfWritten: 0 });
  });
});
