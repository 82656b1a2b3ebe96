import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** A suite file could not be loaded or is not a suite. */
export class SuiteLoadError extends FrozenDuckDBError {
  constructor(file: string, detail: string) {
    super(`suite ${file} could not be loaded: ${detail}`, {
      category: 'usage',
      hint: 'export a suite made with defineSuite({ name, benchmarks }) from the file, and fix the error above',
    });
  }
}

/** Bad input to the runner: no suites, a filter that matches nothing, a malformed shard. */
export class BenchUsageError extends FrozenDuckDBError {
  constructor(message: string, hint: string) {
    super(message, { category: 'usage', hint });
  }
}

/** A results file that is not a results file of a version this runner reads. */
export class ResultsFormatError extends FrozenDuckDBError {
  constructor(source: string, detail: string) {
    super(`${source} is not a frozen-duckdb bench results file: ${detail}`, {
      category: 'usage',
      hint: 'pass a file written by `frozen-duckdb bench --json FILE`',
    });
  }
}

/** Why a worker request failed: the benchmark threw, ran past its timeout, or the process died. */
export type FailureKind = 'error' | 'timeout' | 'crash';

/** A worker request failed; the runner records it against the benchmark (or suite) and goes on. */
export class WorkerFailure extends FrozenDuckDBError {
  readonly kind: FailureKind;

  constructor(kind: FailureKind, message: string) {
    super(message, { category: 'failure', hint: 'run the benchmark alone with --filter to see it fail in isolation' });
    this.kind = kind;
  }
}

const SKIPPED = Symbol.for('frozen-duckdb.bench.skipped');

/**
 * A suite's setup found that it cannot run here (`ctx.skip(reason)`): no server, no GPU, no data.
 * The runner reports the suite as skipped with the reason, which is not a failure. A WorkerFailure
 * of kind 'error' so that callers that know nothing of skipping still stop cleanly.
 */
export class SuiteSkipped extends WorkerFailure {
  readonly reason: string;
  readonly [SKIPPED] = true;

  constructor(reason: string) {
    super('error', `suite skipped: ${reason}`);
    this.reason = reason;
  }
}

/** Whether an error is a SuiteSkipped, also one made by another copy of this package (a suite may import its own). */
export function isSuiteSkipped(error: unknown): error is SuiteSkipped {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[SKIPPED] === true;
}
