import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** An input of the report (a comparison file, the history database) is missing or not what it claims. */
export class ReportInputError extends FrozenDuckDBError {
  readonly path: string;

  constructor(path: string, message: string, hint: string, cause?: unknown) {
    super(message, { category: 'usage', hint, ...(cause === undefined ? {} : { cause }) });
    this.path = path;
  }
}

/** The report was asked for something it cannot draw (no data source, a pattern that matches nothing). */
export class ReportUsageError extends FrozenDuckDBError {
  constructor(message: string, hint: string) {
    super(message, { category: 'usage', hint });
  }
}
