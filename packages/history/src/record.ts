/** What one run puts in the history database: plain JSON, also the format of a staged (pending) run. */
import type { MachineFingerprint } from '@frozen-duckdb/regress';

export const RUN_RECORD_SCHEMA = 'frozen-duckdb/history-run';
export const RUN_RECORD_VERSION = 1;

export type RunKind = 'bench' | 'compare' | 'record';
export type RunOutcome = 'pass' | 'fail' | 'inconclusive';

export interface RunRow {
  /** Random for a run recorded by a command; derived from the files for an import, so importing twice adds nothing. */
  id: string;
  kind: RunKind;
  /** ISO 8601, UTC. */
  createdAt: string;
  commit: string | null;
  /** The base a comparison measured against. */
  baseCommit: string | null;
  dirty: boolean | null;
  /** Hash of the machine fingerprint (fingerprints.hash); null when unknown (an imported comparison). */
  fingerprint: string | null;
  profile: string | null;
  /** Processes, filter, DuckDB settings, sampling, threshold: what the run was measured with, shard apart. */
  settings: Record<string, unknown>;
  /** 'i/n' for one shard, 'i/n,j/n,...' for shards merged into one run, null for a whole run. */
  shard: string | null;
  outcome: RunOutcome | null;
  durationMs: number | null;
  project: string | null;
  /** 'cli bench', 'import a.json b.json', ... */
  source: string;
}

/** The machine a run was measured on, as baselines record it, under its hash. */
export interface FingerprintRow extends MachineFingerprint {
  hash: string;
}

/** One benchmark in one run. Times in ms per iteration. */
export interface ResultRow {
  benchmark: string;
  suite: string | null;
  name: string | null;
  /** bench/record: ok, error, timeout, crash; compare: ok, faster, regressed, inconclusive, error. */
  status: string;
  medianMs: number | null;
  meanMs: number | null;
  minMs: number | null;
  p25Ms: number | null;
  p75Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  sdMs: number | null;
  /** Samples kept. */
  n: number | null;
  iterations: number | null;
  cpuMs: number | null;
  peakRssBytes: number | null;
  /** Comparison (or bench's confirmation): the base side's median, the ratio candidate/base and its interval. */
  baseMs: number | null;
  ratio: number | null;
  ratioLow: number | null;
  ratioHigh: number | null;
  threshold: number | null;
  /** The gate's decision for this benchmark (regressed, ok, new, ...), when the run was gated. */
  verdict: string | null;
  reason: string | null;
  error: string | null;
}

/**
 * Raw samples of one benchmark, by block: for bench a block is a worker process and `ms` its
 * samples; for compare a block is a pair of fresh processes, `ms` the candidate's rounds and
 * `baseMs` the base's rounds, round for round.
 */
export interface SampleBlock {
  benchmark: string;
  block: number;
  ms: number[];
  baseMs?: number[];
}

export interface RunRecord {
  schema: typeof RUN_RECORD_SCHEMA;
  version: typeof RUN_RECORD_VERSION;
  run: RunRow;
  fingerprint: FingerprintRow | null;
  results: ResultRow[];
  samples: SampleBlock[];
}

/** A result row with every measurement empty, for builders to fill in. */
export function emptyResult(benchmark: string, status: string): ResultRow {
  const slash = benchmark.indexOf('/');
  return {
    benchmark,
    suite: slash > 0 ? benchmark.slice(0, slash) : null,
    name: slash > 0 ? benchmark.slice(slash + 1) : null,
    status,
    medianMs: null,
    meanMs: null,
    minMs: null,
    p25Ms: null,
    p75Ms: null,
    p99Ms: null,
    maxMs: null,
    sdMs: null,
    n: null,
    iterations: null,
    cpuMs: null,
    peakRssBytes: null,
    baseMs: null,
    ratio: null,
    ratioLow: null,
    ratioHigh: null,
    threshold: null,
    verdict: null,
    reason: null,
    error: null,
  };
}

/** Checks a parsed staged run; returns the problem, or undefined when it is a usable record. */
export function runRecordProblem(value: unknown): string | undefined {
  const r = value as Partial<RunRecord> | null;
  if (!r || typeof r !== 'object') return 'not a JSON object';
  if (r.schema !== RUN_RECORD_SCHEMA) return `schema is not '${RUN_RECORD_SCHEMA}'`;
  if (r.version !== RUN_RECORD_VERSION) return `version ${String(r.version)} (this version reads ${RUN_RECORD_VERSION})`;
  if (!r.run || typeof r.run.id !== 'string' || !['bench', 'compare', 'record'].includes(r.run.kind as string)) return 'run is missing or has no id/kind';
  if (!Array.isArray(r.results) || !Array.isArray(r.samples)) return 'results or samples are missing';
  return undefined;
}
