import type { ErrorCategory } from '@frozen-duckdb/core';
import type { GateOutcome } from '@frozen-duckdb/regress';

/** The CLI's exit codes, the same for every command. */
export const EXIT = {
  ok: 0,
  /** The check or the gate failed. */
  failed: 1,
  /** Bad usage or a broken environment: nothing was measured or decided. */
  usage: 2,
  /** Not enough evidence to decide; the output says why. */
  inconclusive: 3,
} as const;

/** One exit code per error category. */
export function exitCodeFor(category: ErrorCategory): number {
  switch (category) {
    case 'usage':
    case 'environment':
      return EXIT.usage;
    case 'inconclusive':
      return EXIT.inconclusive;
    case 'failure':
      return EXIT.failed;
  }
}

const OUTCOME_EXIT: Record<GateOutcome, number> = { pass: EXIT.ok, fail: EXIT.failed, inconclusive: EXIT.inconclusive };

/** The exit code of a run's outcome: 0 pass, 1 fail, 3 inconclusive. */
export function exitCodeForOutcome(outcome: GateOutcome): number {
  return OUTCOME_EXIT[outcome];
}
