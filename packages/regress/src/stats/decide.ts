import { DEFAULT_THRESHOLD } from '../gate/threshold.js';
import type { Estimate } from './paired.js';

export interface GateRule {
  /** Fail when confirmed slower than this fraction: 0.10 is 10%. */
  threshold: number;
  /**
   * Interval half-width (as a fraction) at which the estimate is precise enough to decide on its
   * point value. Smaller costs more rounds; half the threshold keeps a slowdown of 1.5 x threshold
   * caught nearly always and identical code passing nearly always (see the simulated tests).
   */
  precision: number;
  /** Fewer blocks than this never decide: process bias needs several fresh pairs to average out. */
  minBlocks: number;
  /**
   * The same when the spread between blocks is moderated by the run's other benchmarks
   * (`moderated.ts`): their evidence about process bias stands in for a third pair.
   */
  moderatedMinBlocks: number;
  /**
   * Deciding on the point estimate needs this many blocks: with fewer, the spread between blocks
   * is itself too uncertain, and a lucky narrow interval would decide too soon.
   */
  pointBlocks: number;
}

export type Decision = 'ok' | 'faster' | 'regressed' | 'continue' | 'inconclusive';

/** Which test of `decide` settled the verdict; reporters turn it into words. */
export type Basis =
  /** Fewer process pairs than the rule's minimum. */
  | 'too-few-pairs'
  /** The whole interval is past the threshold. */
  | 'interval-past'
  /** The whole interval is faster than the threshold. */
  | 'interval-faster'
  /** The whole interval is under the threshold. */
  | 'interval-within'
  /** Precise enough: significantly slower with the estimate past the threshold. */
  | 'estimate-past'
  /** Precise enough: the estimate is within the threshold. */
  | 'estimate-within'
  /** The budget ran out with the estimate within the threshold. */
  | 'budget-within'
  /** The budget ran out with the interval still spanning the threshold. */
  | 'budget-spans'
  /** Undecided yet: the interval spans the threshold. */
  | 'spans';

/** A verdict as a value: the decision, the test that made it and the numbers it was judged with. */
export interface Verdict {
  decision: Decision;
  basis: Basis;
  /** The threshold it was judged against, as a fraction. */
  threshold: number;
  /** The interval's half-width relative to the estimate, and the half-width the rule asks for. */
  halfWidth: number;
  precision: number;
  /** Process pairs measured, and the fewest that may decide. */
  blocks: number;
  minBlocks: number;
}

/** The default rule for a threshold. */
export function gateRule(threshold = DEFAULT_THRESHOLD, overrides: Partial<GateRule> = {}): GateRule {
  return { threshold, precision: threshold * 0.5, minBlocks: 3, moderatedMinBlocks: 2, pointBlocks: 6, ...overrides };
}

/**
 * Decides from an estimate, or asks for more evidence. Clear cases stop early: the whole
 * interval under the threshold passes, the whole interval over it fails. Otherwise, once the
 * interval is narrow enough, a benchmark fails when it is significantly slower and its estimate
 * is past the threshold. `final` (the budget is spent) turns "continue" into "ok" when the
 * estimate is within the threshold, and into "inconclusive" when it is past it.
 */
export function decide(e: Estimate, rule: GateRule, final = false): Verdict {
  const limit = 1 + rule.threshold;
  const fasterLimit = 1 - rule.threshold;
  const halfWidth = (e.high - e.low) / 2 / e.ratio;
  const minBlocks = e.priorDf === undefined ? rule.minBlocks : rule.moderatedMinBlocks;
  const verdict = (decision: Decision, basis: Basis): Verdict => ({
    decision,
    basis,
    threshold: rule.threshold,
    halfWidth,
    precision: rule.precision,
    blocks: e.blocks,
    minBlocks,
  });
  if (e.blocks < minBlocks) return verdict(final ? 'inconclusive' : 'continue', 'too-few-pairs');
  if (e.low > limit) return verdict('regressed', 'interval-past');
  if (e.high < fasterLimit) return verdict('faster', 'interval-faster');
  if (e.high < limit) return verdict('ok', 'interval-within');
  if (halfWidth <= rule.precision && e.blocks >= rule.pointBlocks) {
    return e.ratio > limit && e.low > 1 ? verdict('regressed', 'estimate-past') : verdict('ok', 'estimate-within');
  }
  if (final) {
    // Out of budget, the best estimate decides whether the threshold was crossed. Asking for
    // significance too would be wrong at suite scale: under identical code 2.5% of benchmarks
    // look significantly slower by chance, so a 74-benchmark suite would end undecided most times.
    return e.ratio <= limit ? verdict('ok', 'budget-within') : verdict('inconclusive', 'budget-spans');
  }
  return verdict('continue', 'spans');
}
