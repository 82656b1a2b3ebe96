import { BenchWorker, extent, isSuiteSkipped, mean, median, type BenchmarkInfo, type OpenedSuite, type Profile } from '@frozen-duckdb/bench';
import { onCleanup } from '@frozen-duckdb/files';
import type { SetupShares } from './setup-shares.js';
import { combineEstimates, foreignCores, pairedEstimate, unevenRounds, type Block, type Estimate, type PairedRound } from '../stats/paired.js';
import { decideOpen } from '../stats/decide-run.js';
import type { VariancePrior } from '../stats/moderated.js';
import { decide, gateRule, type GateRule, type Verdict } from '../stats/decide.js';
import { suiteMeanThreshold, thresholdFor, type ThresholdPolicy, type ThresholdSource } from '../gate/threshold.js';

/** One side of a comparison: where its suites live and which worker script runs them. */
export interface SideSpec {
  projectDir: string;
  /** The side's own bench worker (a base commit's build); default: this package's. */
  workerScript?: string;
  env?: NodeJS.ProcessEnv;
  /** Where this side's processes share each suite's setup (the first saves it, later ones restore it). */
  shares?: SetupShares;
}

/** A suite file present on both sides (same path relative to each project) and what to compare. */
export interface PairedSuite {
  /** Path relative to the project folder, the same on both sides. */
  file: string;
  benchmarks: BenchmarkInfo[];
}

export interface PairedOptions {
  base: SideSpec;
  candidate: SideSpec;
  suites: PairedSuite[];
  profile: Profile;
  settings: Record<string, string>;
  /** The run's `--threshold` and a baseline's recorded thresholds: `thresholdFor` picks each benchmark's. */
  thresholds: ThresholdPolicy;
  /** Overrides of the rule's precision and block counts. */
  rule?: Partial<GateRule>;
  /** Interleaved rounds per pair of fresh processes. */
  roundsPerBlock: number;
  maxBlocks: number;
  /** Wall-clock budget; a block that would not fit is not started. */
  budgetMs: number;
  /** Iterations per timed batch are chosen so a batch takes about this long. */
  targetBatchMs: number;
  /** Limit for one worker request (a setup, a batch). */
  timeoutMs: number;
  onProgress?: (message: string) => void;
}

/** `skipped`: the suite's setup skipped itself on a side (no server, say): not compared, not a failure. */
export type ComparisonStatus = Verdict['decision'] | 'error' | 'skipped';

export interface BenchmarkComparison {
  id: string;
  suite: string;
  name: string;
  threshold: number;
  thresholdSource: ThresholdSource;
  status: Exclude<ComparisonStatus, 'continue'>;
  /** How the estimate was judged; absent for an error or a skipped suite. */
  verdict: Verdict | undefined;
  /** What went wrong (status error) or why the suite skipped itself (status skipped). */
  message: string | undefined;
  estimate: Estimate | undefined;
  /** Median batch time per iteration on each side, ms. */
  baseMs: number | undefined;
  candidateMs: number | undefined;
  iterationsPerBatch: number;
  blocks: Block[];
}

export interface PairedResult {
  benchmarks: BenchmarkComparison[];
  /** The geometric mean over every compared benchmark. */
  suite: { estimate: Estimate; verdict: Verdict } | undefined;
  blocks: number;
  elapsedMs: number;
  budgetMs: number;
  /** True when the budget (or the block limit) ended the run with benchmarks undecided. */
  exhausted: boolean;
  /** How much other processes took the cores while measuring; undefined where /proc does not say. */
  contention: Contention | undefined;
  /** Per suite and block: the time to get both sides ready (process start, setup or restore) and the time measuring. */
  timings: SuiteTiming[];
}

export interface SuiteTiming {
  file: string;
  block: number;
  setupMs: number;
  measureMs: number;
  /** Both sides restored the suite's setup instead of running it. */
  restored: boolean;
}

/** Contention seen while measuring: other processes' share of the machine, run-queue waits, and the rounds it spoiled. */
export interface Contention {
  rounds: number;
  /** Rounds left out of the estimate (and measured again) because other processes took far more during one side's batch. */
  uneven: number;
  /** Median over rounds of the CPU other processes took during each side's batches, in cores (1 = a whole core). */
  baseForeignCores: number;
  candidateForeignCores: number;
  /** Median over rounds of the time each side's threads waited for a CPU (its own threads included), as a share of the round's time. */
  baseWaitShare: number;
  candidateWaitShare: number;
}

