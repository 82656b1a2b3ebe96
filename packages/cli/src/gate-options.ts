import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CallgrindSetup, compileFilter, DEFAULT_SETTINGS, parseShard, PROFILES, SAMPLING, type Profile, type Shard } from '@frozen-duckdb/bench';
import { callgrindSetup } from '@frozen-duckdb/env';
import {
  DEFAULT_INSTRUCTION_THRESHOLD,
  DEFAULT_THRESHOLD,
  DIAGNOSE_NONE,
  DIAGNOSE_REGRESSIONS,
  type DiagnoseSelection,
  type ThresholdPolicy,
} from '@frozen-duckdb/regress';
import { choice, positiveInteger, positiveNumber, UsageError, type CommandContext, type OptionSpec } from './command.js';

/** The --threshold flag of every command that judges or records timings. */
export const THRESHOLD_OPTION: OptionSpec = {
  type: 'string',
  value: 'PCT',
  description: `Fail past this slowdown, in percent, where a suite sets none (default: the baseline's recorded one, else ${DEFAULT_THRESHOLD * 100})`,
};

/** Flags shared by the commands that compare side by side (compare, calibrate, bench's confirmation). */
/** --file: one suite file, repeatable (Nx's per-suite targets pass it). */
export const FILE_OPTION: OptionSpec = {
  type: 'string',
  multiple: true,
  value: 'PATH',
  description: 'Only the suite in this file, relative to the project folder (repeatable)',
};

export const GATE_OPTIONS: Record<string, OptionSpec> = {
  filter: { type: 'string', value: 'PATTERN', description: 'Only benchmarks whose suite/name matches (regular expression)' },
  file: FILE_OPTION,
  threshold: THRESHOLD_OPTION,
  budget: { type: 'string', value: 'SECONDS', description: 'Time for the side-by-side measurement (default 300)' },
  profile: { type: 'string', value: 'quick|full', description: 'Data sizes of the suites (default quick)' },
  rounds: { type: 'string', value: 'N', description: 'Interleaved rounds per benchmark and pair of fresh processes; long benchmarks get fewer (default 8)' },
  'max-blocks': { type: 'string', value: 'N', description: 'Most pairs of fresh processes per benchmark (default 48)' },
};

/** --measure and --instructions-threshold: instruction counts under callgrind beside wall time (docs/instructions.md). */
export const MEASURE_OPTIONS: Record<string, OptionSpec> = {
  measure: {
    type: 'string',
    value: 'instructions',
    description: "Also count each benchmark's instructions inside DuckDB under valgrind (threads=1; slow: about 100x per call)",
  },
  'instructions-threshold': {
    type: 'string',
    value: 'PCT',
    description: `With --measure instructions: fail past this change in instruction count, in percent (default ${DEFAULT_INSTRUCTION_THRESHOLD * 100})`,
  },
};

/** The --measure flags: what callgrind needs and the threshold, undefined without --measure; exit 2 when valgrind is missing. */
export function measureFlags(ctx: CommandContext, projectDir: string): { setup: CallgrindSetup; threshold: number } | undefined {
  const measure = ctx.values.measure;
  const threshold = ctx.values['instructions-threshold'];
  if (measure === undefined) {
    if (threshold !== undefined) throw new UsageError('--instructions-threshold needs --measure instructions');
    return undefined;
  }
  if (measure !== 'instructions') throw new UsageError(`--measure takes 'instructions'; got ${JSON.stringify(measure)}`, 'wall time is always measured');
  const fraction = threshold === undefined ? DEFAULT_INSTRUCTION_THRESHOLD : percentFlag('instructions-threshold', threshold);
  return { setup: callgrindSetup(projectDir, ctx.env), threshold: fraction };
}

export interface GateSettings {
  projectDir: string;
  filter: RegExp | undefined;
  files?: string[];
  thresholds: ThresholdPolicy;
  budgetMs: number;
  profile: Profile;
  roundsPerBlock: number;
  maxBlocks: number;
  settings: Record<string, string>;
  timeoutMs: number;
  targetBatchMs: number;
}

/**
 * How side-by-side runs measure when no flag says otherwise (also used by bench's confirmation).
 * Most of a block's spread here is round-to-round noise (8-19% between back-to-back batches of a
 * DuckDB query), not the process's own bias, so 8 rounds a block buy more than the process start
 * and suite setup they share. 48 pairs leave a noisy benchmark, or a busy machine, room to decide:
 * the budget is the real limit.
 */
