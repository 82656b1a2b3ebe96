import { mean, variance } from '@frozen-duckdb/bench';
import type { BenchmarkComparison } from '../ab/paired-run.js';
import type { ChangeTruth } from './truth.js';

/** What the gate made of one change, against the change's size measured without it. */
export interface ChangeSummary {
  name: string;
  truth: ChangeTruth;
  trials: number;
  failRate: number;
  inconclusiveRate: number;
  /** Mean and standard deviation over trials of the gate's estimate minus the truth, in ratio units (0.01 = 1 point). */
  meanError: number | undefined;
  errorSd: number | undefined;
}

/** Per change: how often the gate failed it, left it undecided, and how far its estimates sat from the truth. */
export function summarizeChanges(changes: readonly { name: string; truth: ChangeTruth; trials: readonly BenchmarkComparison[] }[]): ChangeSummary[] {
  return changes.map(({ name, truth, trials }) => {
    const share = (pred: (b: BenchmarkComparison) => boolean) => (trials.length ? trials.filter(pred).length / trials.length : 0);
    const errors = trials.flatMap((b) => (b.estimate && b.status !== 'error' ? [b.estimate.ratio - truth.ratio] : []));
    return {
      name,
      truth,
      trials: trials.length,
      failRate: share((b) => b.status === 'regressed'),
      inconclusiveRate: share((b) => b.status === 'inconclusive' || b.status === 'error'),
      meanError: errors.length ? mean(errors) : undefined,
      errorSd: errors.length >= 2 ? Math.sqrt(variance(errors)) : undefined,
    };
  });
}

/** The size classes: what the gate must pass, and what it must catch. */
export const SIZE_CLASSES = [
  { label: 'up to +3% (must pass)', from: -Infinity, to: 1.03 },
  { label: '+3% to +10%', from: 1.03, to: 1.1 },
  { label: '+10% to +13%', from: 1.1, to: 1.13 },
  { label: '+13% to +15% (caught in 90% or more)', from: 1.13, to: 1.15 },
  { label: '+15% to +25% (caught in 95% or more)', from: 1.15, to: 1.25 },
  { label: 'over +25%', from: 1.25, to: Infinity },
] as const;

/** Totals per size class of the truth: trials, fails, inconclusive, and the mean estimate error over their trials. */
export function sizeClassTotals(summaries: readonly ChangeSummary[]) {
  return SIZE_CLASSES.map((c) => {
    const members = summaries.filter((s) => s.truth.ratio > c.from && s.truth.ratio <= c.to);
    const trials = members.reduce((n, s) => n + s.trials, 0);
    const weighted = members.filter((s) => s.meanError !== undefined);
    const errorTrials = weighted.reduce((n, s) => n + s.trials, 0);
    return {
      label: c.label,
      changes: members.length,
      trials,
      fails: Math.round(members.reduce((n, s) => n + s.failRate * s.trials, 0)),
      inconclusive: Math.round(members.reduce((n, s) => n + s.inconclusiveRate * s.trials, 0)),
      meanError: errorTrials ? weighted.reduce((sum, s) => sum + (s.meanError as number) * s.trials, 0) / errorTrials : undefined,
    };
  }).filter((c) => c.changes > 0);
}
