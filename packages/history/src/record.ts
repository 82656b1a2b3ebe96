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
  /** Instructions per call inside DuckDB (`--measure instructions`): this run's (a comparison's candidate), and the base side's. */
  instructions: number | null;
  baseInstructions: number | null;
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
    instructions: null,
    baseInstructions: null,
  };
}

const TIME_FIELDS = ['medianMs', 'meanMs', 'minMs', 'p25Ms', 'p75Ms', 'p99Ms', 'maxMs', 'sdMs', 'cpuMs', 'baseMs'] as const;
const RATIO_FIELDS = ['ratio', 'ratioLow', 'ratioHigh'] as const;
const COUNT_FIELDS = ['n', 'iterations', 'peakRssBytes'] as const;
const TEXT_FIELDS = ['suite', 'name', 'verdict', 'reason', 'error'] as const;
/** Means of counted calls: not whole numbers, but never 0 (nothing counted is no count). */
const INSTRUCTION_FIELDS = ['instructions', 'baseInstructions'] as const;

// NaN or Infinity is stored as NULL (a live run's missing figure; JSON has none): only a negative time is wrong.
const isTime = (v: unknown) => typeof v === 'number' && (!Number.isFinite(v) || v >= 0);
const nullable = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown) => typeof v === 'string';

function runProblem(run: Partial<RunRow>): string | undefined {
  if (typeof run.id !== 'string' || run.id === '' || !['bench', 'compare', 'record'].includes(run.kind as string)) return 'run is missing or has no id/kind';
  if (typeof run.createdAt !== 'string' || Number.isNaN(Date.parse(run.createdAt))) return 'run.createdAt is not a date';
  for (const key of ['commit', 'baseCommit', 'fingerprint', 'profile', 'shard', 'project'] as const)
    if (!nullable(isText)(run[key])) return `run.${key} is not text`;
  if (!nullable((v) => typeof v === 'boolean')(run.dirty)) return 'run.dirty is not true or false';
  if (!nullable((v) => ['pass', 'fail', 'inconclusive'].includes(v as string))(run.outcome)) return 'run.outcome is not pass, fail or inconclusive';
  if (!nullable(isTime)(run.durationMs)) return 'run.durationMs is not a duration';
  if (typeof run.source !== 'string') return 'run.source is not text';
  if (typeof run.settings !== 'object' || run.settings === null) return 'run.settings is not an object';
  return undefined;
}

function resultProblem(x: unknown, i: number): string | undefined {
  const at = `results[${i}]`;
  if (typeof x !== 'object' || x === null) return `${at} is not an object`;
  const r = x as Record<string, unknown>;
  if (typeof r['benchmark'] !== 'string' || r['benchmark'] === '') return `${at}.benchmark is not a name`;
  if (typeof r['status'] !== 'string' || r['status'] === '') return `${at}.status is not a status`;
  for (const key of TIME_FIELDS) if (!nullable(isTime)(r[key] ?? null)) return `${at}.${key} is not a time (a number of ms, 0 or more)`;
  for (const key of RATIO_FIELDS) if (!nullable((v) => isTime(v) && v !== 0)(r[key] ?? null)) return `${at}.${key} is not a ratio above 0`;
  for (const key of COUNT_FIELDS) if (!nullable(isCount)(r[key] ?? null)) return `${at}.${key} is not a whole number`;
  if (!nullable((v) => isTime(v) && v !== 0)(r['threshold'] ?? null)) return `${at}.threshold is not a number above 0`;
  for (const key of TEXT_FIELDS) if (!nullable(isText)(r[key] ?? null)) return `${at}.${key} is not text`;
  // Absent in records staged before counts were kept: read as null.
  for (const key of INSTRUCTION_FIELDS)
    if (!nullable((v) => typeof v === 'number' && Number.isFinite(v) && v > 0)(r[key] ?? null)) return `${at}.${key} is not a count above 0`;
  return undefined;
}

function sampleProblem(x: unknown, i: number): string | undefined {
  const at = `samples[${i}]`;
  if (typeof x !== 'object' || x === null) return `${at} is not an object`;
  const s = x as Record<string, unknown>;
  if (typeof s['benchmark'] !== 'string' || !isCount(s['block'])) return `${at} lacks benchmark or block`;
  if (!Array.isArray(s['ms']) || !s['ms'].every(isTime)) return `${at}.ms is not a list of times`;
  const base = s['baseMs'];
  if (base !== undefined && (!Array.isArray(base) || !base.every(nullable(isTime)))) return `${at}.baseMs is not a list of times`;
  return undefined;
}

/**
 * Checks a run record field by field, as the database's columns need it: a staged run, an import
 * or a command's own record with a null status or a negative time is refused by name here, before
 * it reaches (and, in a transaction, poisons) the database. Returns the problem, or undefined.
 */
export function runRecordProblem(value: unknown): string | undefined {
  const r = value as Partial<RunRecord> | null;
  if (!r || typeof r !== 'object') return 'not a JSON object';
  if (r.schema !== RUN_RECORD_SCHEMA) return `schema is not '${RUN_RECORD_SCHEMA}'`;
  if (r.version !== RUN_RECORD_VERSION) return `version ${String(r.version)} (this version reads ${RUN_RECORD_VERSION})`;
  if (!r.run || typeof r.run !== 'object') return 'run is missing or has no id/kind';
  const run = runProblem(r.run);
  if (run) return run;
  if (!Array.isArray(r.results) || !Array.isArray(r.samples)) return 'results or samples are missing';
  const f = r.fingerprint;
  if (f !== null && (typeof f !== 'object' || f === undefined || typeof f.hash !== 'string' || !isCount(f.cores) || !isTime(f.memoryBytes)))
    return 'fingerprint is not a machine';
  for (const [i, x] of r.results.entries()) {
    const problem = resultProblem(x, i);
    if (problem) return problem;
  }
  for (const [i, x] of r.samples.entries()) {
    const problem = sampleProblem(x, i);
    if (problem) return problem;
  }
  return undefined;
}
