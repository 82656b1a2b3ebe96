/**
 * Messages between the runner and a worker process (over the IPC channel). Every request
 * carries an id; the worker answers each with exactly one reply of the same id.
 */
import type { QueryRuns } from '@frozen-duckdb/core';
import type { BenchmarkInfo } from '../expand.js';
import type { CpuSummary } from './cpu-profile.js';
import type { InstructionCount } from '../instructions/count.js';
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
  /** `share`: a folder this side's processes share, where the first saves the suite's setup and later ones restore it (`key` names the suite, profile and settings). */
  | { id: number; type: 'open'; file: string; profile: Profile; settings: Record<string, string>; share?: SetupShare }
  | { id: number; type: 'run'; benchmark: string; sampling: RunSampling }
  /** One warm-up call, one call under DuckDB's profiler, then calls under V8's CPU profiler for about `cpuMs` (workers that answer it say so in `opened`). */
  | { id: number; type: 'profile'; benchmark: string; cpuMs: number }
  /** One warm-up call, then `iterations` calls whose instructions inside DuckDB are counted (workers started under callgrind only). */
  | { id: number; type: 'count'; benchmark: string; iterations: number }
  /** `keep`: close the suite but keep the process for another suite (workers older than this flag ignore it and exit). */
  | { id: number; type: 'close'; keep?: boolean };

export interface ListedSuite {
  name: string;
  file: string;
  benchmarks: BenchmarkInfo[];
}

/** Where a suite's setup is shared between the processes of one side, and under which key. */
export interface SetupShare {
  dir: string;
  key: string;
}

/** How a process got its suite ready. */
export interface SetupReport {
  /** `ran`: the suite's setup ran here; `restored`: from the snapshot an earlier process of this side saved. */
  how: 'ran' | 'restored';
  /** When this process saved a snapshot for later ones, how long that took, ms. */
  snapshotMs?: number;
  /** Why the setup cannot be shared (it runs in every process), or why a restore was refused. */
  refused?: string;
}

export interface OpenedSuite extends ListedSuite {
  duckdbVersion: string;
  settings: Record<string, string>;
  /** Time to get the suite ready in this process (its setup, or a restore), ms. */
  setupMs: number;
  setup: SetupReport;
  notes: { label: string; value: number; unit: string }[];
  /** This worker answers `profile` requests (older builds do not). */
  profiles?: true;
  /** This worker answers `count` requests (older builds do not). */
  counts?: true;
}

/** What one benchmark call does inside DuckDB and in JavaScript: the diagnosis of a regression compares two of these. */
export interface BenchmarkProfile {
  /** Wall time of the call run under DuckDB's profiler, ms. */
  wallMs: number;
  /** The statements that call ran on the suite's connection, runs of one statement summed. */
  queries: QueryRuns[];
  /** Statements whose profile could not be read (several in one string keep only the last; a failed one has none). */
  missed: number;
  cpu: CpuSummary;
}

/** One measuring call's raw numbers. */
export interface RunMeasurement {
  /** Wall time per iteration, ms, sorted: tinybench's latency samples, thinned to 2,000 evenly spaced quantiles when there were more. */
  samples: number[];
  /** CPU time of the whole process (all threads) per measured iteration, ms; hooks excluded. */
  cpuMs: number;
  /** Time the process's threads waited for a CPU (run queue) per measured iteration, ms; 0 where unknown. Hooks included. */
  waitMs: number;
  /** CPU time other processes took on the machine per measured iteration, ms (all cores, from /proc/stat: 10 ms steps); 0 where unknown. */
  foreignMs: number;
  iterations: number;
  peakRssBytes: number;
  duckdbBytes: number;
}

export type Reply =
  | { id: number; type: 'listed'; suite: ListedSuite }
  | { id: number; type: 'opened'; suite: OpenedSuite }
  | { id: number; type: 'measured'; measurement: RunMeasurement }
  | { id: number; type: 'profiled'; profile: BenchmarkProfile }
  | { id: number; type: 'counted'; count: InstructionCount }
  /** The suite's setup called ctx.skip(reason): nothing is open, the process can take another suite. */
  | { id: number; type: 'skipped'; reason: string }
  /** `kept`: the process stays, ready for the next `open`. */
  | { id: number; type: 'closed'; kept?: boolean }
  | { id: number; type: 'failed'; message: string };
