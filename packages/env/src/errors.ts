import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** DuckDB publishes no prebuilt engine for this platform. */
export class UnsupportedPlatformError extends FrozenDuckDBError {
  readonly platformKey: string;

  constructor(platformKey: string, supported: string[], overridden: boolean) {
    super(
      `DuckDB publishes no prebuilt engine for ${platformKey}${overridden ? ' (set by FROZEN_DUCKDB_PLATFORM)' : ''}; ` +
        `@duckdb/node-bindings ships: ${supported.join(', ')}`,
      {
        category: 'environment',
        hint:
          'run on one of those platforms (for example a linux/amd64 or linux/arm64 container), ' +
          'or build DuckDB from source (https://duckdb.org/docs/dev/building) and set DUCKDB_LIB_DIR to its build folder',
      },
    );
    this.platformKey = platformKey;
  }
}

/** A flag or environment value that env cannot use. */
export class EnvSetupError extends FrozenDuckDBError {
  constructor(message: string, hint: string, category: 'usage' | 'environment' | 'failure' = 'environment') {
    super(message, { category, hint });
  }
}
