import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BenchUsageError, type CallgrindSetup, checkSuiteFiles, discoverSuites, shardGroups, type BenchmarkInfo, type Shard } from '@frozen-duckdb/bench';
import { onCleanup } from '@frozen-duckdb/files';
import { GitError } from '../errors.js';
import { Repository } from '../git/repository.js';
import { BaseBuildError, prepareTree, workerScriptFor, type PreparedTree } from './prepare-base.js';
import { createSetupShares } from './setup-shares.js';
import { diagnose, diagnoseTargets, DIAGNOSE_REGRESSIONS, type DiagnoseSelection, type Diagnosis } from '../diagnose/diagnose.js';
import { countSides } from '../measures/count-sides.js';
import type { InstructionComparison } from '../measures/instruction-verdict.js';
import { runPaired, startWorker, type PairedOptions, type PairedResult, type PairedSuite, type SideSpec } from './paired-run.js';

export interface CompareOptions extends Omit<PairedOptions, 'base' | 'candidate' | 'suites'> {
  /** The candidate project folder (inside a git checkout). */
  projectDir: string;
  /** What to compare against: a ref whose merge-base with HEAD is the base, or an exact commit. */
  base: string;
  /** Compare with the merge-base of HEAD and `base` (pull requests) rather than `base` itself. */
  useMergeBase: boolean;
  /** Only benchmarks whose id matches. */
  filter?: RegExp;
  /** Extra environment for the candidate's workers (calibration injects a slowdown this way). */
  candidateEnv?: NodeJS.ProcessEnv;
  /** A prepared base to reuse (calibration runs many comparisons against one worktree). */
  preparedBase?: PreparedBase;
  /** Only these suite files (relative to the project folder); each must exist in the candidate. */
  files?: readonly string[];
  /** Compare only shard i of n: whole suites, balanced by benchmark count (`merge-shards` joins the n results). */
  shard?: Shard;
  /** Which benchmarks are profiled on both sides after measuring, and their profiles diffed (default: the confirmed regressions). */
  diagnose?: DiagnoseSelection;
  /** Also count instructions inside DuckDB under callgrind, judged at `threshold` beside wall time (`--measure instructions`). */
  instructions?: { setup: CallgrindSetup; threshold: number };
}

export interface PreparedBase {
  commit: string;
  projectDir: string;
  workerScript: string;
  prepare: PreparedTree;
  remove(): Promise<void>;
}

export interface CompareResult extends PairedResult {
  baseCommit: string;
  candidateCommit: string;
  candidateDirty: boolean;
  /** Benchmarks only the candidate has. */
  added: BenchmarkInfo[];
  /** Benchmarks only the base has. */
  removed: BenchmarkInfo[];
  prepare: PreparedTree;
  /** Which shard of a sharded comparison this is; null when it covers every suite. */
  shard: Shard | null;
  /** What it was measured with: shards of one comparison must agree on these to be merged. */
  settings: ComparisonSettings;
  /** Why the chosen benchmarks got slower: their profiles on both sides, diffed. Absent in comparisons written before it existed. */
  diagnoses?: Diagnosis[];
  /** The instruction measure, when asked for: its own verdicts, never replacing the wall-time ones. */
  instructions?: InstructionComparison;
}

export interface ComparisonSettings {
  profile: string;
  /** The `--threshold` flag as a fraction, null when none was given. */
  threshold: number | null;
  filter: string | null;
  roundsPerBlock: number;
  maxBlocks: number;
  duckdb: Record<string, string>;
}

/** Checks out the base in a temporary worktree and makes it runnable; `remove()` undoes it. */
export async function prepareBase(projectDir: string, ref: string, useMergeBase: boolean, progress = (_: string) => {}): Promise<PreparedBase> {
  const repo = await Repository.open(projectDir);
  const commit = useMergeBase ? await repo.mergeBase(ref) : await repo.resolve(ref);
  progress(`base ${commit.slice(0, 12)} (${useMergeBase ? `merge-base with ${ref}` : ref}): checking out a worktree`);
  const worktree = await repo.addWorktree(commit);
  try {
    const baseProject = join(worktree.dir, relative(repo.root, projectDir));
    if (!existsSync(baseProject)) {
      throw new BaseBuildError(commit, 'provide the project folder', `${relative(repo.root, projectDir) || '.'} does not exist at that commit`);
    }
    const prepare = await prepareTree(worktree.dir, repo.root, commit);
    const cache = prepare.buildCache === 'nx' ? " with the checkout's Nx cache" : '';
    progress(
      `base prepared: node_modules ${prepare.install} in ${(prepare.installMs / 1000).toFixed(1)} s, build ${(prepare.buildMs / 1000).toFixed(1)} s${cache}`,
    );
    const workerScript = workerScriptFor(baseProject);
    if (!workerScript) throw new BaseBuildError(commit, 'provide a bench worker', '@frozen-duckdb/bench is not installed or built there');
    return { commit, projectDir: baseProject, workerScript, prepare, remove: () => worktree.remove() };
  } catch (error) {
    await worktree.remove();
    throw error;
  }
}

