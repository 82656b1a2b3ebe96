import { median } from '@frozen-duckdb/bench';
import { decide, type GateRule, type Verdict } from './decide.js';
import { fitVariancePrior, type VariancePrior } from './moderated.js';
import { blockSpread, foreignCores, pairedEstimate, type Block } from './paired.js';

/** A benchmark as the run's decision step sees it: its blocks so far, its rule and its verdict once decided. */
export interface Judged {
  blocks: readonly Block[];
  rule: GateRule;
  verdict: Verdict | undefined;
}

/** Other processes taking this many cores or more (the median over the run's rounds) make a machine busy. */
export const BUSY_FOREIGN_CORES = 0.25;

/**
 * Whether the run's rounds show a quiet machine: other processes took less than `BUSY_FOREIGN_CORES`
 * during the median round. Unknown (no /proc figures) counts as busy.
 */
export function quietRun(all: readonly Judged[]): boolean {
  const cores = all.flatMap((j) =>
    j.blocks.flat().flatMap((r) => {
      const c = foreignCores(r);
      return c ? [c.base, c.candidate] : [];
    }),
  );
  return cores.length > 0 && median(cores) < BUSY_FOREIGN_CORES;
}

/**
 * The run's prior for the spread between blocks, from every benchmark measured in two or more
 * (decided ones too: their spread is evidence about the machine and the processes all the same).
 * None on a busy machine: a neighbour biases some benchmarks' processes far more than others (a
 * parallel query more than a single-threaded one), and a prior fitted to the rest then made a
 * CPU-hog A/A run fail TPC-H Q03 at +35% [+14%, +59%] after 3 blocks.
 */
export function runPrior(all: readonly Judged[]): VariancePrior | undefined {
  if (!quietRun(all)) return undefined;
  return fitVariancePrior(all.flatMap((j) => blockSpread(j.blocks) ?? []));
}

/**
 * After a block: judges every open benchmark with its spread moderated by the run's prior, and
 * records the verdicts that are not "continue" (all of them when `final`: the budget is spent).
 * Returns the prior it judged with.
 */
export function decideOpen<T extends Judged>(all: readonly T[], open: (j: T) => boolean, final = false): VariancePrior | undefined {
  const prior = runPrior(all);
  for (const j of all.filter(open)) {
    const verdict = decide(pairedEstimate(j.blocks, 0.95, prior), j.rule, final);
    if (verdict.decision !== 'continue') j.verdict = verdict;
  }
  return prior;
}
