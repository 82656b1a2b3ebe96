import { decide, type GateRule, type Verdict } from './decide.js';
import { fitVariancePrior, type VariancePrior } from './moderated.js';
import { blockSpread, pairedEstimate, type Block } from './paired.js';

/** A benchmark as the run's decision step sees it: its blocks so far, its rule and its verdict once decided. */
export interface Judged {
  blocks: readonly Block[];
  rule: GateRule;
  verdict: Verdict | undefined;
}

/**
 * The run's prior for the spread between blocks, from every benchmark measured in two or more
 * (decided ones too: their spread is evidence about the machine and the processes all the same).
 */
export function runPrior(all: readonly Judged[]): VariancePrior | undefined {
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
