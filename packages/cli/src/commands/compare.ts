import { resolve } from 'node:path';
import { checkOutputs, writeFileAtomic } from '@frozen-duckdb/files';
import {
  comparisonConsole,
  comparisonJson,
  comparisonMarkdown,
  compare as compareSides,
  gateOutcome,
  mergeShards as mergeShardFiles,
  readShardFile,
  type CompareResult,
} from '@frozen-duckdb/regress';
import { fileFlags, requiredString, UsageError, type Command, type CommandContext, type OptionSpec } from '../command.js';
import { exitCodeForOutcome } from '../exit-codes.js';
import { diagnoseFlag, diagnoseOption, GATE_OPTIONS, gateSettings, MEASURE_OPTIONS, measureFlags, shardFlag } from '../gate-options.js';
import { appendStepSummary } from '../step-summary.js';
import { HISTORY_OPTIONS, historyHook, type HistoryHook } from './history.js';

const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'string', value: 'FILE', description: 'Write the comparison as JSON' },
  markdown: { type: 'string', value: 'FILE', description: 'Write the comparison as Markdown (also appended to $GITHUB_STEP_SUMMARY when set)' },
};

const EXIT_CODES = 'Exit codes: 0 no regression, 1 a regression confirmed, 2 usage or environment error, 3 inconclusive.';

/**
 * The --json and --markdown files, resolved against the command's folder and checked before the work, which
 * can take minutes: neither may be the other, the history database or one of the inputs.
 */
function outputFiles(
  ctx: CommandContext,
  history: HistoryHook,
  inputs: { name: string; path: string }[] = [],
): { json: string | undefined; markdown: string | undefined } {
  const outputs = fileFlags(ctx, ['json', 'markdown']);
  checkOutputs({ outputs, inputs: [...inputs, ...history.files] });
  const file = (flag: string) => outputs.find((o) => o.name === `--${flag}`)?.path;
  return { json: file('json'), markdown: file('markdown') };
}

/** Prints a comparison, writes its files, records it in the history, and returns the gate's exit code. */
async function publish(ctx: CommandContext, result: CompareResult, files: ReturnType<typeof outputFiles>, history: HistoryHook): Promise<number> {
  ctx.stdout.write(comparisonConsole(result));
  const markdown = comparisonMarkdown(result);
  if (files.json) writeFileAtomic(files.json, comparisonJson(result));
  if (files.markdown) writeFileAtomic(files.markdown, markdown);
  appendStepSummary(ctx, markdown);
  const { outcome } = gateOutcome(result);
  await history.append({ kind: 'compare', result }, outcome);
  return exitCodeForOutcome(outcome);
}

export const compare: Command = {
  name: 'compare',
  summary: 'Measure this checkout against a base side by side (interleaved, fresh processes) and gate on it',
  positionals: ['PROJECT_DIR'],
  options: {
    base: { type: 'string', value: 'REF', required: true, description: 'Branch, tag or commit to compare with (its merge-base with HEAD is used)' },
    exact: { type: 'boolean', description: 'Compare with REF itself instead of the merge-base' },
    ...GATE_OPTIONS,
    shard: {
      type: 'string',
      value: 'i/n',
      description: 'Compare only the i-th of n shares of the suites (whole suites, balanced); join the n --json files with merge-shards',
    },
    diagnose: diagnoseOption('compared'),
    ...MEASURE_OPTIONS,
    ...OUTPUT_OPTIONS,
    ...HISTORY_OPTIONS,
  },
  details: `Checks out the base in a temporary git worktree (reusing node_modules when the lockfile is the same,
npm ci otherwise), builds it with the checkout's Nx cache, then alternates base and candidate workers
round by round, in fresh process pairs, until every benchmark is decided or the budget is spent.
Then each confirmed regression (and each benchmark named with --diagnose) runs once more on each side under
DuckDB's profiler and V8's CPU profiler: the output says which operators or functions took the extra time
(docs/diagnosis.md). The diagnosis never changes a verdict.
With --measure instructions, each benchmark then runs once more per side under valgrind's callgrind, counting
instructions inside DuckDB (threads=1), and gets a second verdict at --instructions-threshold: a regression on
either measure fails the gate (docs/instructions.md). Without valgrind it exits 2 before measuring anything.
${EXIT_CODES}`,
  async run(ctx) {
    const base = requiredString('base', ctx.values.base);
    const settings = gateSettings(ctx);
    const shard = shardFlag(ctx.values.shard);
    const diagnose = diagnoseFlag(ctx.values.diagnose);
    const instructions = measureFlags(ctx, settings.projectDir);
    const history = historyHook(ctx, settings.projectDir);
    const files = outputFiles(ctx, history);
    const interactive = Boolean(ctx.stderr.isTTY);
    const result = await compareSides({
      ...settings,
      base,
      useMergeBase: !ctx.values.exact,
      ...(shard ? { shard } : {}),
      diagnose,
      ...(instructions ? { instructions } : {}),
      onProgress: (message) => ctx.stderr.write(`${interactive ? '\u203a ' : ''}${message}\n`),
    });
    return publish(ctx, result, files, history);
  },
};

export const mergeShards: Command = {
  name: 'merge-shards',
  summary: 'Join the --json files of a sharded comparison (compare --shard i/n) into one verdict',
  positionals: ['FILE...'],
  options: { ...OUTPUT_OPTIONS, ...HISTORY_OPTIONS },
  details: `Every shard exactly once, all measured between the same two commits with the same settings; the
suite's geometric mean is judged again over every benchmark. Missing, duplicate or mismatched shards: exit 2.
${EXIT_CODES}`,
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('no shard files given', "pass every shard's --json file, e.g. merge-shards shard-*.json");
    const history = historyHook(ctx, ctx.cwd);
    const inputs = ctx.positionals.map((path) => ({ name: 'a shard file', path: resolve(ctx.cwd, path) }));
    const files = outputFiles(ctx, history, inputs);
    const shards = inputs.map(({ path }) => readShardFile(path));
    return publish(ctx, mergeShardFiles(shards), files, history);
  },
};