interface Tracked {
  info: BenchmarkInfo;
  file: string;
  rule: GateRule;
  thresholdSource: ThresholdSource;
  iterations: number | undefined;
  /** Far slower than a batch's target (known after the first probe): no warm-up batch. */
  slow: boolean;
  /** One batch's duration at the first probe, ms: sets the rounds per block. */
  batchMs: number | undefined;
  blocks: Block[];
  verdict: Verdict | undefined;
  error: string | undefined;
  skipped: string | undefined;
}

/**
 * Measures base and candidate side by side: each block starts a fresh base worker and a fresh
 * candidate worker per suite (so each process's own bias averages out over blocks), and times
 * every undecided benchmark in rounds that alternate which side goes first. After each block
 * the rule decides what it can; the rest goes on until decided, the block limit or the budget.
 */
export async function runPaired(options: PairedOptions): Promise<PairedResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const tracked: Tracked[] = options.suites.flatMap((suite) =>
    suite.benchmarks.map((info) => {
      const threshold = thresholdFor(info.id, info.threshold, options.thresholds);
      return {
        info,
        file: suite.file,
        rule: gateRule(threshold.value, options.rule),
        thresholdSource: threshold.source,
        iterations: undefined,
        slow: false,
        batchMs: undefined,
        blocks: [],
        verdict: undefined,
        error: undefined,
        skipped: undefined,
      };
    }),
  );
  const sharing = new Map<string, SuiteSharing>(
    options.suites.map((suite) => [suite.file, { on: Boolean(options.base.shares && options.candidate.shares), ranMs: [] }]),
  );
  const timings: SuiteTiming[] = [];
  let blocks = 0;
  let lastBlockMs = 0;
  let exhausted = false;
  while (tracked.some(open)) {
    const elapsed = performance.now() - started;
    if (blocks >= options.maxBlocks || (blocks > 0 && elapsed + lastBlockMs > options.budgetMs)) {
      exhausted = true;
      break;
    }
    const blockStart = performance.now();
    blocks += 1;
    const deadline = started + options.budgetMs;
    const pair = new WorkerPair(options, blocks % 2 === 1);
    try {
      for (const suite of options.suites) {
        if (blocks > 1 && performance.now() > deadline) break;
        const pending = tracked.filter((t) => t.file === suite.file && open(t));
        if (pending.length)
          timings.push(...(await runBlock(pair, suite.file, pending, blocks, deadline, options, progress, sharing.get(suite.file) as SuiteSharing)));
      }
    } finally {
      await pair.end();
    }
    decideOpen(tracked, open);
    lastBlockMs = performance.now() - blockStart;
    const left = tracked.filter(open).length;
    progress(`block ${blocks}: ${tracked.length - left} of ${tracked.length} decided (${(lastBlockMs / 1000).toFixed(1)} s)`);
  }
  const prior = decideOpen(tracked, open, true);

  const benchmarks = tracked.map((t) => toComparison(t, prior));
  const suite = suiteVerdict(benchmarks, options.thresholds, options.rule);
  return {
    benchmarks,
    suite,
    blocks,
    elapsedMs: performance.now() - started,
    budgetMs: options.budgetMs,
    exhausted,
    contention: contentionOf(benchmarks),
    timings,
  };
}

export function contentionOf(benchmarks: readonly BenchmarkComparison[]): Contention | undefined {
  const measured = benchmarks
    .flatMap((b) => b.blocks.flat())
    .flatMap((round) => {
      const cores = foreignCores(round);
      return cores ? [{ round, cores }] : [];
    });
  if (measured.length === 0) return undefined;
  return {
    rounds: measured.length,
    uneven: measured.filter((m) => m.round.uneven).length,
    baseForeignCores: median(measured.map((m) => m.cores.base)),
    candidateForeignCores: median(measured.map((m) => m.cores.candidate)),
    baseWaitShare: median(measured.map((m) => (m.round.baseWaitMs ?? 0) / m.round.base)),
    candidateWaitShare: median(measured.map((m) => (m.round.candidateWaitMs ?? 0) / m.round.candidate)),
  };
}

/** The geometric mean over every compared benchmark (two or more), judged as a benchmark of its own. */
export function suiteVerdict(benchmarks: readonly BenchmarkComparison[], thresholds: ThresholdPolicy, rule?: Partial<GateRule>): PairedResult['suite'] {
  const estimates = benchmarks.flatMap((b) => (b.estimate && b.status !== 'error' && b.status !== 'skipped' ? [b.estimate] : []));
  if (estimates.length < 2) return undefined;
  const estimate = combineEstimates(estimates);
  const threshold = suiteMeanThreshold(
    benchmarks.map((b) => b.threshold),
    thresholds,
  );
  return { estimate, verdict: decide(estimate, gateRule(threshold, rule), true) };
}

