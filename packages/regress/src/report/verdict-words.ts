import { formatChange, formatPercent } from '@frozen-duckdb/core';
import type { Estimate } from '../stats/paired.js';
import type { Verdict } from '../stats/decide.js';

/** An estimate as "+12.3% [+8.1%, +16.7%]". */
export function describeEstimate(e: Pick<Estimate, 'ratio' | 'low' | 'high'>): string {
  return `${formatChange(e.ratio)} [${formatChange(e.low)}, ${formatChange(e.high)}]`;
}

/** Why the verdict is what it is, in words, without the numbers of the estimate. */
export function verdictWhy(v: Verdict, e: { low: number | null }): string {
  const threshold = `${formatPercent(v.threshold)} threshold`;
  switch (v.basis) {
    case 'too-few-pairs':
      return `only ${v.blocks} of ${v.minBlocks} process pairs ran`;
    case 'interval-past':
      return `the whole interval is past the ${threshold}`;
    case 'interval-faster':
      return 'faster by more than the threshold';
    case 'interval-within':
      return `within the ${threshold}`;
    case 'estimate-past':
      return `significantly slower, estimate past the ${threshold}`;
    case 'estimate-within':
      return `estimate within the ${threshold}`;
    case 'budget-within':
      return `not shown slower than the ${threshold} when the budget ran out: the estimate is within it (${
        e.low === null || e.low <= 1 ? 'the interval includes no change' : 'slower, but by less than the threshold'
      })`;
    case 'budget-spans':
      return `the interval still spans the ${threshold} when the budget ran out (+-${formatPercent(v.halfWidth, 1)}, needs +-${formatPercent(v.precision, 1)})`;
    case 'spans':
      return `the interval spans the ${threshold}`;
  }
}

/** The estimate and why: "+12.3% [+8.1%, +16.7%]: the whole interval is past the 10% threshold". */
export function verdictReason(v: Verdict, e: Pick<Estimate, 'ratio' | 'low' | 'high'>): string {
  return `${describeEstimate(e)}: ${verdictWhy(v, e)}`;
}

/** A compared benchmark's estimate and why, or what went wrong / why its suite skipped itself. */
export function comparisonReason(b: { verdict: Verdict | undefined; estimate: Estimate | undefined; message: string | undefined }): string {
  if (b.verdict && b.estimate) return verdictReason(b.verdict, b.estimate);
  return b.message ?? '';
}

/** Why alone, as `comparisonReason` without the estimate's numbers. */
export function comparisonWhy(b: { verdict?: Verdict | undefined; estimate?: { low: number | null } | undefined; message?: string | undefined }): string {
  if (b.verdict && b.estimate) return verdictWhy(b.verdict, b.estimate);
  return b.message ?? '';
}

/** One line on contention when it was seen (other processes taking the cores, rounds measured again); empty otherwise. */
export function contentionLine(
  c: { rounds: number; uneven: number; baseForeignCores: number; candidateForeignCores: number; baseWaitShare: number; candidateWaitShare: number } | undefined,
): string {
  if (!c || (c.uneven === 0 && Math.max(c.baseForeignCores, c.candidateForeignCores) < 0.1)) return '';
  const cores = (x: number) => x.toFixed(2);
  const share = (x: number) => `${(x * 100).toFixed(0)}%`;
  const redone = `${c.uneven} of ${c.rounds} rounds in which others took far more during one side were left out and measured again`;
  // A quiet machine can still have a few rounds another process cut into: not worth calling it contended.
  if (Math.max(c.baseForeignCores, c.candidateForeignCores) < 0.1) {
    return `a quiet machine (other processes took ${cores(c.baseForeignCores)} and ${cores(c.candidateForeignCores)} cores while measuring); ${redone}`;
  }
  return (
    `a contended machine: other processes took ${cores(c.baseForeignCores)} (base) and ${cores(c.candidateForeignCores)} (candidate) cores while measuring, ` +
    `and the threads waited for a CPU ${share(c.baseWaitShare)} and ${share(c.candidateWaitShare)} of the time; ${redone}`
  );
}
