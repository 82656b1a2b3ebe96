import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** Bad input from the user (unknown dataset or format, bad scale, missing or malformed file): exit 2. */
export class DatasetInputError extends FrozenDuckDBError {
  constructor(message: string, hint: string, cause?: unknown) {
    super(message, { category: 'usage', hint, cause });
  }
}