function open(t: Tracked): boolean {
  return t.verdict === undefined && t.error === undefined && t.skipped === undefined;
}

/** A worker for one side: its project folder, its own worker script (a base build) and environment. */
export function startWorker(side: SideSpec): BenchWorker {
  return BenchWorker.start({
    projectDir: side.projectDir,
    ...(side.workerScript ? { script: side.workerScript } : {}),
    ...(side.env ? { env: side.env } : {}),
  });
}

/**
 * The block's base and candidate processes. Both are fresh at the start of a block; they go on
 * from suite to suite when both workers can close a suite and stay (saving a process start and
 * module loading per suite), and are replaced together otherwise, so both sides always run in
 * processes with the same history.
 */
export class WorkerPair {
  private workers: { base: BenchWorker; candidate: BenchWorker; stop: () => Promise<void> } | undefined;

  /** `baseFirst`: which side's process starts first; alternated by block, so no side always starts second. */
  constructor(
    private readonly options: Pick<PairedOptions, 'base' | 'candidate'>,
    private readonly baseFirst: boolean,
  ) {}

  get(): { base: BenchWorker; candidate: BenchWorker } {
    if (!this.workers) {
      const [first, second] = this.baseFirst ? [this.options.base, this.options.candidate] : [this.options.candidate, this.options.base];
      const started = [startWorker(first), startWorker(second)];
      const [base, candidate] = (this.baseFirst ? started : started.reverse()) as [BenchWorker, BenchWorker];
      const stop = onCleanup(() => {
        base.kill();
        candidate.kill();
      });
      this.workers = { base, candidate, stop };
    }
    return this.workers;
  }

  /** Closes the open suite on both sides; keeps the processes only if both can go on and `reuse`. */
  async release(reuse: boolean): Promise<void> {
    const w = this.workers;
    if (!w) return;
    if (reuse && w.base.alive && w.candidate.alive) {
      const kept = await Promise.allSettled([w.base.closeSuite(), w.candidate.closeSuite()]);
      if (kept.every((k) => k.status === 'fulfilled' && k.value)) return;
    }
    await this.end();
  }

  async end(): Promise<void> {
    const w = this.workers;
    this.workers = undefined;
    if (!w) return;
    await Promise.allSettled([w.base.close(), w.candidate.close()]);
    await w.stop();
  }
}

/** Whether a suite's setup is shared between a side's processes, and what running it cost. */
interface SuiteSharing {
  on: boolean;
  /** Setup times of processes that ran it (both sides), ms. */
  ranMs: number[];
  /** Why sharing stopped, for the progress line. */
  off?: string;
}

/**
 * Keeps sharing a suite's setup only while it pays: a side that cannot share it, or a restore
 * that takes more than 70% of running the setup, turns it off for both sides (the two always
 * get their suite ready the same way, so neither carries a cost the other does not).
 */
function updateSharing(sharing: SuiteSharing, opened: (OpenedSuite | undefined)[]): void {
  if (!sharing.on) return;
  for (const o of opened) {
    if (!o) continue;
    if (!o.setup) sharing.off = "the base's worker predates shared setups";
    else if (o.setup.refused) sharing.off = o.setup.refused;
    else if (o.setup.how === 'ran') sharing.ranMs.push(o.setupMs);
  }
  const ran = extent(sharing.ranMs).max;
  for (const o of opened) {
    if (o?.setup?.how === 'restored' && ran > 0 && o.setupMs > 0.7 * ran) {
      sharing.off = `a restore took ${(o.setupMs / 1000).toFixed(1)} s, the setup ${(ran / 1000).toFixed(1)} s`;
    }
  }
  if (sharing.off) sharing.on = false;
}

