import { dirname, join, resolve } from 'node:path';
import { BASELINE_FILE, findBaseline, listSuites, PROFILES, runBenchmarks } from '@frozen-duckdb/bench';
import { formatCount, formatPercent, formatTime } from '@frozen-duckdb/core';
import { BaselineError, DEFAULT_THRESHOLD, type Baseline, baselineFromResults, readBaseline, Repository, writeBaseline } from '@frozen-duckdb/regress';
import { checkOutputs, withFileLock } from '@frozen-duckdb/files';
import { choice, positiveInteger, UsageError, type Command, type OptionSpec } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { MEASURE_OPTIONS, measureFlags, THRESHOLD_OPTION, thresholdFlag } from '../gate-options.js';
import { HISTORY_OPTIONS, historyHook } from './history.js';

const record: Command = {
  name: 'record',
  summary: 'Measure the suites and write .performance_baseline atomically, with the commit and machine',
  positionals: ['PROJECT_DIR'],
  options: {
    profile: { type: 'string', value: 'quick|full', description: 'Data sizes of the suites (default quick)' },
    processes: { type: 'string', value: 'N', description: 'Fresh worker processes to measure in (default 1)' },
    threshold: {
      ...THRESHOLD_OPTION,
      description: `Threshold to record, in percent, for benchmarks whose suite sets none (default ${DEFAULT_THRESHOLD * 100})`,
    },
    'allow-dirty': { type: 'boolean', description: 'Record although tracked files have uncommitted changes' },
    measure: MEASURE_OPTIONS.measure as OptionSpec,
    ...HISTORY_OPTIONS,
  },
  details: `The baseline names the commit it measured, so that a later suspect can be confirmed side by side
against that very commit: a tree with uncommitted changes is refused unless --allow-dirty. A run in which any
benchmark fails writes nothing; the old baseline stays as it was.

--measure instructions also records each benchmark's instruction count inside DuckDB (counted under valgrind,
docs/instructions.md); \`bench --measure instructions\` then gates on counts too. A count that fails writes nothing.`,
  async run(ctx) {
    const projectDir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
    const profile = choice('profile', ctx.values.profile, PROFILES, 'quick');
    const processes = positiveInteger('processes', ctx.values.processes, 1);
    const threshold = thresholdFlag(ctx.values.threshold);
    const instructions = measureFlags(ctx, projectDir);
    const history = historyHook(ctx, projectDir);
    const repo = await Repository.open(projectDir);
    const commit = await repo.head();
    if ((await repo.isDirty()) && !ctx.values['allow-dirty']) {
      throw new UsageError(
        'tracked files have uncommitted changes: the baseline would name a commit that did not measure them',
        'commit first, or pass --allow-dirty',
      );
    }
    let { path } = findBaseline(projectDir);
    // Read first: a damaged baseline is reported, not silently replaced.
    let previous = readBaseline(path);
    if (previous && dirname(path) !== projectDir && !(await sharesBenchmarks(previous, projectDir))) {
      // The file found higher up is another project's: this project gets its own, next to its suites.
      ctx.stderr.write(`${path} holds another project's benchmarks; recording this project's own baseline in ${projectDir}\n`);
      path = join(projectDir, BASELINE_FILE);
      previous = readBaseline(path);
    }
    // Before measuring: the baseline must be writable there, and may not be the history database.
    checkOutputs({ outputs: [{ name: 'the baseline', path }], inputs: history.files });
    return withFileLock(path, async () => {
      const results = await runBenchmarks({
        projectDir,
        profile,
        processes,
        onProgress: (e) => {
          if (e.phase === 'measured' || e.phase === 'failed')
            ctx.stderr.write(`  [${e.done}/${e.total}] ${e.suite}/${e.benchmark ?? ''}${e.message ? `: ${e.message}` : ''}\n`);
        },
        ...(instructions
          ? { instructions: instructions.setup, onCounting: (suite: string) => ctx.stderr.write(`counting instructions of ${suite} under callgrind\n`) }
          : {}),
      });
      // A count asked for and not made fails the record like a benchmark; one declared uncounted does not.
      const failed = results.benchmarks.filter((b) => b.status !== 'ok' || (b.instructions !== undefined && 'error' in b.instructions));
      const suiteErrors = results.suites.filter((s) => s.error);
      if (failed.length || suiteErrors.length) {
        const why = (b: (typeof failed)[number]) =>
          b.status === 'ok' && b.instructions && 'error' in b.instructions ? `not counted: ${b.instructions.error}` : b.status;
        const names = [...failed.map((b) => `${b.id} (${why(b)})`), ...suiteErrors.map((s) => `suite ${s.name}`)];
        throw new BaselineError(
          path,
          `not written: ${names.length} benchmark(s) or suite(s) failed: ${names.join(', ')}`,
          'fix the failures (run `frozen-duckdb bench --filter NAME` to see one), then record again',
        );
      }
      const recorded = baselineFromResults(results, commit, { flag: threshold });
      if (Object.keys(recorded.benchmarks).length === 0) {
        throw new BaselineError(
          path,
          'not written: no benchmark was measured (every suite skipped itself, or none has benchmarks)',
          'record where the suites run (`frozen-duckdb bench` shows why they skip)',
        );
      }
      writeBaseline(path, recorded);
      const count = Object.keys(recorded.benchmarks).length;
      const counted = Object.values(recorded.benchmarks).filter((e) => e.instructions !== undefined).length;
      ctx.stdout.write(
        `${previous ? 'updated' : 'wrote'} ${path}: ${count} benchmarks at ${commit.slice(0, 12)} (${profile}, ${processes} process${processes > 1 ? 'es' : ''})${instructions ? `, ${counted} with instruction counts (the others are declared uncounted)` : ''}\n`,
      );
      await history.append({ kind: 'record', results, commit }, 'pass');
      return EXIT.ok;
    });
  },
};

