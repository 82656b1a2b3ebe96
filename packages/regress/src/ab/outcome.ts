import { comparisonReason, verdictReason } from '../report/verdict-words.js';
import type { PairedResult } from './paired-run.js';
import { instructionRegressions, type InstructionComparison } from '../measures/instruction-verdict.js';
import { instructionReason } from '../report/instruction-words.js';

export type GateOutcome = 'pass' | 'fail' | 'inconclusive';

/** The gate's answer for a comparison: fail on any confirmed regression (a benchmark or the suite's mean). */
export function gateOutcome(result: PairedResult & { instructions?: InstructionComparison }): { outcome: GateOutcome; summary: string } {
  const regressed = result.benchmarks.filter((b) => b.status === 'regressed');
  const counted = instructionRegressions(result.instructions);
  const undecided = result.benchmarks.filter((b) => b.status === 'inconclusive' || b.status === 'error');
  const suiteRegressed = result.suite?.verdict.decision === 'regressed';
  if (regressed.length || suiteRegressed || counted.length) {
    const names = regressed.map((b) => b.id);
    if (result.suite && suiteRegressed) names.push(`the suite's geometric mean (${verdictReason(result.suite.verdict, result.suite.estimate)})`);
    names.push(...counted.map(instructionReason));
    return { outcome: 'fail', summary: `regression confirmed: ${names.join(', ')}` };
  }
  if (undecided.length) {
    return {
      outcome: 'inconclusive',
      summary: `no regression confirmed, but ${undecided.length} benchmark(s) undecided: ${listSome(undecided.map((b) => `${b.id} (${comparisonReason(b)})`))}`,
    };
  }
  const skipped = result.benchmarks.filter((b) => b.status === 'skipped').length;
  const compared = result.benchmarks.length - skipped;
  return { outcome: 'pass', summary: `no regression: ${compared} benchmark(s) within their thresholds${skipped ? `, ${skipped} skipped by their suite` : ''}` };
}

/** The first few items, then how many more: a summary line stays readable for a suite of any size. */
export function listSome(items: readonly string[], most = 5): string {
  const shown = items.slice(0, most).join('; ');
  return items.length > most ? `${shown}; and ${items.length - most} more (see the table)` : shown;
}