async function runBlock(
  pair: WorkerPair,
  file: string,
  pending: Tracked[],
  block: number,
  deadline: number,
  options: PairedOptions,
  progress: (m: string) => void,
  sharing: SuiteSharing,
): Promise<SuiteTiming[]> {
  const { base, candidate } = pair.get();
  const opening = performance.now();
  let healthy = false;
  const share = (side: SideSpec) => (sharing.on ? side.shares?.shareFor(file) : undefined);
  try {
    const opened = await Promise.allSettled([
      base.open(`${options.base.projectDir}/${file}`, options.profile, options.settings, options.timeoutMs, share(options.base)),
      candidate.open(`${options.candidate.projectDir}/${file}`, options.profile, options.settings, options.timeoutMs, share(options.candidate)),
    ]);
    const wasOn = sharing.on;
    updateSharing(
      sharing,
      opened.map((o) => (o.status === 'fulfilled' ? o.value : undefined)),
    );
    if (wasOn && !sharing.on) progress(`  ${file}: setup runs in every process from now on (${sharing.off})`);
    const how = opened.map((o) => (o.status === 'fulfilled' ? o.value.setup?.how : undefined));
    const skippedOn = opened.findIndex((o) => o.status === 'rejected' && isSuiteSkipped(o.reason));
    if (skippedOn >= 0) {
      const reason = ((opened[skippedOn] as PromiseRejectedResult).reason as { reason: string }).reason;
      for (const t of pending) t.skipped = `the ${skippedOn === 0 ? 'base' : 'candidate'} skipped ${file}: ${reason}`;
      return [];
    }
    const failed = opened.findIndex((o) => o.status === 'rejected');
    if (failed >= 0) {
      const reason = (opened[failed] as PromiseRejectedResult).reason as Error;
      for (const t of pending) t.error = `${failed === 0 ? 'base' : 'candidate'} could not set up ${file}: ${reason.message}`;
      return [];
    }
    const measuring = performance.now();
    const scale = roundsScale(measuring - opening, pending, options);
    let timed = 0;
    let errors = 0;
    for (const t of pending) {
      // The budget holds inside a block too; the first block always completes, so every benchmark has one.
      if (block > 1 && performance.now() > deadline) break;
      timed += 1;
      try {
        t.blocks.push(await timeRounds(t, base, candidate, block, options, scale));
      } catch (error) {
        errors += 1;
        t.error = (error as Error).message;
        progress(`${t.info.id}: ${t.error}`);
        if (!base.alive || !candidate.alive) break;
      }
    }
    // A process that saw an error (a crash, a timeout, a thrown benchmark) is not reused.
    healthy = errors === 0;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const restored = how.every((h) => h === 'restored');
    const setupMs = measuring - opening;
    const measureMs = performance.now() - measuring;
    progress(
      `  ${file}: ${timed} benchmark(s), setup ${seconds(setupMs)}${restored ? ' (restored)' : ''}, measuring ${seconds(measureMs)}${scale > 1 ? ` (rounds x${scale.toFixed(1)})` : ''}`,
    );
    return [{ file, block, setupMs, measureMs, restored }];
  } finally {
    await pair.release(healthy);
  }
}

async function timeRounds(t: Tracked, base: BenchWorker, candidate: BenchWorker, block: number, options: PairedOptions, scale = 1): Promise<Block> {
  const name = t.info.name;
  // The first block learns the batch size from one untimed call per side.
  if (t.iterations === undefined) {
    const once = { time: 0, iterations: 1, warmupTime: 0, warmupIterations: 0 };
    const probe = await candidate.run(name, once, options.timeoutMs);
    await base.run(name, once, options.timeoutMs);
    const perIteration = Math.max(median(probe.samples), 0.001);
    t.iterations = Math.min(1000, Math.max(1, Math.round(options.targetBatchMs / perIteration)));
    t.slow = t.iterations === 1 && perIteration > 4 * options.targetBatchMs;
    t.batchMs = perIteration * t.iterations;
  }
  const batch = { time: 0, iterations: t.iterations, warmupTime: 0, warmupIterations: 0 };
  // One untimed batch per side and block: a fresh process's JIT and DuckDB's caches are still
  // warming over its first calls, and the two sides warm at different paces. A slow benchmark
  // skips it: one call is as long as a round, and its rounds' median shrugs off a cold one.
  if (!t.slow) {
    await candidate.run(name, batch, options.timeoutMs);
    await base.run(name, batch, options.timeoutMs);
  }
  const round = async (baseFirst: boolean): Promise<PairedRound> => {
    const first = await (baseFirst ? base : candidate).run(name, batch, options.timeoutMs);
    const second = await (baseFirst ? candidate : base).run(name, batch, options.timeoutMs);
    const [b, c] = baseFirst ? [first, second] : [second, first];
    return {
      base: median(b.samples),
      candidate: median(c.samples),
      baseMean: mean(b.samples),
      candidateMean: mean(c.samples),
      baseFirst,
      baseWaitMs: b.waitMs,
      candidateWaitMs: c.waitMs,
      ...(b.foreignMs === undefined || c.foreignMs === undefined ? {} : { baseForeignMs: b.foreignMs, candidateForeignMs: c.foreignMs }),
    };
  };
  const count = Math.round(roundCount(t.batchMs, options) * scale);
  const rounds: PairedRound[] = [];
  for (let r = 0; r < count; r++) rounds.push(await round((r + block) % 2 === 0));
  // A round in which other processes took far more of the machine during one side's batch is kept
  // on record but left out of the estimate, and measured again in its place (one per block: a
  // batch's foreign CPU is read in 10 ms ticks, so a busy machine flags some rounds by chance).
  for (let extra = 0; extra < 1; extra++) {
    const uneven = unevenRounds(rounds);
    rounds.forEach((r, i) => (r.uneven = uneven[i] || undefined));
    const stale = rounds.filter((r) => r.uneven);
    if (stale.length <= extra) break;
    // The same order as the round it stands in for, so the orders stay balanced.
    rounds.push(await round((stale[extra] as PairedRound).baseFirst ?? true));
  }
  for (const r of rounds) if (!r.uneven) delete r.uneven;
  // The probe was one cold call; what a batch takes once warm sets the next blocks' rounds.
  t.batchMs = median(rounds.map((r) => (r.base + r.candidate) / 2)) * batch.iterations;
  return rounds;
}

