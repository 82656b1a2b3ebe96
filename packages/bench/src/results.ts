import type { Fingerprint } from './fingerprint.js';
import type { BenchmarkInfo } from './expand.js';
import type { Sampling } from './profiles.js';
import type { SampleStats } from './statistics.js';
import type { Profile } from './suite.js';
import type { FailureKind } from './errors.js';
import type { Warning } from './warnings.js';
import type { InstructionResult } from './instructions/count-suite.js';
import { ResultsFormatError } from './errors.js';
import { resultsProblem } from './results-check.js';

export const RESULTS_SCHEMA = 'frozen-duckdb/bench-results';
export const RESULTS_VERSION = 1;

/** What one process measured for one benchmark (all its rounds pooled). */
export interface ProcessMeasurement {
  /** Wall time per iteration, ms, sorted (at most 2,000 quantiles per round when more iterations ran). */
  samples: number[];
  /** Iterations measured (can exceed the samples kept). */
  iterations: number;
  median: number;
  /** CPU time (user + system, all threads of the process) per iteration, ms. */
  cpuMs: number;
  /** Peak resident set size while measuring, bytes. */
  peakRssBytes: number;
  /** DuckDB's memory (duckdb_memory()) after the last iteration, bytes. */
  duckdbBytes: number;
}

export interface BenchmarkResult extends BenchmarkInfo {
  file: string;
  status: 'ok' | FailureKind;
  error?: string;
  /** Wall-time statistics over every sample of every process, ms. */
  wall?: SampleStats;
  cpuMs?: number;
  peakRssBytes?: number;
  duckdbBytes?: number;
  processes: ProcessMeasurement[];
  /** Iterations measured over every process. */
  iterations?: number;
  /** Largest over smallest per-process median; present with two processes or more. */
  processSpread?: number;
  /** Median over the best median of its group (1 for the best); absent when alone in its group. */
  vsBest?: number;
  warnings: Warning[];
  /** Instructions inside DuckDB's C API per call, under callgrind (`--measure instructions`), or why there are none. */
  instructions?: InstructionResult;
}

export interface SuiteResult {
  name: string;
  file: string;
  /** Setup time in each process, ms. */
  setupMs: number[];
  notes: { label: string; value: number; unit: string }[];
  /** A setup or teardown failure, when the suite could not run. */
  error?: string;
  /** The setup skipped the suite (ctx.skip): why, and the ids of its selected benchmarks, which are then absent from `benchmarks`. Not a failure. */
  skipped?: { reason: string; benchmarks: string[] };
}

export interface BenchResults {
  schema: typeof RESULTS_SCHEMA;
  version: typeof RESULTS_VERSION;
  createdAt: string;
  durationMs: number;
  projectDir: string;
  fingerprint: Fingerprint;
  settings: {
    profile: Profile;
    processes: number;
    filter: string | null;
    shard: string | null;
    duckdb: Record<string, string>;
    sampling: Sampling;
  };
  suites: SuiteResult[];
  benchmarks: BenchmarkResult[];
}

/** Parses and checks a results document; throws ResultsFormatError naming `source`. */
export function parseResults(text: string, source = 'results'): BenchResults {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ResultsFormatError(source, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const doc = value as Partial<BenchResults> | null;
  if (!doc || typeof doc !== 'object' || doc.schema !== RESULTS_SCHEMA) {
    throw new ResultsFormatError(source, `schema is not '${RESULTS_SCHEMA}'`);
  }
  if (doc.version !== RESULTS_VERSION) {
    throw new ResultsFormatError(source, `version ${String(doc.version)} (this runner reads version ${RESULTS_VERSION})`);
  }
  if (!Array.isArray(doc.benchmarks) || !Array.isArray(doc.suites) || !doc.fingerprint || !doc.settings) {
    throw new ResultsFormatError(source, 'benchmarks, suites, fingerprint or settings is missing');
  }
  const problem = resultsProblem(doc as Record<string, unknown>);
  if (problem) throw new ResultsFormatError(source, problem);
  return doc as BenchResults;
}
