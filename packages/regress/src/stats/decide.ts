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
   * Deciding on the point estimate needs this many blocks: with fewer, the spread between blocks
   * is itself too uncertain, and a lucky narrow interval would decide too soon.
   */
  pointBlocks: number;
}

export type Decision = 'ok' | 'faster' | 'regressed' | 'continue' | 'inconclusive';

export interface Verdict {
  decision: Decision;
  /** The estimate and why: "+12.3% [+8.1%, +16.7%]: the whole interval is past the 10% threshold". */
  reason: string;
  /** Why alone, without the numbers. */
  why: string;
}

/** The default rule for a threshold. */
export function gateRule(threshold = 0.1, overrides: Partial<GateRule> = {}): GateRule {
  return { threshold, precision: threshold * 0.5, minBlocks: 3, pointBlocks: 6, ...overrides };
}

const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;

/** Describes an estimate as "+12.3% [+8.1%, +16.7%]". */
export function describeEstimate(e: Estimate): string {
  return `${pct(e.ratio)} [${pct(e.low)}, ${pct(e.high)}]`;
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
  const where = describeEstimate(e);
  const threshold = `${(rule.threshold * 100).toFixed(0)}% threshold`;
  const verdict = (decision: Decision, why: string): Verdict => ({ decision, why, reason: `${where}: ${why}` });
  if (e.blocks < rule.minBlocks) {
    return verdict(final ? 'inconclusive' : 'continue', `only ${e.blocks} of ${rule.minBlocks} process pairs ran`);
  }
  if (e.low > limit) return verdict('regressed', `the whole interval is past the ${threshold}`);
  if (e.high < fasterLimit) return verdict('faster', 'faster by more than the threshold');
  if (e.high < limit) return verdict('ok', `within the ${threshold}`);
  const halfWidth = (e.high - e.low) / 2 / e.ratio;
  if (halfWidth <= rule.precision && e.blocks >= rule.pointBlocks) {
    if (e.ratio > limit && e.low > 1) return verdict('regressed', `significantly slower, estimate past the ${threshold}`);
    return verdict('ok', `estimate within the ${threshold}`);
  }
  if (final) {
    // Out of budget, the best estimate decides whether the threshold was crossed. Asking for
    // significance too would be wrong at suite scale: under identical code 2.5% of benchmarks
    // look significantly slower by chance, so a 74-benchmark suite would end undecided most times.
    if (e.ratio <= limit) {
      const why = e.low <= 1 ? 'the interval includes no change' : 'slower, but by less than the threshold';
      return verdict('ok', `not shown slower than the ${threshold} when the budget ran out: the estimate is within it (${why})`);
    }
    const widths = `+-${(halfWidth * 100).toFixed(1)}%, needs +-${(rule.precision * 100).toFixed(1)}%`;
    return verdict('inconclusive', `the interval still spans the ${threshold} when the budget ran out (${widths})`);
  }
  return verdict('continue', `the interval spans the ${threshold}`);
}
