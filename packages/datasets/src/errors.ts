import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** Bad input from the user (unknown dataset or format, bad scale, missing or malformed file): exit 2. */
export class DatasetInputError extends FrozenDuckDBError {
  constructor(message: string, hint: string, cause?: unknown) {
    super(message, { category: 'usage', hint, cause });
  }
}

/** An output that exists already and would be overwritten without --force. */
export class OutputExistsError extends DatasetInputError {
  readonly paths: string[];

  constructor(paths: string[]) {
    const shown = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
    super(`output exists already: ${shown}`, 'pass --force to replace it, or choose another output');
    this.paths = paths;
  }
}

/** An output folder or file that cannot be written. */
export class OutputNotWritableError extends FrozenDuckDBError {
  constructor(path: string, reason: string, hint = 'choose a folder you can write to (check its permissions), or create it first') {
    super(`cannot write to ${path}: ${reason}`, { category: 'environment', hint });
  }
}
