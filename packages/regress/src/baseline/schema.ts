/** The schema of `.performance_baseline`; bump the version when a field changes meaning. */
export const BASELINE_SCHEMA = 'frozen-duckdb/baseline';
export const BASELINE_VERSION = 1;

/** The machine a baseline was measured on: absolute times only compare on the same one. */
export interface MachineFingerprint {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  duckdb: string;
}

/** One benchmark's recorded timing (milliseconds per iteration). */
export interface BaselineEntry {
  median: number;
  mean: number;
  p10: number;
  p90: number;
  /** (p90 - p10) / median across all samples: how noisy it was when recorded. */
  spread: number;
  samples: number;
  processes: number;
  /** Fail threshold for this benchmark as a fraction (0.10 = 10%). */
  threshold: number;
  /** Instructions per call inside DuckDB's C API, when recorded with `--measure instructions`. */
  instructions?: number;
}

export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  version: typeof BASELINE_VERSION;
  /** The commit measured: the gate checks it out to compare side by side. */
  commit: string;
  recordedAt: string;
  machine: MachineFingerprint;
  settings: Record<string, string | number | boolean>;
  /** Keyed by "suite/benchmark". */
  benchmarks: Record<string, BaselineEntry>;
}

/** Returns the problems with a parsed value, empty when it is a valid baseline. */
export function baselineProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['not a JSON object'];
  const b = value as Record<string, unknown>;
  if (b.schema !== BASELINE_SCHEMA) return [`schema is ${JSON.stringify(b.schema)}, expected "${BASELINE_SCHEMA}"`];
  if (b.version !== BASELINE_VERSION) return [`version ${JSON.stringify(b.version)} is not supported (expected ${BASELINE_VERSION})`];
  const problems: string[] = [];
  if (typeof b.commit !== 'string' || !/^[0-9a-f]{7,40}$/.test(b.commit)) problems.push('commit is not a git commit id');
  if (typeof b.recordedAt !== 'string') problems.push('recordedAt is missing');
  const m = b.machine as Record<string, unknown> | undefined;
  if (!m || typeof m !== 'object' || typeof m.cpuModel !== 'string' || typeof m.cores !== 'number') {
    problems.push('machine fingerprint is missing or incomplete');
  }
  if (typeof b.settings !== 'object' || b.settings === null) problems.push('settings are missing');
  if (typeof b.benchmarks !== 'object' || b.benchmarks === null || Array.isArray(b.benchmarks)) {
    problems.push(Array.isArray(b.benchmarks) ? 'benchmarks is a list, not an object keyed by "suite/name"' : 'benchmarks are missing');
  } else if (Object.keys(b.benchmarks).length === 0) {
    // A baseline that gates nothing would pass every run.
    problems.push('benchmarks is empty: this baseline would gate nothing');
  } else {
    for (const [name, entry] of Object.entries(b.benchmarks as Record<string, unknown>)) {
      const e = entry as Record<string, unknown>;
      const bad = ['median', 'mean', 'p10', 'p90', 'spread', 'samples', 'processes', 'threshold'].find(
        (field) => typeof e?.[field] !== 'number' || !Number.isFinite(e[field] as number),
      );
      if (bad) {
        problems.push(`benchmark "${name}": ${bad} is not a number`);
        continue;
      }
      // Values that would quietly turn the gate off for this benchmark.
      if ((e.median as number) <= 0) problems.push(`benchmark "${name}": median ${String(e.median)} is not a time above 0`);
      if ((e.threshold as number) <= 0 || (e.threshold as number) >= 10)
        problems.push(`benchmark "${name}": threshold ${String(e.threshold)} is not a fraction between 0 and 10`);
      if (!Number.isInteger(e.samples) || (e.samples as number) < 1 || !Number.isInteger(e.processes) || (e.processes as number) < 1) {
        problems.push(`benchmark "${name}": samples and processes must be whole numbers of at least 1`);
      }
      // A count of 0 or less would make every later count a regression, or none.
      if (e.instructions !== undefined && (typeof e.instructions !== 'number' || !Number.isFinite(e.instructions) || e.instructions <= 0))
        problems.push(`benchmark "${name}": instructions ${JSON.stringify(e.instructions)} is not a count above 0`);
    }
  }
  return problems;
}

/** True when two fingerprints describe the same kind of machine (absolute times comparable). */
export function sameMachine(a: MachineFingerprint, b: MachineFingerprint): boolean {
  return a.cpuModel === b.cpuModel && a.cores === b.cores && a.os === b.os && a.node === b.node && a.duckdb === b.duckdb;
}
