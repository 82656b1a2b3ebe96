// A simulated noisy machine, for testing the statistics with known truths. Named as what it is:
// a model of measurements, used where the property under test is a rate over thousands of trials.
import { pairedEstimate, type Block } from '../src/stats/paired.js';
import { decide, gateRule, type GateRule, type Verdict } from '../src/stats/decide.js';
import { decideOpen } from '../src/stats/decide-run.js';
import type { BenchmarkComparison } from '../src/ab/paired-run.js';

export function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface MachineModel {
  /** Log-scale sd of a process's own bias (fixed for its lifetime). */
  processBias: number;
  /** Log-scale sd of one timed batch. */
  roundNoise: number;
  /** Chance that a batch is hit by a neighbour (x1.3 to x3). */
  outlierRate: number;
  /** Log-scale sd of slow drift shared by both sides of a round. */
  drift: number;
  /** Cores other processes take during every batch, as the worker reports them (0: a quiet machine). */
  foreignCores?: number;
}

export const NOISY: MachineModel = { processBias: 0.03, roundNoise: 0.05, outlierRate: 0.05, drift: 0.3 };

/** One block: a fresh base process and a fresh candidate process, `rounds` interleaved rounds. */
export function simulateBlock(random: () => number, model: MachineModel, trueRatio: number, rounds: number): Block {
  const biasBase = model.processBias * normal(random);
  const biasCandidate = model.processBias * normal(random);
  const out = [];
  let drift = 0;
  for (let r = 0; r < rounds; r++) {
    drift += model.drift * normal(random) * 0.1;
    const batch = (bias: number) => {
      const hit = random() < model.outlierRate ? 1.3 + 1.7 * random() : 1;
      return 15 * Math.exp(drift + bias + model.roundNoise * normal(random)) * hit;
    };
    const base = batch(biasBase);
    const candidate = batch(biasCandidate) * trueRatio;
    const foreign = model.foreignCores ?? 0;
    out.push({ base, candidate, baseForeignMs: foreign * base, candidateForeignMs: foreign * candidate });
  }
  return out;
}

export interface Trial {
  verdict: Verdict;
  blocks: number;
  ratio: number;
}

/** The adaptive procedure: add blocks until the rule decides or `maxBlocks` are spent. */
export function simulateGate(random: () => number, model: MachineModel, trueRatio: number, rule: GateRule, roundsPerBlock = 8, maxBlocks = 16): Trial {
  const blocks: Block[] = [];
  for (;;) {
    blocks.push(simulateBlock(random, model, trueRatio, roundsPerBlock));
    const estimate = pairedEstimate(blocks);
    const verdict = decide(estimate, rule, blocks.length >= maxBlocks);
    if (verdict.decision !== 'continue') return { verdict, blocks: blocks.length, ratio: estimate.ratio };
  }
}

/** A finished comparison of one benchmark from six simulated blocks of six rounds, judged with the budget spent. */
export function simulatedComparison(random: () => number, model: MachineModel, trueRatio: number, id = 'suite/bench'): BenchmarkComparison {
  const blocks: Block[] = Array.from({ length: 6 }, () => simulateBlock(random, model, trueRatio, 6));
  const estimate = pairedEstimate(blocks);
  const verdict = decide(estimate, gateRule(0.1), true);
  const [suite = '', name = ''] = id.split('/');
  return {
    id,
    suite,
    name,
    threshold: 0.1,
    thresholdSource: 'default',
    status: verdict.decision === 'continue' ? 'inconclusive' : verdict.decision,
    verdict,
    message: undefined,
    estimate,
    baseMs: 15,
    candidateMs: 15 * trueRatio,
    iterationsPerBatch: 1,
    blocks,
  };
}

/** One simulated benchmark of a run: its machine model and its true ratio. */
export interface SimulatedBenchmark {
  model: MachineModel;
  truth: number;
}

/**
 * A whole run as `runPaired` judges it: every open benchmark gets a block, then `decideOpen`
 * judges them all with the run's moderated spread, until all are decided or `maxBlocks` ran.
 */
export function simulateRun(random: () => number, benchmarks: readonly SimulatedBenchmark[], rule: GateRule, roundsPerBlock = 8, maxBlocks = 16): Trial[] {
  const judged = benchmarks.map((b) => ({ ...b, blocks: [] as Block[], rule, verdict: undefined as Verdict | undefined, decidedAt: 0 }));
  const open = (j: { verdict: Verdict | undefined }) => j.verdict === undefined;
  for (let block = 1; judged.some(open); block++) {
    for (const j of judged.filter(open)) j.blocks.push(simulateBlock(random, j.model, j.truth, roundsPerBlock));
    decideOpen(judged, open, block >= maxBlocks);
    for (const j of judged) if (j.verdict && !j.decidedAt) j.decidedAt = block;
  }
  return judged.map((j) => ({ verdict: j.verdict as Verdict, blocks: j.decidedAt, ratio: pairedEstimate(j.blocks).ratio }));
}

/** A machine model with its noise scaled by `factor`: benchmarks differ in how noisy they are. */
export function scaledModel(model: MachineModel, factor: number): MachineModel {
  return { ...model, processBias: model.processBias * factor, roundNoise: model.roundNoise * factor };
}
