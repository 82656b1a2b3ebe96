import { resolve } from 'node:path';
import chalk from 'chalk';
import { clearProgress, findBaseline, progressPrinter, reporters, runBenchmarks, PROFILES, DEFAULT_SETTINGS, type Profile } from '@frozen-duckdb/bench';
import { checkOutputs, writeFileAtomic } from '@frozen-duckdb/files';
import { baselineGateConsole, baselineGateMarkdown, gateAgainstBaseline, readBaseline } from '@frozen-duckdb/regress';
import { choice, fileFlags, MAX_THREADS, positiveInteger, positiveNumber, UsageError, type Command, type OptionSpec } from '../command.js';
import { exitCodeForOutcome } from '../exit-codes.js';
import {
  diagnoseFlag,
  diagnoseOption,
  FILE_OPTION,
  GATE_OPTIONS,
  MEASURE_OPTIONS,
  measureFlags,
  PAIRED_DEFAULTS,
  requestTimeoutMs,
  shardFlag,
  thresholdFlag,
} from '../gate-options.js';
import { appendStepSummary } from '../step-summary.js';
import { HISTORY_OPTIONS, historyHook } from './history.js';

const FILE_REPORTS = ['json', 'markdown', 'bmf', 'gab'] as const;

export const bench: Command = {
  name: 'bench',
  summary: 'Run the *.bench.ts suites of a project in worker processes and report the timings',
  positionals: ['PROJECT_DIR'],
  options: {
    filter: { type: 'string', value: 'PATTERN', description: 'Only benchmarks whose `suite/name` matches this regular expression (case-insensitive)' },
    file: FILE_OPTION,
    shard: { type: 'string', value: 'i/n', description: 'Run the i-th of n slices: n jobs together run every benchmark exactly once' },
    profile: { type: 'string', value: 'quick|full', description: 'quick (default, minutes) or full (longer, bigger data)' },
    processes: { type: 'string', value: 'N', description: 'Repeat the run in N fresh worker processes and report their spread (default 1)' },
    threads: { type: 'string', value: 'N', description: 'DuckDB threads pinned in every worker (default 2)' },
    'memory-limit': { type: 'string', value: 'SIZE', description: "DuckDB memory_limit pinned in every worker (default '4GB')" },
    json: { type: 'string', value: 'FILE', description: 'Write the results (versioned schema, samples included) as JSON' },
    markdown: { type: 'string', value: 'FILE', description: 'Write a Markdown report (PR comment, $GITHUB_STEP_SUMMARY)' },
    bmf: { type: 'string', value: 'FILE', description: 'Write Bencher Metric Format (latency in ns)' },
    gab: { type: 'string', value: 'FILE', description: "Write github-action-benchmark's customSmallerIsBetter JSON" },
    'no-baseline': { type: 'boolean', description: 'Do not compare with .performance_baseline' },
    threshold: GATE_OPTIONS.threshold as OptionSpec,
    budget: { ...(GATE_OPTIONS.budget as OptionSpec), description: 'Time for confirming suspects side by side (default 300)' },
    diagnose: diagnoseOption('confirmed side by side (the suspects)'),
    measure: MEASURE_OPTIONS.measure as OptionSpec,
    ...HISTORY_OPTIONS,
  },
  details:
    'PROJECT_DIR defaults to the current folder; every *.bench.ts under it (node_modules and dist skipped) is a suite.\n' +
    'With a .performance_baseline (searched up to the workspace root), each benchmark is screened against it; one past its\n' +
    "threshold is only a suspect until a side-by-side comparison against the baseline's commit confirms it; a confirmed\n" +
    'regression is then profiled on both sides and its diagnosis printed (--diagnose: which suspects; docs/diagnosis.md).\n' +
    'Exit codes: 0 every benchmark ran and none regressed, 1 a regression was confirmed or a benchmark or setup failed\n' +
    '(errored, timed out or crashed; the others still ran), 2 bad usage or a damaged baseline, 3 a suspect stayed undecided.\n' +
    "--measure instructions also counts each benchmark's instructions inside DuckDB under valgrind and reports them beside\n" +
    'the timings (docs/instructions.md). Against a baseline recorded with counts (`baseline record --measure instructions`)\n' +
    'a count past --instructions-threshold is a suspect, counted again on both commits side by side before it fails.',
  async run(ctx) {
    const v = ctx.values;
    const projectDir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
    const profile = choice<Profile>('profile', v['profile'], PROFILES, 'quick');
    const processes = positiveInteger('processes', v['processes'], 1);
    const shard = shardFlag(v['shard']);
    const settings: Record<string, string> = {};
    if (v['threads'] !== undefined) settings['threads'] = String(positiveInteger('threads', v['threads'], undefined, MAX_THREADS));
    if (v['memory-limit'] !== undefined) {
      const limit = String(v['memory-limit']);
      if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(limit))
        throw new UsageError(`--memory-limit must be a size like 512MB or 4GB; got ${JSON.stringify(limit)}`);
      settings['memory_limit'] = limit;
    }
    const thresholds = { flag: thresholdFlag(v['threshold']) };
    const instructions = measureFlags(ctx, projectDir);
    const budgetMs = positiveNumber('budget', v['budget'], 300) * 1000;
    const diagnose = diagnoseFlag(v['diagnose']);
    const baselineFile = v['no-baseline'] ? undefined : findBaseline(projectDir);
    // Read before measuring: a damaged baseline stops the run at once, and is left as it is.
    const baseline = baselineFile?.exists ? readBaseline(baselineFile.path) : undefined;
    const history = historyHook(ctx, projectDir);
    // Before measuring: a report that cannot be written, or would replace the baseline or the history, would lose the run or that data.
    checkOutputs({ outputs: fileFlags(ctx, FILE_REPORTS), inputs: [{ name: 'the baseline', path: findBaseline(projectDir).path }, ...history.files] });

    const results = await runBenchmarks({
      projectDir,
      profile,
      processes,
      ...(typeof v['filter'] === 'string' ? { filter: v['filter'] } : {}),
      ...(shard ? { shard } : {}),
      ...(Array.isArray(v['file']) ? { files: v['file'] as string[] } : {}),
      settings,
      onProgress: progressPrinter(ctx.stderr),
      ...(instructions
        ? { instructions: instructions.setup, onCounting: (suite) => ctx.stderr.write(`counting instructions of ${suite} under callgrind\n`) }
        : {}),
    });
    clearProgress(ctx.stderr);

    // A suite that skipped itself leaves no benchmarks but still has its line in the report.
    if (results.suites.length === 0) {
      ctx.stdout.write(`shard ${results.settings.shard} has no benchmarks (there are fewer benchmarks than shards)\n`);
    } else {
      ctx.stdout.write(reporters.console(results));
    }
    for (const flag of FILE_REPORTS) {
      const file = v[flag];
      if (typeof file === 'string') {
        const path = resolve(ctx.cwd, file);
        writeFileAtomic(path, reporters[flag](results));
        ctx.stderr.write(`wrote ${flag} to ${path}\n`);
      }
    }
    const failed = results.benchmarks.some((r) => r.status !== 'ok') || results.suites.some((s) => s.error);
    if (baselineFile && !baseline) {
      ctx.stdout.write(chalk.dim(`no ${baselineFile.path}: results not compared (record one with \`npx nx run benchmarks:bench-record\`)\n`));
    }
    if (!baseline) {
      const outcome = failed ? 'fail' : 'pass';
      await history.append({ kind: 'bench', results }, outcome);
      return exitCodeForOutcome(outcome);
    }
    const gate = await gateAgainstBaseline(results, baseline, {
      projectDir,
      profile,
      settings: { ...DEFAULT_SETTINGS, ...settings },
      thresholds,
      budgetMs,
      ...PAIRED_DEFAULTS,
      timeoutMs: requestTimeoutMs(profile),
      diagnose,
      // Counts are screened against the baseline's and suspects counted again on both commits.
      ...(instructions ? { instructions } : {}),
      partial: v['filter'] !== undefined || shard !== undefined || v['file'] !== undefined,
      onProgress: (message) => ctx.stderr.write(`confirm: ${message}\n`),
    });
    ctx.stdout.write(baselineGateConsole(gate));
    if (diagnose.ids.length > 0 && !gate.confirmation) {
      ctx.stdout.write(
        `--diagnose: nothing was compared side by side (no suspects), so there is nothing to diagnose; \`frozen-duckdb compare --base ${baseline.commit.slice(0, 12)} --exact --diagnose ...\` profiles any benchmark\n`,
      );
    }
    appendStepSummary(ctx, baselineGateMarkdown(gate));
    // A benchmark that failed to run fails the run, whatever the gate says of the others.
    const outcome = failed ? 'fail' : gate.outcome;
    await history.append({ kind: 'bench', results, gate }, outcome);
    return exitCodeForOutcome(outcome);
  },
};
