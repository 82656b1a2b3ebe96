import type { Connection, Database } from '@frozen-duckdb/core';

export type Profile = 'quick' | 'full';
export const PROFILES: readonly Profile[] = ['quick', 'full'];

/** A parameter value: benchmarks expand to one name per combination of values. */
export type ParamValue = string | number | boolean;
/** The values one expanded benchmark receives, by parameter name. */
export type Params = Record<string, any>;

/** What setup, teardown and every benchmark receive in the worker. */
export interface SuiteContext<D = unknown> {
  /** The worker's database (in memory), opened through core with the pinned settings. */
  db: Database;
  /** One connection to `db`, open for the whole suite. */
  connection: Connection;
  /** 'quick' (the default) or 'full': suites pick their data sizes from it. */
  profile: Profile;
  /** The pinned DuckDB settings the database was opened with. */
  settings: Readonly<Record<string, string>>;
  /** A fresh folder for the suite's files, removed when the suite closes. */
  tmpDir: string;
  /** What setup returned. */
  data: D;
  /** Records a fact next to the timings (a file size, a row count): reporters print it with the suite. */
  note(label: string, value: number, unit: string): void;
  /** In setup: the suite cannot run on this machine (no server, no GPU); it is reported as skipped with `reason`, not failed. */
  skip(reason: string): never;
}

export type BenchmarkFn<D> = (ctx: SuiteContext<D>, params: Params) => unknown;

/** A benchmark with options; a bare function is the same with no options. */
export interface BenchmarkSpec<D> {
  run: BenchmarkFn<D>;
  /** Expands to one benchmark per combination, named `key (a=1, b=x)`. */
  params?: Record<string, readonly ParamValue[]>;
  /** Runs before every iteration, outside the measured time (reset a table, ...). */
  beforeEach?: BenchmarkFn<D>;
  /** Benchmarks of one group are compared with each other ("vs best"); default: the key, so its parameter variants are compared. */
  group?: string;
  /** Milliseconds one measuring round may take before the worker is killed. */
  timeout?: number;
  /** A target median in milliseconds that the advice being tested promises. */
  target?: number;
  /**
   * Why instruction counts (`--measure instructions`) do not measure this benchmark: they count DuckDB's
   * C API only, so one whose work is mostly JavaScript (row conversion, an appender loop) says so here
   * and is listed with this reason instead of counted.
   */
  uncounted?: string;
  /**
   * This benchmark's limit on the instruction count's growth (0.05 = 5%), over `--instructions-threshold`:
   * for one whose count moves between identical runs, such as a scan with a conjunction of filters, which
   * DuckDB reorders by their measured time (docs/instructions.md).
   */
  instructionThreshold?: number;
}

export interface SuiteDefinition<D = unknown> {
  name: string;
  setup?: (ctx: SuiteContext<undefined>) => D | Promise<D>;
  teardown?: (ctx: SuiteContext<D>) => unknown;
  benchmarks: Record<string, BenchmarkFn<D> | BenchmarkSpec<D>>;
  /** Allowed relative slowdown before the regression gate fails, by benchmark key or expanded name; `default` for the rest. */
  thresholds?: Record<string, number>;
  /**
   * Side-by-side comparisons run setup once per side and restore it in later processes (the
   * database, the files setup wrote to `tmpDir`, and the value it returned). Set false for a
   * suite whose setup keeps state elsewhere, such as module variables: it then runs in every process.
   */
  shareSetup?: boolean;
  /** Why `--measure instructions` leaves every benchmark of the suite out (see BenchmarkSpec.uncounted). */
  uncounted?: string;
}

const SUITE = Symbol.for('frozen-duckdb.bench.suite');

export interface Suite<D = unknown> extends SuiteDefinition<D> {
  readonly [SUITE]: true;
}

/** Declares a suite; export it (default or named) from a `*.bench.ts` file. */
export function defineSuite<D = undefined>(definition: SuiteDefinition<D>): Suite<D> {
  return { ...definition, [SUITE]: true };
}

/** Whether a module export is a suite (made by defineSuite, or a plain object of its shape). */
export function isSuite(value: unknown): value is Suite<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SuiteDefinition>;
  return (value as Record<symbol, unknown>)[SUITE] === true || (typeof v.name === 'string' && typeof v.benchmarks === 'object' && v.benchmarks !== null);
}
