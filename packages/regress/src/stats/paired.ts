import { madNormal, mean, median, variance } from '@frozen-duckdb/bench';
import { studentTQuantile } from './student-t.js';
import { moderateVariance, type SampleVariance, type VariancePrior } from './moderated.js';

/** One round: the same benchmark timed on the base side and the candidate side, back to back. */
export interface PairedRound {
  base: number;
  candidate: number;
  /** Mean per iteration of each side's batch, ms (the estimate uses the medians above; kept to check them against). */
  baseMean?: number;
  candidateMean?: number;
  /** Which side ran first. The side that runs second is a few percent slower on this machine. */
  baseFirst?: boolean;
  /** Run-queue wait of each side's threads per iteration, ms: how long they waited for a CPU. */
  baseWaitMs?: number;
  candidateWaitMs?: number;
  /** CPU time other processes took on the machine during each side's batch, per iteration, ms. */
  baseForeignMs?: number;
  candidateForeignMs?: number;
  /** Other processes took far more of the machine during one side's batch than usual (`unevenRounds`): left out of the estimate. */
  uneven?: boolean;
}

/** How far (in cores taken by other processes) a round's difference between the sides may stray from the block's typical one. */
export const UNEVEN_FOREIGN = 0.75;

/**
 * The cores other processes took during each side's batch (their CPU time over the batch's wall
 * time); undefined where the worker could not say (no /proc, an older worker).
 */
export function foreignCores(r: PairedRound): { base: number; candidate: number } | undefined {
  if (r.baseForeignMs === undefined || r.candidateForeignMs === undefined) return undefined;
  return { base: r.baseForeignMs / r.base, candidate: r.candidateForeignMs / r.candidate };
}

/**
 * The rounds in which other processes took far more of the machine during one side's batch than
 * during the other's, compared with the block's typical difference: a neighbour that started or
 * stopped mid-round. Measured in cores (foreign CPU time over the batch's wall time).
 */
export function unevenRounds(rounds: readonly PairedRound[]): boolean[] {
  const diff = rounds.map((r) => {
    const cores = foreignCores(r);
    return cores && cores.candidate - cores.base;
  });
  const known = diff.filter((d): d is number => d !== undefined);
  if (known.length < 3) return rounds.map(() => false);
  const typical = median(known);
  return diff.map((d) => d !== undefined && Math.abs(d - typical) > UNEVEN_FOREIGN);
}

/** The rounds an estimate uses: all but uneven ones, as long as three or more are left. */
function evenRounds(block: Block): Block {
  const even = block.filter((r) => !r.uneven);
  return even.length >= 3 ? even : block;
}

/**
 * Rounds from one pair of fresh worker processes. A process carries its own bias (a few percent
 * on this machine), so rounds within a block are not independent: blocks are the unit of evidence.
 */
export type Block = readonly PairedRound[];

/** candidate / base, with its confidence interval. */
export interface Estimate {
  /** Geometric-mean ratio candidate / base: 1.10 is 10% slower. */
  ratio: number;
  low: number;
  high: number;
  confidence: number;
  /** Standard error of the mean log ratio. */
  logSe: number;
  df: number;
  blocks: number;
  rounds: number;
  /** The prior's degrees of freedom when the spread between blocks was moderated by the run's other benchmarks (`moderated.ts`). */
  priorDf?: number;
}

/** ln(candidate / base) of every round, per block. */
export function logRatios(blocks: readonly Block[]): number[][] {
  return blocks.map((block) => evenRounds(block).map((r) => Math.log(r.candidate / r.base)));
}

/**
 * A block's log ratio: the median over its rounds, so one disturbed round cannot move it. When
 * rounds say which side ran first and both orders are present, the median of each order is taken
 * and the two averaged: running second costs a few percent here, and an odd round count would
 * otherwise leave that cost in the block (alternating its sign from block to block).
 */
export function blockLogRatio(all: Block): number {
  const block = evenRounds(all);
  const first = block.filter((r) => r.baseFirst === true).map(logRatio);
  const second = block.filter((r) => r.baseFirst === false).map(logRatio);
  if (first.length && second.length && first.length + second.length === block.length) {
    return (median(first) + median(second)) / 2;
  }
  return median(block.map(logRatio));
}

const logRatio = (r: PairedRound) => Math.log(r.candidate / r.base);

/**
 * The ratio and its interval from blocks of paired rounds: the mean over blocks of each block's
 * log ratio (`blockLogRatio`), with a t interval on the spread between blocks, which carries
 * process bias, drift and round noise alike. With one block only the rounds' spread is
 * available, which understates the error; `blocks` says so to the caller.
 */
