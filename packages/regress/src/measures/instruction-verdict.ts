import { isCounted, type InstructionResult } from '@frozen-duckdb/bench';

/**
 * Default limit on the instruction-count change. Identical runs of the quick suite's counted benchmarks
 * were a median 0.05% apart, all but one within 1.04% (docs/instructions.md), so 2% sits above that
 * residue and still catches a change that adds a fiftieth of the work: an extra aggregate, a wider filter.
 */
export const DEFAULT_INSTRUCTION_THRESHOLD = 0.02;

export type InstructionDecision = 'ok' | 'regressed' | 'fewer' | 'uncounted' | 'error';

/** One benchmark's instruction counts on both sides and the decision at `threshold`. */
export interface InstructionVerdict {
  id: string;
  /** Instructions per call, each side; absent when that side has no count. */
  base?: number;
  candidate?: number;
  /** candidate / base. */
  ratio?: number;
  threshold: number;
  decision: InstructionDecision;
  /** Why there is no count (uncounted, error). */
  reason?: string;
}

/** The instruction measure of a comparison: a verdict per benchmark, separate from the wall-time verdicts. */
export interface InstructionComparison {
  threshold: number;
  /** Counted calls per benchmark and side (after one uncounted warm-up). */
  iterations: number;
  verdicts: InstructionVerdict[];
}

/** A benchmark's limit on its count's growth: its own (`instructionThreshold` in its suite) before the run's. */
export function instructionThresholdFor(benchmark: { instructionThreshold?: number | undefined }, run: number): number {
  return benchmark.instructionThreshold ?? run;
}

/** What a change in count means at `threshold`: more than it is a regression, as much fewer is `fewer`. */
export function countDecision(ratio: number, threshold: number): 'ok' | 'regressed' | 'fewer' {
  return ratio > 1 + threshold ? 'regressed' : ratio < 1 / (1 + threshold) ? 'fewer' : 'ok';
}

/** Decides one benchmark on its counts: deterministic counts need no interval, the ratio is the evidence. */
export function instructionVerdict(
  id: string,
  base: InstructionResult | undefined,
  candidate: InstructionResult | undefined,
  threshold: number,
): InstructionVerdict {
  for (const side of [base, candidate]) {
    if (side === undefined) return { id, threshold, decision: 'error', reason: 'not counted' };
    if ('error' in side) return { id, threshold, decision: 'error', reason: side.error };
    if ('uncounted' in side) return { id, threshold, decision: 'uncounted', reason: side.uncounted };
  }
  if (!isCounted(base) || !isCounted(candidate)) return { id, threshold, decision: 'error', reason: 'not counted' };
  const ratio = candidate.perIteration / base.perIteration;
  const decision = countDecision(ratio, threshold);
  return { id, base: base.perIteration, candidate: candidate.perIteration, ratio, threshold, decision };
}

/** The benchmarks whose instruction counts regressed, with their change: the gate fails on any. */
export function instructionRegressions(comparison: InstructionComparison | undefined): InstructionVerdict[] {
  return comparison?.verdicts.filter((v) => v.decision === 'regressed') ?? [];
}
