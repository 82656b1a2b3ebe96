import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkOutputFile, writeFileAtomic } from '@frozen-duckdb/bench';
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
import { requiredString, UsageError, type Command, type CommandContext, type OptionSpec } from '../command.js';
import { exitCodeForOutcome } from '../exit-codes.js';
import { GATE_OPTIONS, gateSettings, shardFlag } from '../gate-options.js';
import { HISTORY_OPTIONS, historyHook } from './history.js';

const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'string', value: 'FILE', description: 'Write the comparison as JSON' },
  markdown: { type: 'string', value: 'FILE', description: 'Write the comparison as Markdown (also appended to $GITHUB_STEP_SUMMARY when set)' },
};

const EXIT_CODES = 'Exit codes: 0 no regression, 1 a regression confirmed, 2 usage or environment error, 3 inconclusive.';

/** The --json and --markdown files, resolved against the command's folder and checked before the work, which can take minutes. */
function outputFiles(ctx: CommandContext): { json: string | undefined; markdown: string | undefined } {
  const file = (flag: string) => (typeof ctx.values[flag] === 'string' ? resolve(ctx.cwd, ctx.values[flag] as string) : undefined);
  const files = { json: file('json'), markdown: file('markdown') };
  for (const f of [files.json, files.markdown]) if (f) checkOutputFile(f);
  return files;
}

/** Prints a comparison, writes its files, records it in the history, and returns the gate's exit code. */
async function publish(ctx: CommandContext, result: CompareResult, files: ReturnType<typeof outputFiles>, projectDir: string): Promise<number> {
  const history = historyHook(ctx, projectDir);
  ctx.stdout.write(comparisonConsole(result));
  const markdown = comparisonMarkdown(result);
  if (files.json) writeFileAtomic(files.json, comparisonJson(result));
  if (files.markdown) writeFileAtomic(files.markdown, markdown);
  if (ctx.env.GITHUB_STEP_SUMMARY) appendFileSync(ctx.env.GITHUB_STEP_SUMMARY, markdown);
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
    shard: { type: 'string', value: 'i/n', description: 'Compare only the i-th of n shares of the suites (whole suites, balanced); join the n --json files with merge-shards' },
    ...OUTPUT_OPTIONS,
    ...HISTORY_OPTIONS,
  },
  details: `Checks out the base in a temporary git worktree (reusing node_modules when the lockfile is the same,
npm ci otherwise), builds it with the checkout's Nx cache, then alternates base and candidate workers
round by round, in fresh process pairs, until every benchmark is decided or the budget is spent.
${EXIT_CODES}`,
  async run(ctx) {
    const base = requiredString('base', ctx.values.base);
    const settings = gateSettings(ctx);
    const shard = shardFlag(ctx.values.shard);
    const files = outputFiles(ctx);
    const interactive = Boolean(ctx.stderr.isTTY);
    const result = await compareSides({
      ...settings,
      base,
      useMergeBase: !ctx.values.exact,
      ...(shard ? { shard } : {}),
      onProgress: (message) => ctx.stderr.write(`${interactive ? '\u203a ' : ''}${message}\n`),
    });
    return publish(ctx, result, files, settings.projectDir);
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
    if (ctx.positionals.length === 0) throw new UsageError('no shard files given', 'pass every shard\'s --json file, e.g. merge-shards shard-*.json');
    const files = outputFiles(ctx);
    const shards = ctx.positionals.map((path) => readShardFile(resolve(ctx.cwd, path)));
    return publish(ctx, mergeShardFiles(shards), files, ctx.cwd);
  },
};
