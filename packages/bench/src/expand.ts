import type { BenchmarkFn, BenchmarkSpec, ParamValue, Params, SuiteDefinition } from './suite.js';

/** One runnable benchmark after parameter expansion, as the runner and the results know it. */
export interface BenchmarkInfo {
  /** `suite/name`: unique in a project, the key in every report. */
  id: string;
  suite: string;
  /** The key in `benchmarks`, with its parameters: `appender (rows=1000)`. */
  name: string;
  key: string;
  params: Record<string, ParamValue>;
  group: string;
  threshold: number | undefined;
  timeoutMs: number | undefined;
  targetMs: number | undefined;
  /** Why `--measure instructions` leaves it out (the benchmark's or its suite's `uncounted`); absent when it is counted. */
  uncounted?: string;
  /** Its own limit on the instruction count's growth, over the run's (BenchmarkSpec.instructionThreshold). */
  instructionThreshold?: number;
}

/** Every combination of the parameter values, in declaration order (the last parameter varies fastest). */
export function combinations(params: Record<string, readonly ParamValue[]>): Record<string, ParamValue>[] {
  let result: Record<string, ParamValue>[] = [{}];
  for (const [name, values] of Object.entries(params)) {
    result = result.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return result;
}

/** The expanded name of a benchmark: the key alone, or `key (a=1, b=x)`. */
export function expandedName(key: string, params: Record<string, ParamValue>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? key : `${key} (${entries.map(([k, v]) => `${k}=${String(v)}`).join(', ')})`;
}

export function specOf<D>(entry: BenchmarkFn<D> | BenchmarkSpec<D>): BenchmarkSpec<D> {
  return typeof entry === 'function' ? { run: entry } : entry;
}

/** A runnable benchmark: its info plus the functions to call in the worker. */
export interface ExpandedBenchmark<D = unknown> {
  info: BenchmarkInfo;
  run: BenchmarkFn<D>;
  beforeEach: BenchmarkFn<D> | undefined;
  params: Params;
}

/** Throws unless `value` is absent or a finite number above 0 (a timeout of 0 or NaN would kill every run at once). */
function checkPositive(value: unknown, what: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
    throw new Error(`${what} must be a number above 0; got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
}

/** Expands a suite's benchmarks, one per parameter combination; throws on a malformed entry or a duplicate name. */
export function expandSuite<D>(suite: SuiteDefinition<D>): ExpandedBenchmark<D>[] {
  const expanded: ExpandedBenchmark<D>[] = [];
  const seen = new Set<string>();
  // Checked when the suite loads: a bad threshold found after measuring would lose the run (baseline record).
  for (const [name, value] of Object.entries(suite.thresholds ?? {})) checkPositive(value, `threshold '${name}' of suite '${suite.name}'`);
  for (const [key, entry] of Object.entries(suite.benchmarks)) {
    const spec = specOf(entry);
    if (typeof spec.run !== 'function') throw new Error(`benchmark '${key}' of suite '${suite.name}' has no run function`);
    checkPositive(spec.timeout, `timeout of benchmark '${key}' in suite '${suite.name}'`);
    checkPositive(spec.target, `target of benchmark '${key}' in suite '${suite.name}'`);
    checkPositive(spec.instructionThreshold, `instructionThreshold of benchmark '${key}' in suite '${suite.name}'`);
    const params = spec.params ?? {};
    for (const [name, values] of Object.entries(params)) {
      if (!Array.isArray(values) || values.length === 0) {
        throw new Error(`parameter '${name}' of benchmark '${key}' in suite '${suite.name}' needs a non-empty array of values`);
      }
    }
    for (const combo of combinations(params)) {
      const name = expandedName(key, combo);
      if (seen.has(name)) throw new Error(`suite '${suite.name}' has two benchmarks named '${name}'`);
      seen.add(name);
      const thresholds = suite.thresholds ?? {};
      expanded.push({
        info: {
          id: `${suite.name}/${name}`,
          suite: suite.name,
          name,
          key,
          params: combo,
          group: spec.group ?? key,
          threshold: thresholds[name] ?? thresholds[key] ?? thresholds['default'],
          timeoutMs: spec.timeout,
          targetMs: spec.target,
          ...((spec.uncounted ?? suite.uncounted) ? { uncounted: spec.uncounted ?? suite.uncounted } : {}),
          ...(spec.instructionThreshold !== undefined ? { instructionThreshold: spec.instructionThreshold } : {}),
        },
        run: spec.run,
        beforeEach: spec.beforeEach,
        params: combo,
      });
    }
  }
  return expanded;
}