export function pairedEstimate(blocks: readonly Block[], confidence = 0.95, prior?: VariancePrior): Estimate {
  const nonEmpty = blocks.filter((b) => b.length > 0);
  const perBlock = logRatios(nonEmpty);
  const rounds = perBlock.reduce((n, b) => n + b.length, 0);
  if (rounds === 0) throw new RangeError('no paired rounds to estimate from');
  const blockMeans = nonEmpty.map(blockLogRatio);
  let m: number;
  let se: number;
  let df: number;
  if (blockMeans.length >= 2) {
    m = mean(blockMeans);
    const own = { variance: variance(blockMeans), df: blockMeans.length - 1 };
    const spread = prior ? moderateVariance(own, prior) : own;
    se = Math.sqrt(Math.max(spread.variance, roundsFloor(perBlock)) / blockMeans.length);
    df = Math.min(spread.df, MAX_DF);
  } else {
    const only = perBlock[0] as number[];
    m = mean(only);
    se = only.length >= 2 ? Math.sqrt(variance(only) / only.length) : Infinity;
    df = Math.max(1, only.length - 1);
  }
  const moderated = prior && blockMeans.length >= 2 ? { priorDf: prior.df } : {};
  return { ...logInterval(m, se, df, confidence), blocks: blockMeans.length, rounds, ...moderated };
}

/**
 * The least variance a block's log ratio can have: the sampling variance of a median of its rounds
 * (π/2 · σ²/n for a median of n, σ from the rounds' MAD, so a disturbed round does not inflate it),
 * averaged over blocks of two or more rounds. Blocks that happen to agree, or a prior fitted to
 * quieter benchmarks, cannot make an interval narrower than the rounds' own noise allows: under a
 * CPU hog a TPC-H query's rounds varied by ±50% and six blocks agreed well enough by chance to fail
 * identical code without it.
 */
export function roundsFloor(perBlock: readonly (readonly number[])[]): number {
  const floors = perBlock.filter((rounds) => rounds.length >= 2).map((rounds) => ((Math.PI / 2) * madNormal(rounds) ** 2) / rounds.length);
  return floors.length ? mean(floors) : 0;
}

/** Past this many degrees of freedom the t quantile is the normal one to 4 digits. */
const MAX_DF = 10_000;

/** The spread between a benchmark's blocks (two or more): what `fitVariancePrior` pools over benchmarks. */
export function blockSpread(blocks: readonly Block[]): SampleVariance | undefined {
  const blockMeans = blocks.filter((b) => b.length > 0).map(blockLogRatio);
  return blockMeans.length >= 2 ? { variance: variance(blockMeans), df: blockMeans.length - 1 } : undefined;
}

/** A ratio and its t interval from a mean log ratio, its standard error and degrees of freedom. */
function logInterval(m: number, se: number, df: number, confidence: number) {
  const t = studentTQuantile(0.5 + confidence / 2, Math.max(1, df));
  return { ratio: Math.exp(m), low: Math.exp(m - t * se), high: Math.exp(m + t * se), confidence, logSe: se, df };
}

/**
 * The suite's geometric-mean ratio over benchmarks: mean of the log ratios, errors combined as
 * independent, degrees of freedom by Welch-Satterthwaite.
 */
export function combineEstimates(estimates: readonly Estimate[], confidence = 0.95): Estimate {
  if (estimates.length === 0) throw new RangeError('no estimates to combine');
  const n = estimates.length;
  const m = mean(estimates.map((e) => Math.log(e.ratio)));
  const variances = estimates.map((e) => (e.logSe / n) ** 2);
  const total = variances.reduce((a, b) => a + b, 0);
  const dfDenominator = variances.reduce((sum, v, i) => sum + v ** 2 / (estimates[i] as Estimate).df, 0);
  const df = dfDenominator > 0 ? total ** 2 / dfDenominator : Math.min(...estimates.map((e) => e.df));
  // Moderated when every part was: it may then be judged after as few blocks as they were.
  const priors = estimates.map((e) => e.priorDf);
  const moderated = priors.every((p) => p !== undefined) ? { priorDf: Math.min(...(priors as number[])) } : {};
  return {
    ...logInterval(m, Math.sqrt(total), df, confidence),
    blocks: Math.min(...estimates.map((e) => e.blocks)),
    rounds: estimates.reduce((s, e) => s + e.rounds, 0),
    ...moderated,
  };
}
