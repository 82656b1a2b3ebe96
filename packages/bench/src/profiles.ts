import type { Profile } from './suite.js';

/** How long and how often one benchmark is measured in one process. */
export interface Sampling {
  /** Measuring time per round, in ms (tinybench `time`). */
  time: number;
  /** Minimum iterations per round (tinybench `iterations`). */
  iterations: number;
  /** Rounds per process: every benchmark of a suite is measured once per round, order reversed every other round, so drift hits all alike. */
  rounds: number;
  /** Warm-up before the first round; later rounds are already warm. */
  warmupTime: number;
  warmupIterations: number;
  /** Default limit for one measuring round, in ms; a benchmark's `timeout` overrides it. */
  timeoutMs: number;
  /** Limit for a suite's setup, in ms. */
  setupTimeoutMs: number;
}

export const SAMPLING: Record<Profile, Sampling> = {
  quick: { time: 200, iterations: 3, rounds: 2, warmupTime: 50, warmupIterations: 1, timeoutMs: 60_000, setupTimeoutMs: 180_000 },
  full: { time: 1000, iterations: 5, rounds: 4, warmupTime: 250, warmupIterations: 1, timeoutMs: 300_000, setupTimeoutMs: 900_000 },
};

/** DuckDB settings every worker pins unless told otherwise: recorded with the results. */
export const DEFAULT_SETTINGS = { threads: '2', memory_limit: '4GB' } as const;
