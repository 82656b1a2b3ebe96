import type { ErrorCategory } from '@frozen-duckdb/core';

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