export const PAIRED_DEFAULTS = { roundsPerBlock: 8, maxBlocks: 48, targetBatchMs: 50 } as const;

/** Limit for one worker request at a profile: the longer of a measuring round and a setup. */
export function requestTimeoutMs(profile: Profile): number {
  return Math.max(SAMPLING[profile].timeoutMs, SAMPLING[profile].setupTimeoutMs);
}

/** A threshold flag in percent ("10", "10%") as a fraction; undefined when not given (`thresholdFor` then decides). */
export function thresholdFlag(value: unknown): number | undefined {
  return value === undefined ? undefined : percentFlag('threshold', value);
}

/** A percentage flag ("10", "10%") as a fraction between 0 and 1. */
function percentFlag(name: string, value: unknown): number {
  const text = String(value).trim().replace(/%$/, '');
  const pct = Number(text);
  if (text === '' || !Number.isFinite(pct) || pct <= 0 || pct >= 100) {
    throw new UsageError(`--${name} must be a percentage between 0 and 100, e.g. 10; got ${JSON.stringify(value)}`);
  }
  return pct / 100;
}

/** Reads the shared gate flags and the optional PROJECT_DIR positional (default: the current folder). */
export function gateSettings(ctx: CommandContext): GateSettings {
  const projectDir = resolve(ctx.cwd, ctx.positionals[0] ?? '.');
  if (!existsSync(projectDir)) throw new UsageError(`project folder ${projectDir} does not exist`, 'pass the folder that holds your *.bench.ts files');
  const pattern = ctx.values.filter as string | undefined;
  const filter = pattern === undefined ? undefined : compileFilter(pattern);
  if (pattern !== undefined && !filter) throw new UsageError(`--filter ${JSON.stringify(pattern)} is not a valid regular expression`);
  const profile = choice('profile', ctx.values.profile, PROFILES, 'quick');
  return {
    projectDir,
    filter,
    ...(Array.isArray(ctx.values.file) ? { files: ctx.values.file as string[] } : {}),
    thresholds: { flag: thresholdFlag(ctx.values.threshold) },
    budgetMs: positiveNumber('budget', ctx.values.budget, 300) * 1000,
    profile,
    roundsPerBlock: positiveInteger('rounds', ctx.values.rounds, PAIRED_DEFAULTS.roundsPerBlock),
    maxBlocks: positiveInteger('max-blocks', ctx.values['max-blocks'], PAIRED_DEFAULTS.maxBlocks),
    settings: { ...DEFAULT_SETTINGS },
    timeoutMs: requestTimeoutMs(profile),
    targetBatchMs: PAIRED_DEFAULTS.targetBatchMs,
  };
}

/** A --shard flag (i/n), or undefined when not given. */
export function shardFlag(value: unknown): Shard | undefined {
  if (value === undefined) return undefined;
  const shard = parseShard(String(value));
  if (!shard) throw new UsageError(`--shard must be i/n with 1 <= i <= n; got ${JSON.stringify(value)}`, 'e.g. --shard 2/4 for the second of four CI jobs');
  return shard;
}

/** --diagnose: which compared benchmarks are profiled once more on each side, their profiles diffed. */
export function diagnoseOption(scope: string): OptionSpec {
  return {
    type: 'string',
    multiple: true,
    value: 'ID,...|all|none',
    description: `After measuring, profile these benchmarks on both sides and diff the profiles (suite/name ids, comma-separated or repeated; \`all\` for every one ${scope}; confirmed regressions always are unless \`none\`)`,
  };
}

/** The --diagnose flags as a selection: the confirmed regressions plus the benchmarks named, all, or none. */
export function diagnoseFlag(value: unknown): DiagnoseSelection {
  if (value === undefined) return DIAGNOSE_REGRESSIONS;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim());
  if (items.some((v) => v === '')) throw new UsageError(`--diagnose takes benchmark ids separated by commas; got an empty one in ${JSON.stringify(value)}`);
  if (items.includes('none')) {
    if (items.length > 1)
      throw new UsageError('--diagnose none cannot be combined with benchmark ids or all', 'give either none or the benchmarks to diagnose');
    return DIAGNOSE_NONE;
  }
  if (items.includes('all')) return { regressed: true, ids: 'all' };
  return { regressed: true, ids: [...new Set(items)] };
}