/** Whether a baseline holds any benchmark of the project's suites (listed, not run). */
async function sharesBenchmarks(baseline: Baseline, projectDir: string): Promise<boolean> {
  const suites = await listSuites(projectDir);
  return suites.some((suite) => suite.benchmarks.some((b) => b.id in baseline.benchmarks));
}

const show: Command = {
  name: 'show',
  summary: 'Print the baseline: commit, machine and each benchmark',
  positionals: ['PROJECT_DIR'],
  options: { json: { type: 'boolean', description: 'Print the file as JSON' } },
  async run(ctx) {
    const { path } = findBaseline(resolve(ctx.cwd, ctx.positionals[0] ?? '.'));
    const current = readBaseline(path);
    if (!current) throw new UsageError(`no baseline at ${path}`, 'record one with `npx nx run benchmarks:bench-record`');
    if (ctx.values.json) {
      ctx.stdout.write(`${JSON.stringify(current, null, 2)}\n`);
      return EXIT.ok;
    }
    const m = current.machine;
    ctx.stdout.write(
      `${path}\ncommit ${current.commit}, recorded ${current.recordedAt}\nmachine ${m.cpuModel}, ${m.cores} cores, ${m.os}, node ${m.node}, DuckDB ${m.duckdb}\n`,
    );
    for (const [id, e] of Object.entries(current.benchmarks)) {
      const count = e.instructions === undefined ? '' : `, ${formatCount(Math.round(e.instructions))} instructions per call`;
      ctx.stdout.write(`  ${id}: median ${formatTime(e.median)}, spread ${formatPercent(e.spread)}, threshold ${formatPercent(e.threshold)}${count}\n`);
    }
    return EXIT.ok;
  },
};

export const baseline: Command = {
  name: 'baseline',
  summary: 'Record or show the performance baseline (.performance_baseline)',
  subcommands: [record, show],
};