/** The most a suite's rounds per block are multiplied by to outweigh its setup. */
export const MAX_ROUNDS_SCALE = 4;

/**
 * How many times the usual rounds a suite's benchmarks get in this block, so that getting both
 * sides ready (process start, setup or restore: `setupMs`, known before measuring starts) is at
 * most 30% of the block. A fresh pair's cost is paid either way; and on this machine most of the
 * spread between blocks is the rounds' own noise (a median share of 0.6 to 1 in whole-suite A/A
 * runs), so more rounds in a block buy evidence that more blocks would buy at a setup each.
 */
export function roundsScale(
  setupMs: number,
  pending: readonly { batchMs: number | undefined; slow: boolean }[],
  options: Pick<PairedOptions, 'roundsPerBlock' | 'targetBatchMs'>,
): number {
  // A batch takes its measured time (a very fast benchmark's can be far under the target: its
  // iterations are capped), or the target before the first probe.
  const measureMs = pending.reduce((sum, t) => sum + 2 * (t.batchMs ?? options.targetBatchMs) * (roundCount(t.batchMs, options) + (t.slow ? 0 : 1)), 0);
  if (measureMs <= 0) return 1;
  return Math.min(MAX_ROUNDS_SCALE, Math.max(1, (setupMs * 7) / 3 / measureMs));
}

/**
 * Rounds for one benchmark in one block: about the time `roundsPerBlock` target batches take, so a
 * long benchmark costs no more than a fast one. At least 3 (a median, both orders), or 2 for a
 * slow one, whose one call per round is long enough to be steady: one round in each order.
 */
export function roundCount(batchMs: number | undefined, options: Pick<PairedOptions, 'roundsPerBlock' | 'targetBatchMs'>): number {
  const batch = Math.max(batchMs ?? options.targetBatchMs, options.targetBatchMs);
  const fit = Math.round((options.roundsPerBlock * options.targetBatchMs) / batch);
  const least = batch > 4 * options.targetBatchMs ? 2 : 3;
  return Math.min(options.roundsPerBlock, Math.max(least, fit));
}

function toComparison(t: Tracked, prior: VariancePrior | undefined): BenchmarkComparison {
  const rounds = t.blocks.flat();
  const estimate = rounds.length ? pairedEstimate(t.blocks, 0.95, prior) : undefined;
  const base = {
    id: t.info.id,
    suite: t.info.suite,
    name: t.info.name,
    threshold: t.rule.threshold,
    thresholdSource: t.thresholdSource,
    estimate,
    baseMs: rounds.length ? median(rounds.map((r) => r.base)) : undefined,
    candidateMs: rounds.length ? median(rounds.map((r) => r.candidate)) : undefined,
    iterationsPerBatch: t.iterations ?? 0,
    blocks: t.blocks,
  };
  if (t.skipped !== undefined) return { ...base, status: 'skipped', verdict: undefined, message: t.skipped };
  if (t.error !== undefined) return { ...base, status: 'error', verdict: undefined, message: t.error };
  const verdict = t.verdict as Verdict;
  return { ...base, status: verdict.decision as BenchmarkComparison['status'], verdict, message: undefined };
}
