import { mean, variance } from '@frozen-duckdb/bench';
import { digamma, trigamma, trigammaInverse } from './polygamma.js';

/**
 * What the benchmarks of one run say about the spread between blocks that any of them may have:
 * a scaled inverse-χ² prior for a benchmark's block variance, fitted to all of their sample
 * variances (Smyth's empirical Bayes, as limma does for genes). With two blocks a benchmark's own
 * variance has one degree of freedom (a t quantile of 12.7); borrowing the others' lends it `df`
 * more, which is what lets a run decide most benchmarks one block sooner.
 */
export interface VariancePrior {
  /** The prior's degrees of freedom (how many blocks' worth of evidence it is worth), at most `PRIOR_MAX_DF`. */
  df: number;
  /** Its typical variance of a block's log ratio. */
  variance: number;
  /** How many benchmarks it was fitted to. */
  fittedTo: number;
}

/** A sample variance and its degrees of freedom. */
export interface SampleVariance {
  variance: number;
  df: number;
}

/** Fewer benchmarks than this give no prior: the spread of their variances says too little. */
export const PRIOR_MIN_BENCHMARKS = 8;

/**
 * The most blocks' worth a prior may count for. Fitted to one-degree variances (two blocks each),
 * the prior's df is the small difference of two large numbers and often comes out infinite by
 * chance: on this machine's recorded A/A runs (4 × 74 benchmarks) intervals at two blocks then
 * missed the true ratio 6.4% of the time, with 4 at most 3.0% (nominal 5%), at block three 4.1%.
 */
export const PRIOR_MAX_DF = 4;

/**
 * Fits the prior by moments of the log variances: ln s² has mean ln s0² + ψ(d/2) − ln(d/2) + ...
 * and variance ψ₁(d0/2) + ψ₁(d/2). Zero variances (a benchmark that read identical ratios) carry
 * no log and are left out. Undefined when fewer than `PRIOR_MIN_BENCHMARKS` are left.
 */
export function fitVariancePrior(samples: readonly SampleVariance[]): VariancePrior | undefined {
  const usable = samples.filter((s) => s.df > 0 && s.variance > 0 && Number.isFinite(s.variance));
  if (usable.length < PRIOR_MIN_BENCHMARKS) return undefined;
  const e = usable.map((s) => Math.log(s.variance) - digamma(s.df / 2) + Math.log(s.df / 2));
  const centre = mean(e);
  const excess = variance(e) - mean(usable.map((s) => trigamma(s.df / 2)));
  const fitted = excess > 0 ? 2 * trigammaInverse(excess) : Infinity;
  const typical = fitted === Infinity ? Math.exp(centre) : Math.exp(centre + digamma(fitted / 2) - Math.log(fitted / 2));
  return { df: Math.min(fitted, PRIOR_MAX_DF), variance: typical, fittedTo: usable.length };
}

/**
 * A benchmark's variance moderated by the prior: the weighted mean of the prior's and its own,
 * with the degrees of freedom of both (a posterior's, given the prior).
 */
export function moderateVariance(own: SampleVariance, prior: VariancePrior): SampleVariance {
  return { variance: (prior.df * prior.variance + own.df * own.variance) / (prior.df + own.df), df: prior.df + own.df };
}
