/**
 * Messages between the runner and a worker process (over the IPC channel). Every request
 * carries an id; the worker answers each with exactly one reply of the same id.
 */
import type { BenchmarkInfo } from '../expand.js';
import type { Profile } from '../suite.js';

/** How one measuring call samples: tinybench's time budget and minimum iterations, optional warm-up. */
export interface RunSampling {
  time: number;
  iterations: number;
  warmupTime: number;
  warmupIterations: number;
}

export type Request =
  | { id: number; type: 'list'; file: string }
  | { id: number; type: 'open'; file: string; profile: Profile; settings: Record<string, string> }
  | { id: number; type: 'run'; benchmark: string; sampling: RunSampling }
  /** `keep`: close the suite but keep the process for another suite (workers older than this flag ignore it and exit). */
  | { id: number; type: 'close'; keep?: boolean };

export interface ListedSuite {
  name: string;
  file: string;
  benchmarks: BenchmarkInfo[];
}

export interface OpenedSuite extends ListedSuite {
  duckdbVersion: string;
  settings: Record<string, string>;
  setupMs: number;
  notes: { label: string; value: number; unit: string }[];
}

/** One measuring call's raw numbers. */
export interface RunMeasurement {
  /** Wall time per iteration, ms, sorted: tinybench's latency samples, thinned to 2,000 evenly spaced quantiles when there were more. */
  samples: number[];
  /** CPU time of the whole process (all threads) per measured iteration, ms; hooks excluded. */
  cpuMs: number;
  iterations: number;
  peakRssBytes: number;
  duckdbBytes: number;
}

export type Reply =
  | { id: number; type: 'listed'; suite: ListedSuite }
  | { id: number; type: 'opened'; suite: OpenedSuite }
  | { id: number; type: 'measured'; measurement: RunMeasurement }
  /** The suite's setup called ctx.skip(reason): nothing is open, the process can take another suite. */
  | { id: number; type: 'skipped'; reason: string }
  /** `kept`: the process stays, ready for the next `open`. */
  | { id: number; type: 'closed'; kept?: boolean }
  | { id: number; type: 'failed'; message: string };
