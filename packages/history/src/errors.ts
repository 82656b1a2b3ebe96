import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** The file is not a history database this version can use (foreign, newer, damaged): left untouched. */
export class HistorySchemaError extends FrozenDuckDBError {
  readonly path: string;

  constructor(path: string, problem: string, hint: string) {
    super(`${path}: ${problem}; the file was left untouched`, { category: 'usage', hint });
    this.path = path;
  }
}

/** Another process kept the history database past the waiting limit. */
export class HistoryBusyError extends FrozenDuckDBError {
  readonly path: string;

  constructor(path: string, waitedMs: number, detail: string) {
    super(`${path} stayed busy for ${(waitedMs / 1000).toFixed(1)} s (${detail})`, {
      category: 'environment',
      hint: `wait for the other frozen-duckdb process to finish, or raise $FROZEN_DUCKDB_HISTORY_WAIT_MS; a lock file whose process is gone is taken over by itself`,
    });
    this.path = path;
  }
}

/** There is no history database yet where one was asked for. */
export class HistoryMissingError extends FrozenDuckDBError {
  readonly path: string;

  constructor(path: string) {
    super(`no history database at ${path}`, {
      category: 'usage',
      hint: 'run `frozen-duckdb bench` (or compare, baseline record) to record one, or pass --history PATH / set $FROZEN_DUCKDB_HISTORY',
    });
    this.path = path;
  }
}

/** A file given to `history import` is not a results, comparison or history export. */
export class HistoryImportError extends FrozenDuckDBError {
  readonly source: string;

  constructor(source: string, problem: string, hint: string, cause?: unknown) {
    super(`${source}: ${problem}`, { category: 'usage', hint, ...(cause === undefined ? {} : { cause }) });
    this.source = source;
  }
}

/** A bad argument to the history API or command. */
export class HistoryUsageError extends FrozenDuckDBError {
  constructor(message: string, hint: string) {
    super(message, { category: 'usage', hint });
  }
}