/** Lists every suite's benchmarks on one side, keyed by the suite file's path relative to the project. */
async function listSide(side: SideSpec, only?: readonly string[]): Promise<Map<string, BenchmarkInfo[]>> {
  const worker = startWorker(side);
  const stop = onCleanup(() => worker.kill());
  const out = new Map<string, BenchmarkInfo[]>();
  try {
    for (const file of discoverSuites(side.projectDir, only)) {
      const suite = await worker.list(file);
      out.set(relative(side.projectDir, file), suite.benchmarks);
    }
  } finally {
    await worker.close();
    await stop();
  }
  return out;
}

/** A side-by-side comparison of the project at HEAD (and its working tree) against a base. */
export async function compare(options: CompareOptions): Promise<CompareResult> {
  const progress = options.onProgress ?? (() => undefined);
  const repo = await Repository.open(options.projectDir);
  const candidateCommit = await repo.head().catch(() => {
    throw new GitError('the repository has no commits yet', 'commit once, then compare');
  });
  if (options.files) checkSuiteFiles(options.projectDir, options.files);
  const base = options.preparedBase ?? (await prepareBase(options.projectDir, options.base, options.useMergeBase, progress));
  const shares = [
    createSetupShares('base', base.projectDir, options.profile, options.settings),
    createSetupShares('candidate', options.projectDir, options.profile, options.settings),
  ] as const;
  try {
    const baseSide: SideSpec = { projectDir: base.projectDir, workerScript: base.workerScript, shares: shares[0] };
    const candidateSide: SideSpec = { projectDir: options.projectDir, ...(options.candidateEnv ? { env: options.candidateEnv } : {}), shares: shares[1] };
    const [baseSuites, candidateSuites] = await Promise.all([listSide(baseSide, options.files), listSide(candidateSide, options.files)]);
    const keep = (b: BenchmarkInfo) => !options.filter || options.filter.test(b.id);
    const suites: PairedSuite[] = [];
    const added: BenchmarkInfo[] = [];
    const removed: BenchmarkInfo[] = [];
    for (const [file, benchmarks] of candidateSuites) {
      const baseIds = new Set((baseSuites.get(file) ?? []).map((b) => b.id));
      const both = benchmarks.filter((b) => keep(b) && baseIds.has(b.id));
      added.push(...benchmarks.filter((b) => keep(b) && !baseIds.has(b.id)));
      if (both.length) suites.push({ file, benchmarks: both });
    }
    for (const [file, benchmarks] of baseSuites) {
      const candidateIds = new Set((candidateSuites.get(file) ?? []).map((b) => b.id));
      removed.push(...benchmarks.filter((b) => keep(b) && !candidateIds.has(b.id)));
    }
    if (options.filter && suites.length === 0 && added.length === 0 && removed.length === 0) {
      throw new BenchUsageError(
        `no benchmark on either side matches --filter ${options.filter.source}`,
        'filter on `suite/benchmark` names; `frozen-duckdb bench --no-baseline` lists them',
      );
    }
    if (options.shard) {
      // Every shard lists added and removed benchmarks alike; merging keeps one of each.
      const mine = new Set(
        shardGroups(
          suites.map((suite) => ({ key: suite.file, items: suite.benchmarks })),
          options.shard,
        ),
      );
      suites.splice(0, suites.length, ...suites.filter((suite) => mine.has(suite.file)));
      progress(
        `shard ${options.shard.index}/${options.shard.count}: ${suites.map((suite) => suite.file).join(', ') || 'no suites (fewer suites than shards)'}`,
      );
    }
    progress(`comparing ${suites.reduce((n, s) => n + s.benchmarks.length, 0)} benchmarks in ${suites.length} suites`);
    const paired = await runPaired({ ...options, base: baseSide, candidate: candidateSide, suites });
    const instructions = options.instructions
      ? await countSides({
          ...options.instructions,
          base: baseSide,
          candidate: candidateSide,
          suites,
          profile: options.profile,
          settings: options.settings,
          timeoutMs: options.timeoutMs,
          onProgress: progress,
        })
      : undefined;
    const fileOf = new Map(suites.flatMap((suite) => suite.benchmarks.map((b) => [b.id, suite.file] as const)));
    const targets = diagnoseTargets(paired.benchmarks, (id) => fileOf.get(id), options.diagnose ?? DIAGNOSE_REGRESSIONS);
    const diagnoses = targets.length
      ? await diagnose(targets, {
          base: baseSide,
          candidate: candidateSide,
          profile: options.profile,
          settings: options.settings,
          timeoutMs: options.timeoutMs,
          onProgress: progress,
        })
      : [];
    return {
      ...paired,
      baseCommit: base.commit,
      candidateCommit,
      candidateDirty: await repo.isDirty(),
      added,
      removed,
      prepare: base.prepare,
      shard: options.shard ?? null,
      settings: {
        profile: options.profile,
        threshold: options.thresholds.flag ?? null,
        filter: options.filter?.source ?? null,
        roundsPerBlock: options.roundsPerBlock,
        maxBlocks: options.maxBlocks,
        duckdb: options.settings,
      },
      diagnoses,
      ...(instructions ? { instructions } : {}),
    };
  } finally {
    await Promise.all(shares.map((s) => s.remove()));
    if (!options.preparedBase) await base.remove();
  }
}
